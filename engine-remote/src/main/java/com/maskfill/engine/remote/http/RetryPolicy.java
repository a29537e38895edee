package com.maskfill.engine.remote.http;

import java.time.Duration;
import java.util.Optional;

/**
 * How calls that are safe to repeat (uploads, polls, downloads, cancels) are retried: exponential backoff
 * from {@code firstDelay} up to {@code maxDelay}, or the server's {@code Retry-After} when it sends one.
 * A server asking for a longer pause than {@code longestRetryAfter} is not waited for: the error surfaces.
 * At least {@code maxAttempts} attempts are made, and more while the pauses so far add up to less than
 * {@code patience}: a job the provider already accepted (and bills) is not given up over a short outage.
 * Job submissions never go through this policy (see {@link RemoteHttp#sendOnce}).
 */
public record RetryPolicy(int maxAttempts, Duration firstDelay, Duration maxDelay, Duration longestRetryAfter,
                          Duration patience) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts is " + maxAttempts + "; it must be at least 1");
        }
        if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("delays must satisfy 0 <= firstDelay <= maxDelay, got "
                    + firstDelay + " and " + maxDelay);
        }
        if (patience.isNegative()) {
            throw new IllegalArgumentException("patience is " + patience + "; it must not be negative");
        }
    }

    /** Without patience: exactly {@code maxAttempts} attempts at most. */
    public RetryPolicy(int maxAttempts, Duration firstDelay, Duration maxDelay, Duration longestRetryAfter) {
        this(maxAttempts, firstDelay, maxDelay, longestRetryAfter, Duration.ZERO);
    }

    /** Four attempts, 1 s → 2 s → 4 s (capped at 8 s), Retry-After honoured up to 60 s. */
    public static RetryPolicy standard() {
        return new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(60));
    }

    public RetryPolicy withPatience(Duration newPatience) {
        return new RetryPolicy(maxAttempts, firstDelay, maxDelay, longestRetryAfter, newPatience);
    }

    /** Whether attempt {@code attempt} failed early enough to try again, given the pauses already waited. */
    public boolean mayRetry(int attempt, Duration waited) {
        return attempt < maxAttempts || waited.compareTo(patience) < 0;
    }

    /** Statuses that mean "try again later" rather than "this request is wrong". */
    public boolean retriesStatus(int status) {
        return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    }

    /**
     * The pause before attempt {@code nextAttempt} (2 for the first retry), or empty when the server's
     * Retry-After is longer than this policy is willing to wait.
     */
    public Optional<Duration> delayBefore(int nextAttempt, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get();
            return asked.compareTo(longestRetryAfter) > 0 ? Optional.empty() : Optional.of(asked);
        }
        Duration delay = firstDelay;
        for (int i = 2; i < nextAttempt && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return Optional.of(delay.compareTo(maxDelay) > 0 ? maxDelay : delay);
    }
}
