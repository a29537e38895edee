package com.maskfill.engine.api.engine;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Where a job stands. The meaning of {@link #current()} and {@link #total()} depends on the stage
 * (bytes for transfers, the queue position, the denoising step); {@code -1} means unknown.
 * The pipeline sends {@link Stage#PREPARING} and {@link Stage#DONE}; engines send the stages between.
 *
 * @param detail what the stage is busy with, in words for the user ("Loading the transformer", what a download
 *     is, the memory plan a local engine chose), or null
 */
public record ProgressEvent(Stage stage, long current, long total, String detail) {

    public enum Stage { PREPARING, UPLOADING, QUEUED, RUNNING, DOWNLOADING, DONE }

    public static final long UNKNOWN = -1;

    public ProgressEvent {
        Objects.requireNonNull(stage, "stage");
        if (detail != null && detail.isBlank()) {
            detail = null;
        }
    }

    public ProgressEvent(Stage stage, long current, long total) {
        this(stage, current, total, null);
    }

    /** Preparing, busy with {@code detail}. */
    public static ProgressEvent preparing(String detail) {
        return new ProgressEvent(Stage.PREPARING, UNKNOWN, UNKNOWN, detail);
    }

    /** Preparing part {@code part} (0-based, so {@code parts} means finished) of {@code parts}, busy with {@code detail}. */
    public static ProgressEvent preparing(String detail, long part, long parts) {
        return new ProgressEvent(Stage.PREPARING, part, parts, detail);
    }

    /** The same event with {@code detail} (what is being downloaded, say). */
    public ProgressEvent withDetail(String what) {
        return new ProgressEvent(stage, current, total, what);
    }

    public static ProgressEvent preparing() {
        return new ProgressEvent(Stage.PREPARING, UNKNOWN, UNKNOWN);
    }

    /** @param total {@link #UNKNOWN} when the size is not known in advance */
    public static ProgressEvent uploading(long bytesSent, long total) {
        return new ProgressEvent(Stage.UPLOADING, bytesSent, total);
    }

    /** @param position 1 = next in line; {@link #UNKNOWN} when the provider does not say */
    public static ProgressEvent queued(long position) {
        return new ProgressEvent(Stage.QUEUED, position, UNKNOWN);
    }

    /** Running with no step information. */
    public static ProgressEvent running() {
        return new ProgressEvent(Stage.RUNNING, UNKNOWN, UNKNOWN);
    }

    /** Running step {@code step} (1-based) of {@code steps}. */
    public static ProgressEvent running(int step, int steps) {
        return new ProgressEvent(Stage.RUNNING, step, steps);
    }

    public static ProgressEvent downloading(long bytesReceived, long total) {
        return new ProgressEvent(Stage.DOWNLOADING, bytesReceived, total);
    }

    public static ProgressEvent done() {
        return new ProgressEvent(Stage.DONE, UNKNOWN, UNKNOWN);
    }

    /** Queue position, step number or bytes, when known. */
    public OptionalLong currentIfKnown() {
        return current < 0 ? OptionalLong.empty() : OptionalLong.of(current);
    }

    /** Total steps or bytes, when known. */
    public OptionalLong totalIfKnown() {
        return total <= 0 ? OptionalLong.empty() : OptionalLong.of(total);
    }

    /** 0–1 within this stage when both numbers are known (a determinate progress bar), else empty. */
    public OptionalDouble fraction() {
        if (stage == Stage.DONE) {
            return OptionalDouble.of(1);
        }
        if (stage == Stage.QUEUED || current < 0 || total <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.min(1.0, (double) current / total));
    }

    /**
     * A short status line, e.g. "Running step 5 of 28", "Queued (position 3)", "Loading the transformer" or
     * "Downloading PyTorch's native libraries 12.0 MiB of 420.0 MiB".
     */
    public String describe() {
        return switch (stage) {
            case PREPARING -> detail != null ? detail : "Preparing";
            case UPLOADING -> "Uploading" + what() + transfer();
            case QUEUED -> (current >= 0 ? "Queued (position " + current + ")" : "Queued") + note();
            case RUNNING -> (current >= 0 && total > 0 ? "Running step " + current + " of " + total : "Running") + note();
            case DOWNLOADING -> "Downloading" + what() + transfer();
            case DONE -> "Done" + note();
        };
    }

    private String what() {
        return detail == null ? "" : " " + detail;
    }

    private String note() {
        return detail == null ? "" : ": " + detail;
    }

    private String transfer() {
        if (current < 0) {
            return "";
        }
        return total > 0 ? " " + kib(current) + " of " + kib(total) : " " + kib(current);
    }

    private static String kib(long bytes) {
        return bytes < 1024 * 1024 ? (bytes + 1023) / 1024 + " KiB" : String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
