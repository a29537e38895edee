package com.maskfill.engine.remote.http;

import java.time.Duration;

/**
 * When to ask a provider about a job: first after {@code first}, then each pause {@code growth} times the
 * previous one up to {@code max}, giving up after {@code timeout}. Each provider's defaults follow its docs;
 * tests inject millisecond schedules.
 */
public record PollSchedule(Duration first, Duration max, double growth, Duration timeout) {

    public PollSchedule {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("poll intervals must satisfy 0 < first <= max, got " + first + " and " + max);
        }
        if (growth < 1.0) {
            throw new IllegalArgumentException("poll growth is " + growth + "; it must be at least 1.0");
        }
        if (timeout.compareTo(first) < 0) {
            throw new IllegalArgumentException("poll timeout " + timeout + " is shorter than the first interval " + first);
        }
    }

    Duration next(Duration current) {
        long grown = (long) Math.ceil(current.toNanos() * growth);
        return grown >= max.toNanos() ? max : Duration.ofNanos(grown);
    }
}
