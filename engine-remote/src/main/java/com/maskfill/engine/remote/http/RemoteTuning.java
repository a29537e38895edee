package com.maskfill.engine.remote.http;

import java.time.Duration;

/**
 * The knobs of one hosted engine that tests turn down to milliseconds: socket timeouts, the retry policy
 * for repeatable calls, the poll schedule (null for a provider that has nothing to poll), the waiting strategy,
 * the limits on downloaded outputs, and the patience after a submission.
 *
 * @param patience how long the polls and downloads of a job the provider accepted keep retrying through
 *                 network trouble (the sum of the pauses between attempts) before the job is reported as
 *                 unfinished, with its id, so Retry can fetch its results: {@link #PATIENCE} by default
 */
public record RemoteTuning(Timeouts timeouts, RetryPolicy retry, PollSchedule poll, Sleeper sleeper,
                           long maxDownloadBytes, long maxOutputPixels, Duration patience) {

    /** Three minutes: a laptop waking from sleep, a VPN reconnecting or Wi-Fi roaming fit in it. */
    public static final Duration PATIENCE = Duration.ofMinutes(3);

    /** 64 MiB and 64 megapixels: far above any FLUX output, far below what would exhaust memory. */
    public static RemoteTuning defaults(Timeouts timeouts, PollSchedule poll) {
        return new RemoteTuning(timeouts, RetryPolicy.standard(), poll, Sleeper.REAL, 64L << 20, 64_000_000L, PATIENCE);
    }

    public RemoteTuning withPoll(PollSchedule newPoll) {
        return new RemoteTuning(timeouts, retry, newPoll, sleeper, maxDownloadBytes, maxOutputPixels, patience);
    }

    public RemoteTuning withRetry(RetryPolicy newRetry) {
        return new RemoteTuning(timeouts, newRetry, poll, sleeper, maxDownloadBytes, maxOutputPixels, patience);
    }

    public RemoteTuning withSleeper(Sleeper newSleeper) {
        return new RemoteTuning(timeouts, retry, poll, newSleeper, maxDownloadBytes, maxOutputPixels, patience);
    }

    public RemoteTuning withTimeouts(Timeouts newTimeouts) {
        return new RemoteTuning(newTimeouts, retry, poll, sleeper, maxDownloadBytes, maxOutputPixels, patience);
    }

    public RemoteTuning withPatience(Duration newPatience) {
        return new RemoteTuning(timeouts, retry, poll, sleeper, maxDownloadBytes, maxOutputPixels, newPatience);
    }

    /** The retry policy for the polls and downloads of an accepted job. */
    public RetryPolicy afterSubmit() {
        return retry.withPatience(patience);
    }

    public Duration jobTimeout() {
        if (poll == null) {
            throw new IllegalStateException("this engine has no poll schedule, so no job timeout of its own");
        }
        return poll.timeout();
    }
}
