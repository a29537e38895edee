package com.maskfill.engine.remote.hub;

import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.model.ContentHash;
import com.maskfill.engine.api.model.DownloadListener;
import com.maskfill.engine.api.model.DownloadProgress;
import com.maskfill.engine.api.model.HubCache;
import com.maskfill.engine.api.model.RepoFile;
import com.maskfill.engine.remote.http.CallCancelledException;
import com.maskfill.engine.remote.http.CallScope;
import com.maskfill.engine.remote.http.RetryPolicy;
import com.maskfill.engine.remote.http.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.Response;

/**
 * Fetches one file into the cache. Bytes go to {@code blobs/<etag>.incomplete}, which outlives a cancel, a lost
 * connection or a closed program; the next attempt asks for the rest ({@code Range}, with {@code If-Range} so a file
 * that changed on the server comes back whole) and accepts only a 206 that starts where the partial file ends. A 200
 * or 416 instead restarts the file from nothing rather than appending a second copy. The content is hashed as it is
 * written (the part already on disk first), and only a file whose length and hash match the listing is renamed to
 * its blob name: a damaged download is deleted, never left under the final name.
 */
final class BlobFetcher {

    private static final int BUFFER = 1 << 20;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final HubHttp http;
    private final HubCache cache;
    private final String repo;
    private final String commit;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final CallScope scope;
    private final DownloadListener listener;
    private final TransferMeter meter;

    BlobFetcher(HubHttp http, HubCache cache, String repo, String commit, RetryPolicy retry, Sleeper sleeper,
                CallScope scope, DownloadListener listener, TransferMeter meter) {
        this.http = http;
        this.cache = cache;
        this.repo = repo;
        this.commit = commit;
        this.retry = retry;
        this.sleeper = sleeper;
        this.scope = scope;
        this.listener = listener;
        this.meter = meter;
    }

    /** What one response did to the partial file. */
    private enum Outcome { RECEIVED, RESTARTED, TOO_LONG }

    /** The partial file and the hash of exactly the bytes in it. */
    private static final class Partial {
        final RepoFile file;
        final FileChannel channel;
        ContentHash hash;

        Partial(RepoFile file, FileChannel channel) {
            this.file = file;
            this.channel = channel;
            this.hash = new ContentHash(file);
        }

        long size() throws IOException {
            return channel.size();
        }

        void restart() throws IOException {
            channel.truncate(0);
            hash = new ContentHash(file);
        }
    }

    void fetch(RepoFile file) throws EngineException {
        try {
            Path blob = cache.blob(repo, file.etag());
            if (Files.isRegularFile(blob) && Files.size(blob) == file.size()) {
                // Another snapshot (or huggingface-cli) already has these bytes: shared, not fetched again.
                cache.link(repo, commit, file);
                listener.onFileDone(file);
                return;
            }
            Path part = cache.incomplete(repo, file.etag());
            Files.createDirectories(part.getParent());
            String refused;
            try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock == null) {
                    throw new EngineException(EngineException.Category.INVALID_INPUT, file.path()
                            + " is being downloaded by another Maskfill window or command; wait for it to finish.");
                }
                refused = fill(new Partial(file, channel));
            }
            if (refused != null) {
                Files.deleteIfExists(part);
                Files.deleteIfExists(validatorFile(file));
                throw new EngineException(EngineException.Category.PROVIDER_FAILED, "The download of " + file.path()
                        + " was refused: " + refused + ". The damaged copy was deleted; download again to fetch it"
                        + " afresh.");
            }
            try {
                Files.move(part, blob, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, blob, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.deleteIfExists(validatorFile(file));
            cache.linkNew(repo, commit, file);
            // hashed while written: a later download need not hash it again before it starts
            cache.recordVerified(repo, commit, file);
            listener.onFileDone(file);
        } catch (CallCancelledException e) {
            throw EngineException.cancelled();
        } catch (IOException e) {
            Throwable why = e instanceof DiskWriteException ? e.getCause() : e;
            throw new EngineException(EngineException.Category.INVALID_INPUT, "Cannot write " + file.path() + " into "
                    + cache.repoDir(repo) + ": " + why.getMessage() + " (is the disk full?). What was downloaded is"
                    + " kept and the next download resumes it.", null, e);
        }
    }

    /** Fetches until the partial file has the listed length; null when its hash matches, else why not. */
    private String fill(Partial partial) throws IOException, EngineException {
        RepoFile file = partial.file;
        long have = partial.size();
        if (have > file.size()) {
            partial.restart();
            have = 0;
        }
        partial.hash.updateFrom(partial.channel, have);
        int attempt = 1;
        Duration waited = Duration.ZERO;
        while (true) {
            scope.throwIfCancelled();
            have = partial.size();
            meter.tell(file, have);
            if (have == file.size()) {
                return partial.hash.mismatch();
            }
            try {
                Outcome outcome = request(partial, have);
                if (outcome == Outcome.TOO_LONG) {
                    return "the server sent more than the listed " + file.size() + " bytes";
                }
                if (outcome == Outcome.RECEIVED && partial.size() > have) {
                    attempt = 1;
                    waited = Duration.ZERO;
                    continue;
                }
                if (!retry.mayRetry(attempt, waited)) {
                    throw new EngineException(EngineException.Category.PROVIDER_FAILED, "The Hub kept sending no"
                            + " usable bytes of " + file.path() + " after " + attempt + " tries.");
                }
                attempt++;
            } catch (CallCancelledException | DiskWriteException e) {
                throw e;
            } catch (IOException e) {
                if (partial.size() > have) {
                    // Bytes arrived before the connection dropped: the retry budget starts over, as huggingface_hub's.
                    attempt = 1;
                    waited = Duration.ZERO;
                }
                Optional<Duration> pause = retry.mayRetry(attempt, waited)
                        ? retry.delayBefore(attempt + 1, Optional.empty()) : Optional.empty();
                if (pause.isEmpty()) {
                    throw HubFailures.network(e, http.endpoint(), http.redactor());
                }
                listener.onNote("Connection lost in " + file.path() + " at " + DownloadProgress.bytes(partial.size())
                        + " of " + DownloadProgress.bytes(file.size()) + "; resuming in " + pause.get().toSeconds()
                        + " s.");
                sleeper.sleep(pause.get(), scope);
                waited = waited.plus(pause.get());
                attempt++;
            }
        }
    }

    private Outcome request(Partial partial, long have) throws IOException, EngineException {
        RepoFile file = partial.file;
        Map<String, String> headers = new LinkedHashMap<>();
        // Identity: a gzip-encoded body would make byte counts and ranges disagree with the file.
        headers.put("Accept-Encoding", "identity");
        if (have > 0) {
            headers.put("Range", "bytes=" + have + "-");
            readValidator(file).ifPresent(v -> headers.put("If-Range", v));
        }
        return http.send("GET", resolveUrl(file), headers, true, scope, (response, at) -> {
            int status = response.code();
            if (status == 416) {
                listener.onNote("The file host refused to resume " + file.path() + " (HTTP 416"
                        + Optional.ofNullable(response.header("Content-Range")).map(r -> ", " + r).orElse("")
                        + "); starting it again.");
                restart(partial, have);
                return Outcome.RESTARTED;
            }
            if (status != 200 && status != 206) {
                throw HubFailures.of(response, repo, file.path(), http.hasToken(), http.redactor());
            }
            long start = 0;
            if (status == 206) {
                Matcher range = CONTENT_RANGE.matcher(Optional.ofNullable(response.header("Content-Range")).orElse(""));
                boolean fits = have > 0 && range.matches() && Long.parseLong(range.group(1)) == have
                        && (range.group(3).equals("*") || Long.parseLong(range.group(3)) == file.size());
                if (!fits) {
                    listener.onNote("The file host answered a resume of " + file.path() + " with another range ("
                            + response.header("Content-Range") + "); starting it again.");
                    restart(partial, have);
                    return Outcome.RESTARTED;
                }
                start = have;
            } else if (have > 0) {
                // A 200 to a Range request is the whole file (If-Range saw a change, or ranges are not supported).
                listener.onNote("The file host sent " + file.path() + " whole instead of the rest; starting it again.");
                restart(partial, have);
            }
            if (start == 0) {
                saveValidator(file, response);
            }
            return write(partial, response, start);
        });
    }

    private void restart(Partial partial, long have) throws IOException {
        partial.restart();
        meter.lost(have);
        Files.deleteIfExists(validatorFile(partial.file));
    }

    private Outcome write(Partial partial, Response response, long start) throws IOException {
        RepoFile file = partial.file;
        FileChannel channel = partial.channel;
        channel.position(start);
        long position = start;
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = response.body().byteStream()) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                if (position + n > file.size()) {
                    return Outcome.TOO_LONG;
                }
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                try {
                    while (chunk.hasRemaining()) {
                        channel.write(chunk);
                    }
                } catch (IOException e) {
                    throw new DiskWriteException(e);
                }
                partial.hash.update(buffer, 0, n);
                position += n;
                meter.advanced(file, position, n);
            }
        }
        return Outcome.RECEIVED;
    }

    /** Writing to the disk failed: not the network's fault, so not retried. */
    private static final class DiskWriteException extends IOException {
        DiskWriteException(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private HttpUrl resolveUrl(RepoFile file) {
        return resolveUrl(http.endpoint(), repo, commit, file.path());
    }

    static HttpUrl resolveUrl(HttpUrl endpoint, String repo, String commit, String path) {
        HttpUrl.Builder b = endpoint.newBuilder();
        for (String part : repo.split("/")) {
            b.addPathSegment(part);
        }
        b.addPathSegment("resolve").addPathSegment(commit);
        for (String part : path.split("/")) {
            b.addPathSegment(part);
        }
        return b.build();
    }

    // If-Range needs the validator of the response the partial file came from, also after a restart of the program.

    private Path validatorFile(RepoFile file) {
        return cache.repoDir(repo).resolve(".maskfill").resolve(file.etag() + ".validator");
    }

    private Optional<String> readValidator(RepoFile file) {
        try {
            Path p = validatorFile(file);
            return Files.isRegularFile(p) ? Optional.of(Files.readString(p, StandardCharsets.US_ASCII).strip())
                    .filter(v -> !v.isEmpty()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void saveValidator(RepoFile file, Response response) throws IOException {
        String etag = response.header("ETag");
        // If-Range accepts only a strong entity tag; a weak one would make every resume a full restart.
        String validator = etag != null && !etag.startsWith("W/") ? etag : response.header("Last-Modified");
        Path p = validatorFile(file);
        if (validator == null || validator.contains("\n")) {
            Files.deleteIfExists(p);
            return;
        }
        Files.createDirectories(p.getParent());
        Files.writeString(p, validator, StandardCharsets.US_ASCII);
    }
}
