package com.maskfill.engine.local.natives;

import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.EngineException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Fetches one libtorch build (flavor {@code cpu} or {@code cu128}) into the cache folder in DJL's layout, so that DJL
 * finds it without downloading anything itself. Hand-written rather than left to DJL because DJL downloads silently,
 * with no progress, no cancellation and an exception that does not say what to do offline.
 *
 * <p>DJL 0.35.1 publishes each build under {@code <base>/<version>/}: {@code files.txt} lists one path a line,
 * {@code <flavor>/<classifier>/native/lib/<url-encoded file name>.gz}, and each listed file is the gzip of one library.
 * DJL publishes no checksums; each file is verified by its length (Content-Length) and by the CRC-32 and size every
 * gzip member carries. Files go to a temporary sibling folder that is renamed into place only when all are there.
 */
public final class NativeLibraries {

    private static final System.Logger LOG = System.getLogger(NativeLibraries.class.getName());
    /** DJL's own download location. */
    public static final URI DEFAULT_BASE = URI.create("https://publish.djl.ai/pytorch/");
    private static final String TEMP_PREFIX = ".download-";
    /** Progress is reported at most once per this many bytes (plus once at the end of each file). */
    private static final long REPORT_EVERY = 1 << 20;

    /** Compressed bytes received so far out of {@code total} ({@code -1} when the server did not say). */
    @FunctionalInterface
    public interface Progress {
        void bytes(long received, long total);
    }

    private final NativePlatform platform;
    private final Path root;
    private final URI base;
    private final HttpClient http;

    /**
     * @param root the cache folder holding one sub-folder per build ({@code 2.7.1-cu128-linux-x86_64})
     * @param baseUrl where the versions are published ({@link #DEFAULT_BASE}, or a mirror / test server)
     */
    public NativeLibraries(NativePlatform platform, Path root, URI baseUrl) {
        this.platform = platform;
        this.root = root.toAbsolutePath();
        String b = baseUrl.toString();
        this.base = URI.create((b.endsWith("/") ? b : b + "/") + platform.version() + "/");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public Path root() {
        return root;
    }

    /** Where a flavor's libraries live (or will): {@code <root>/<version>-<flavor>-<classifier>}. */
    public Path folder(String flavor) {
        return root.resolve(platform.folderName(flavor));
    }

    /** The folder holds libtorch, which is what DJL checks before it would download. */
    public boolean present(String flavor) {
        return Files.isRegularFile(folder(flavor).resolve(platform.libtorchName()));
    }

    /**
     * Returns the flavor's folder, downloading it first when it is not complete.
     *
     * @throws EngineException {@link EngineException.Category#NETWORK} when the index or a file cannot be fetched or
     *     fails verification, naming what, from where, the cache folder and how to install by hand;
     *     {@link EngineException.Category#CANCELLED} when {@code cancellation} is tripped (nothing is left behind)
     */
    public Path fetch(String flavor, Progress progress, Cancellation cancellation) throws EngineException {
        Path target = folder(flavor);
        if (present(flavor)) {
            return target;
        }
        Path temp = null;
        try {
            List<String> files = listing(flavor);
            long total = totalBytes(files, cancellation);
            LOG.log(System.Logger.Level.INFO, "downloading PyTorch " + platform.version() + " " + flavor + " for "
                    + platform.classifier() + " (" + files.size() + " files, " + (total < 0 ? "size unknown"
                    : total / (1 << 20) + " MiB") + ") from " + base + " into " + target);
            Files.createDirectories(root);
            removeStaleDownloads();
            temp = Files.createTempDirectory(root, TEMP_PREFIX + platform.folderName(flavor) + "-");
            long[] received = {0};
            for (String file : files) {
                cancellation.throwIfCancelled();
                download(file, temp, received, total, progress, cancellation);
            }
            if (!Files.isRegularFile(temp.resolve(platform.libtorchName()))) {
                throw new IOException(base + "files.txt lists no " + platform.libtorchName() + " for " + flavor + "/"
                        + platform.classifier());
            }
            // a folder without libtorch is an unfinished copy by hand; the complete download replaces it
            deleteTree(target);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
            return target;
        } catch (CancellationException e) {
            throw EngineException.cancelled();
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            throw failure(flavor, e);
        } finally {
            if (temp != null) {
                deleteTree(temp);
            }
        }
    }

    /** The index lines for this flavor and classifier, e.g. {@code cu128/linux-x86_64/native/lib/libc10.so.gz}. */
    List<String> listing(String flavor) throws IOException, EngineException {
        String prefix = flavor + "/" + platform.classifier() + "/";
        List<String> files = new ArrayList<>();
        try (InputStream in = get(base.resolve("files.txt"), null)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                String path = line.strip();
                if (path.startsWith(prefix) && path.endsWith(".gz")) {
                    files.add(path);
                }
            }
        }
        if (files.isEmpty()) {
            throw new EngineException(EngineException.Category.INVALID_INPUT, "No PyTorch " + platform.version()
                    + " libraries are published for " + flavor + " on " + platform.classifier() + " (" + base
                    + "files.txt lists none)");
        }
        return files;
    }

    /** Sum of the compressed sizes the server announces, or -1 when it does not announce every one. */
    private long totalBytes(List<String> files, Cancellation cancellation) throws IOException, EngineException {
        long total = 0;
        for (String file : files) {
            cancellation.throwIfCancelled();
            HttpResponse<Void> head = send(HttpRequest.newBuilder(base.resolve(file))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.discarding());
            long length = head.statusCode() == 200 ? head.headers().firstValueAsLong("Content-Length").orElse(-1)
                    : -1;
            if (length <= 0) {
                return -1;
            }
            total += length;
        }
        return total;
    }

    private void download(String file, Path dir, long[] received, long total, Progress progress,
            Cancellation cancellation) throws IOException {
        String name = URLDecoder.decode(file.substring(file.lastIndexOf('/') + 1, file.length() - 3),
                StandardCharsets.UTF_8);
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IOException("unexpected file name in files.txt: " + file);
        }
        AtomicReference<InputStream> open = new AtomicReference<>();
        // a stalled connection must not outlive a cancel: closing the stream ends the blocked read
        try (Cancellation.Registration r = cancellation.onCancel(() -> closeQuietly(open.get()))) {
            long[] expected = {-1};
            InputStream body = get(base.resolve(file), expected);
            open.set(body);
            if (cancellation.isCancelled()) {
                closeQuietly(body);
                throw new CancellationException();
            }
            long start = received[0];
            long[] lastReport = {start};
            InputStream counted = new FilterInputStream(body) {
                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (cancellation.isCancelled()) {
                        throw new CancellationException();
                    }
                    int n;
                    try {
                        n = super.read(b, off, len);
                    } catch (IOException e) {
                        if (cancellation.isCancelled()) {
                            throw new CancellationException();
                        }
                        throw e;
                    }
                    if (n > 0) {
                        received[0] += n;
                        if (received[0] - lastReport[0] >= REPORT_EVERY) {
                            lastReport[0] = received[0];
                            progress.bytes(received[0], total);
                        }
                    }
                    return n;
                }
            };
            try (InputStream in = new GZIPInputStream(counted, 1 << 16);
                    OutputStream out = Files.newOutputStream(dir.resolve(name))) {
                in.transferTo(out);
                // the gzip trailer (CRC-32, size) has been checked; anything after it would be a second member
                counted.transferTo(OutputStream.nullOutputStream());
            }
            long got = received[0] - start;
            if (expected[0] >= 0 && got != expected[0]) {
                throw new IOException(file + ": received " + got + " bytes, the server announced " + expected[0]);
            }
            progress.bytes(received[0], total);
        }
    }

    /** GET, requiring 200; {@code length[0]} receives the Content-Length when asked for. */
    private InputStream get(URI uri, long[] length) throws IOException {
        HttpResponse<InputStream> response = send(HttpRequest.newBuilder(uri).GET(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("HTTP " + response.statusCode() + " for " + uri);
        }
        if (length != null) {
            length[0] = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        }
        return response.body();
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler)
            throws IOException {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException();
        }
    }

    private EngineException failure(String flavor, Exception cause) {
        String reason = cause.getMessage() == null || cause.getMessage().isBlank() ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        Path target = folder(flavor);
        String message = String.format(Locale.ROOT, "The local engine could not download PyTorch's native libraries "
                + "(libtorch %s, %s build for %s) from %s (%s). They are kept in the cache folder %s. "
                + "Check the internet connection and try again, or install them by hand: download %sfiles.txt and "
                + "every file it lists under %s/%s/, unpack each .gz file (gunzip) into %s, which must then contain %s.",
                platform.version(), flavor, platform.classifier(), base, reason, root, base, flavor,
                platform.classifier(), target, platform.libtorchName());
        return new EngineException(EngineException.Category.NETWORK, message, reason, cause);
    }

    /** Leftovers of a download that was killed with the process. */
    private void removeStaleDownloads() throws IOException {
        try (Stream<Path> children = Files.list(root)) {
            children.filter(p -> p.getFileName().toString().startsWith(TEMP_PREFIX)).forEach(NativeLibraries::deleteTree);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // the download is being abandoned anyway
            }
        }
    }
}
