package com.maskfill.engine.local.natives;

import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.EndpointPolicy;
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
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Fetches one libtorch build (flavor {@code cpu} or {@code cu128}) into the cache folder in DJL's layout, so that DJL
 * finds it without downloading anything itself. Hand-written rather than left to DJL because DJL downloads silently,
 * with no progress, no cancellation and an exception that does not say what to do offline.
 *
 * <p>DJL 0.35.1 publishes each build under {@code <base>/<version>/}: {@code files.txt} lists one path a line,
 * {@code <flavor>/<classifier>/native/lib/<url-encoded file name>.gz}, and each listed file is the gzip of one library.
 * DJL publishes no checksums, so every library must match a SHA-256 digest from {@link LibraryDigests} (pinned in
 * this program, or given by the user): a build with a file that has none is refused before anything is downloaded, a
 * file whose bytes differ is refused and deleted. Files go to a temporary sibling folder that is renamed into place only
 * when all are there and verified. Libraries copied into the folder by hand are checked the same way before first use.
 * The base URL and every redirect must be https, or http to a loopback address.
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
    private final Path userDigests;
    private final Function<String, LibraryDigests> pinned;

    /**
     * @param root the cache folder holding one sub-folder per build ({@code 2.7.1-cu128-linux-x86_64})
     * @param baseUrl where the versions are published ({@link #DEFAULT_BASE}, or a mirror / test server)
     * @param userDigests a {@code sha256sum} file of the user's (the {@code native-sha256} option), or null
     * @throws IllegalArgumentException when {@code baseUrl} is plain http to a host that is not this machine
     */
    public NativeLibraries(NativePlatform platform, Path root, URI baseUrl, Path userDigests) {
        this(platform, root, baseUrl, userDigests, flavor -> LibraryDigests.pinned(platform, flavor));
    }

    /** As above with other pinned digests, by flavor (tests: fake libraries). */
    NativeLibraries(NativePlatform platform, Path root, URI baseUrl, Path userDigests,
            Function<String, LibraryDigests> pinned) {
        requireSecure(baseUrl);
        this.platform = platform;
        this.root = root.toAbsolutePath();
        this.userDigests = userDigests;
        this.pinned = pinned;
        String b = baseUrl.toString();
        this.base = URI.create((b.endsWith("/") ? b : b + "/") + platform.version() + "/");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NEVER).build();
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
     * Returns the flavor's folder, downloading it first when it is not complete; libraries already there (a copy by
     * hand, or a download by an older version) are checked against the digests first.
     *
     * @throws EngineException {@link EngineException.Category#NETWORK} when the index or a file cannot be fetched or
     *     fails verification, naming what, from where, the cache folder and how to install by hand;
     *     {@link EngineException.Category#INVALID_INPUT} when a library has no known digest or a copy in the folder
     *     does not match its digest (naming the file); {@link EngineException.Category#CANCELLED} when
     *     {@code cancellation} is tripped (nothing is left behind)
     */
    public Path fetch(String flavor, Progress progress, Cancellation cancellation) throws EngineException {
        Path target = folder(flavor);
        if (present(flavor)) {
            checkCopy(flavor);
            return target;
        }
        LibraryDigests digests = known(flavor, null);
        Path temp = null;
        try {
            List<String> files = listing(flavor);
            refuseUnknown(flavor, files.stream().map(NativeLibraries::libraryName).toList(), digests,
                    base + "files.txt");
            long total = totalBytes(files, cancellation);
            LOG.log(System.Logger.Level.INFO, "downloading PyTorch " + platform.version() + " " + flavor + " for "
                    + platform.classifier() + " (" + files.size() + " files, " + (total < 0 ? "size unknown"
                    : total / (1 << 20) + " MiB") + ") from " + base + " into " + target);
            Files.createDirectories(root);
            removeStaleDownloads();
            temp = Files.createTempDirectory(root, TEMP_PREFIX + platform.folderName(flavor) + "-");
            long[] received = {0};
            Map<String, String> verified = new LinkedHashMap<>();
            for (String file : files) {
                cancellation.throwIfCancelled();
                String name = libraryName(file);
                download(file, temp.resolve(name), digests, received, total, progress, cancellation);
                verified.put(name, digests.of(name).orElseThrow());
            }
            if (!Files.isRegularFile(temp.resolve(platform.libtorchName()))) {
                throw new IOException(base + "files.txt lists no " + platform.libtorchName() + " for " + flavor + "/"
                        + platform.classifier());
            }
            LibrarySeal.write(temp, verified);
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
            HttpResponse<Void> head = send("HEAD", base.resolve(file), HttpResponse.BodyHandlers.discarding());
            long length = head.statusCode() == 200 ? head.headers().firstValueAsLong("Content-Length").orElse(-1)
                    : -1;
            if (length <= 0) {
                return -1;
            }
            total += length;
        }
        return total;
    }

    /**
     * The library a {@code files.txt} line stands for, e.g. {@code libtorch_cpu.so}.
     *
     * @throws IllegalArgumentException for a name that is not a plain file name
     */
    static String libraryName(String file) {
        String name = URLDecoder.decode(file.substring(file.lastIndexOf('/') + 1, file.length() - 3),
                StandardCharsets.UTF_8);
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")
                || name.equals(LibraryDigests.SUMS_FILE)) {
            throw new IllegalArgumentException("unexpected file name in files.txt: " + file);
        }
        return name;
    }

    /** Downloads and unpacks one file to {@code library}, which must have its digest (else it is refused). */
    private void download(String file, Path library, LibraryDigests digests, long[] received, long total,
            Progress progress, Cancellation cancellation) throws IOException {
        String name = library.getFileName().toString();
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
            MessageDigest sha256 = LibraryDigests.newDigest();
            try (InputStream in = new GZIPInputStream(counted, 1 << 16);
                    OutputStream out = new DigestOutputStream(Files.newOutputStream(library), sha256)) {
                in.transferTo(out);
                // the gzip trailer (CRC-32, size) has been checked; anything after it would be a second member
                counted.transferTo(OutputStream.nullOutputStream());
            }
            long got = received[0] - start;
            if (expected[0] >= 0 && got != expected[0]) {
                throw new IOException(file + ": received " + got + " bytes, the server announced " + expected[0]);
            }
            String actual = HexFormat.of().formatHex(sha256.digest());
            String wanted = digests.of(name).orElseThrow();
            if (!actual.equals(wanted)) {
                Files.delete(library);
                throw new DigestMismatchException(name + " from " + base.resolve(file) + " has the SHA-256 " + actual
                        + ", but " + digests.origin(name) + " is " + wanted + "; it was deleted and nothing was loaded");
            }
            progress.bytes(received[0], total);
        }
    }

    /** GET, requiring 200; {@code length[0]} receives the Content-Length when asked for. */
    private InputStream get(URI uri, long[] length) throws IOException {
        HttpResponse<InputStream> response = send("GET", uri, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("HTTP " + response.statusCode() + " for " + uri);
        }
        if (length != null) {
            length[0] = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        }
        return response.body();
    }

    /** Follows up to five redirects, each of which must be {@link #secure} before it is requested. */
    private <T> HttpResponse<T> send(String method, URI uri, HttpResponse.BodyHandler<T> handler) throws IOException {
        try {
            for (int redirects = 0; ; redirects++) {
                HttpResponse<T> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                        .method(method, HttpRequest.BodyPublishers.noBody()).build(), handler);
                Optional<String> location = response.headers().firstValue("Location");
                if (response.statusCode() / 100 != 3 || location.isEmpty()) {
                    return response;
                }
                if (response.body() instanceof InputStream body) {
                    body.close();
                }
                URI next = uri.resolve(location.get());
                if (!secure(next) || redirects == 5) {
                    throw new IOException(uri + " redirects to " + next + (redirects == 5 ? " (too many redirects)"
                            : ": plain http is allowed only to this machine"));
                }
                uri = next;
            }
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
                + "every file it lists under %s/%s/, unpack each .gz file (gunzip) into %s, which must then contain %s "
                + "(and, for a build whose digests this program does not pin, a %s file: sha256sum * > %s).",
                platform.version(), flavor, platform.classifier(), base, reason, root, base, flavor,
                platform.classifier(), target, platform.libtorchName(), LibraryDigests.SUMS_FILE,
                LibraryDigests.SUMS_FILE);
        return new EngineException(EngineException.Category.NETWORK, message, reason, cause);
    }

    /** Plain http only to a loopback address: a download from elsewhere must be https. */
    static boolean secure(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("https") || scheme.equals("http") && uri.getHost() != null
                && EndpointPolicy.isLoopback(uri.getHost());
    }

    private static void requireSecure(URI baseUrl) {
        if (!secure(baseUrl)) {
            throw new IllegalArgumentException(baseUrl + ": PyTorch's native libraries are fetched over https (plain"
                    + " http only from localhost, 127.0.0.0/8 or ::1)");
        }
    }

    /** The digests this build's libraries must have: pinned, the user's, and a {@code SHA256SUMS} file if given. */
    private LibraryDigests known(String flavor, Path sumsFile) throws EngineException {
        Path reading = userDigests;
        try {
            LibraryDigests digests = pinned.apply(flavor);
            if (userDigests != null) {
                digests = digests.and(LibraryDigests.read(userDigests));
            }
            if (sumsFile != null && Files.isRegularFile(sumsFile)) {
                reading = sumsFile;
                digests = digests.and(LibraryDigests.read(sumsFile));
            }
            return digests;
        } catch (IOException e) {
            throw new EngineException(EngineException.Category.INVALID_INPUT, "Cannot read the SHA-256 digests of "
                    + "PyTorch's native libraries from " + reading + ": " + e.getMessage(), null, e);
        } catch (IllegalArgumentException e) {
            throw new EngineException(EngineException.Category.INVALID_INPUT, "The SHA-256 digests of PyTorch's "
                    + "native libraries cannot be used: " + e.getMessage(), null, e);
        }
    }

    /** Refuses, before anything is fetched or loaded, a build with libraries that have no known digest. */
    private void refuseUnknown(String flavor, List<String> names, LibraryDigests digests, String where)
            throws EngineException {
        List<String> unknown = names.stream().filter(n -> digests.of(n).isEmpty()).toList();
        if (unknown.isEmpty()) {
            return;
        }
        throw new EngineException(EngineException.Category.INVALID_INPUT, String.format(Locale.ROOT,
                "PyTorch's native libraries (libtorch %s, %s build for %s) are not loaded: no SHA-256 digest is known "
                + "for %s (listed in %s), and code without a known digest is never loaded. This program pins the "
                + "digests of the builds it has checked. Give the others in a file named by the %s option, "
                + "\"<sha256>  <file name>\" a line as sha256sum prints them (made from a copy you trust), or copy "
                + "the libraries by hand into %s with such a file named %s next to them.", platform.version(), flavor,
                platform.classifier(), String.join(", ", unknown), where, "native-sha256", folder(flavor),
                LibraryDigests.SUMS_FILE));
    }

    /**
     * Checks libraries that are already in the flavor's folder (a copy by hand, an older download) unless their seal
     * says they were checked and have not changed since: each needs a digest and must match it.
     */
    private void checkCopy(String flavor) throws EngineException {
        Path folder = folder(flavor);
        LibraryDigests digests = known(flavor, folder.resolve(LibraryDigests.SUMS_FILE));
        try {
            List<Path> libraries = libraries(folder);
            if (LibrarySeal.intact(folder, libraries, digests)) {
                return;
            }
            refuseUnknown(flavor, libraries.stream().map(p -> p.getFileName().toString()).toList(), digests,
                    folder.toString());
            Map<String, String> verified = new LinkedHashMap<>();
            for (Path library : libraries) {
                String name = library.getFileName().toString();
                String actual = LibraryDigests.sha256(library);
                String wanted = digests.of(name).orElseThrow();
                if (!actual.equals(wanted)) {
                    throw new EngineException(EngineException.Category.INVALID_INPUT, "PyTorch's native library "
                            + library + " is not loaded: its SHA-256 is " + actual + ", but " + digests.origin(name)
                            + " is " + wanted + ". Replace it with a good copy, or delete the folder " + folder
                            + " to download the libraries again.");
                }
                verified.put(name, actual);
            }
            LibrarySeal.write(folder, verified);
        } catch (IOException e) {
            throw new EngineException(EngineException.Category.INVALID_INPUT, "Cannot check PyTorch's native "
                    + "libraries in " + folder + ": " + e.getMessage(), null, e);
        }
    }

    /**
     * The files in a build's folder that the dynamic linker could load, that is all but this program's own: the seal,
     * temporary files (names starting with a dot), {@value LibraryDigests#SUMS_FILE}, DJL's JNI bridge (copied from
     * the pytorch-jni jar and compared with it on every start) and the {@code libcudart.so} link to a sibling.
     */
    private List<Path> libraries(Path folder) throws IOException {
        String bridge = platform.djlVersion() + "-" + platform.jniName();
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(p -> {
                String name = p.getFileName().toString();
                if (name.startsWith(".") || name.equals(LibraryDigests.SUMS_FILE) || name.equals(bridge)
                        || Files.isDirectory(p)) {
                    return false;
                }
                return !(name.equals("libcudart.so") && Files.isSymbolicLink(p) && isSiblingLink(p));
            }).sorted().toList();
        }
    }

    private static boolean isSiblingLink(Path link) {
        try {
            Path target = Files.readSymbolicLink(link);
            return target.getNameCount() == 1 && !target.isAbsolute();
        } catch (IOException e) {
            return false;
        }
    }

    /** A library whose bytes are not those its digest says. */
    static final class DigestMismatchException extends IOException {
        DigestMismatchException(String message) {
            super(message);
        }
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
