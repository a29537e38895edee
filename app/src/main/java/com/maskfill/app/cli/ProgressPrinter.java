package com.maskfill.app.cli;

import com.maskfill.engine.api.engine.ProgressEvent;
import com.maskfill.engine.api.engine.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Objects;

/**
 * Prints job progress to stderr, one line per change, so a script's stdout stays clean. Byte counters repeat at
 * most every {@value #MIN_INTERVAL_MS} ms; a new stage, step or detail (a local engine's memory plan) always prints.
 */
final class ProgressPrinter implements ProgressListener {

    private static final long MIN_INTERVAL_MS = 500;

    private final PrintWriter err;
    private final long started = System.nanoTime();
    private ProgressEvent.Stage lastStage;
    private long lastCurrent = Long.MIN_VALUE;
    private String lastDetail;
    private long lastPrinted;

    ProgressPrinter(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void onProgress(ProgressEvent event) {
        long now = System.nanoTime();
        boolean newStage = event.stage() != lastStage || !Objects.equals(event.detail(), lastDetail);
        boolean newStep = event.stage() == ProgressEvent.Stage.RUNNING && event.current() != lastCurrent;
        boolean transfer = event.stage() == ProgressEvent.Stage.UPLOADING
                || event.stage() == ProgressEvent.Stage.DOWNLOADING;
        boolean due = transfer && (now - lastPrinted) / 1_000_000 >= MIN_INTERVAL_MS
                || event.stage() == ProgressEvent.Stage.QUEUED && event.current() != lastCurrent;
        if (newStage || newStep || due) {
            err.printf(Locale.ROOT, "[%6.1fs] %s%n", (now - started) / 1e9, event.describe());
            err.flush();
            lastStage = event.stage();
            lastCurrent = event.current();
            lastDetail = event.detail();
            lastPrinted = now;
        }
    }
}
