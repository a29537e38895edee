package com.maskfill.app.cli;

import com.maskfill.engine.api.model.DownloadListener;
import com.maskfill.engine.api.model.DownloadProgress;
import com.maskfill.engine.api.model.RepoFile;
import java.io.PrintWriter;

/** Prints a model download's progress to stderr: a line a second at most, and one per finished file. */
final class DownloadPrinter implements DownloadListener {

    private static final long MIN_INTERVAL_NANOS = 1_000_000_000L;

    private final PrintWriter err;
    private long lastPrinted = Long.MIN_VALUE;

    DownloadPrinter(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void onProgress(DownloadProgress progress) {
        long now = System.nanoTime();
        if (lastPrinted == Long.MIN_VALUE || now - lastPrinted >= MIN_INTERVAL_NANOS) {
            lastPrinted = now;
            err.println(progress.describe());
            err.flush();
        }
    }

    @Override
    public synchronized void onFileDone(RepoFile file) {
        err.println("Done " + file.path() + " (" + DownloadProgress.bytes(file.size()) + ", "
                + (file.lfs() ? "sha256" : "git blob id") + " checked)");
        err.flush();
    }

    @Override
    public synchronized void onNote(String message) {
        err.println(message);
        err.flush();
    }
}
