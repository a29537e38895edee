package com.maskfill.engine.remote.hub;

import com.maskfill.engine.api.model.DownloadListener;
import com.maskfill.engine.api.model.DownloadProgress;
import com.maskfill.engine.api.model.RepoFile;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * Counts a download's bytes and tells the listener at most every {@value #EVERY_MS} ms. The rate is measured over
 * the last {@value #WINDOW_MS} ms, so a stall shows at once and an old burst does not promise a short wait.
 */
final class TransferMeter {

    private static final long EVERY_MS = 200;
    private static final long WINDOW_MS = 5_000;

    private final DownloadListener listener;
    private final LongSupplier nanos;
    private final long total;
    private long done;
    private long received;
    private long lastTold = Long.MIN_VALUE;
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();

    /** @param alreadyDone bytes of partial files already on disk when the download starts */
    TransferMeter(DownloadListener listener, long total, long alreadyDone, LongSupplier nanos) {
        this.listener = listener;
        this.total = total;
        this.done = alreadyDone;
        this.nanos = nanos;
    }

    /** {@code delta} new bytes of {@code file}, which now has {@code fileBytes} on disk. */
    void advanced(RepoFile file, long fileBytes, long delta) {
        done += delta;
        received += delta;
        long now = nanos.getAsLong();
        if (lastTold == Long.MIN_VALUE || (now - lastTold) / 1_000_000 >= EVERY_MS || fileBytes == file.size()) {
            tell(file, fileBytes, now);
        }
    }

    /** A partial file was thrown away (the server restarted it): its bytes are to be fetched again. */
    void lost(long bytes) {
        done -= bytes;
    }

    void tell(RepoFile file, long fileBytes) {
        tell(file, fileBytes, nanos.getAsLong());
    }

    private void tell(RepoFile file, long fileBytes, long now) {
        samples.addLast(new long[] {now, received});
        while (samples.size() > 2 && (now - samples.peekFirst()[0]) / 1_000_000 > WINDOW_MS) {
            samples.removeFirst();
        }
        long[] first = samples.peekFirst();
        double seconds = (now - first[0]) / 1e9;
        double rate = seconds > 0.05 ? (received - first[1]) / seconds : 0;
        lastTold = now;
        listener.onProgress(new DownloadProgress(file, fileBytes, done, total, rate));
    }
}
