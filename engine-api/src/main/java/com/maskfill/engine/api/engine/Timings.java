package com.maskfill.engine.api.engine;

import java.time.Duration;
import java.util.Optional;

/** How long a job took, where known: waiting in the provider's queue, running the model, end to end. */
public final class Timings {

    public static final Timings UNKNOWN = new Timings(null, null, null);

    private final Duration queue;
    private final Duration inference;
    private final Duration total;

    private Timings(Duration queue, Duration inference, Duration total) {
        this.queue = queue;
        this.inference = inference;
        this.total = total;
    }

    /** Any argument may be null (unknown). */
    public static Timings of(Duration queue, Duration inference, Duration total) {
        return new Timings(queue, inference, total);
    }

    public Optional<Duration> queue() {
        return Optional.ofNullable(queue);
    }

    public Optional<Duration> inference() {
        return Optional.ofNullable(inference);
    }

    public Optional<Duration> total() {
        return Optional.ofNullable(total);
    }

    /** These timings with the total filled in when the engine did not know it. */
    public Timings withTotalIfUnknown(Duration measured) {
        return total != null ? this : new Timings(queue, inference, measured);
    }

    @Override
    public String toString() {
        return "Timings[queue=" + queue + ", inference=" + inference + ", total=" + total + "]";
    }
}
