package com.maskfill.engine.remote.http;

import java.time.Duration;

/**
 * The knobs of one hosted engine that tests turn down to milliseconds: socket timeouts, the retry policy
 * for repeatable calls, the poll schedule, the waiting strategy and the limits on downloaded outputs.
 */
public record RemoteTuning(Timeouts timeouts, RetryPolicy retry, PollSchedule poll, Sleeper sleeper,
                           long maxDownloadBytes, long maxOutputPixels) {

    /** 64 MiB and 64 megapixels: far above any FLUX output, far below what would exhaust memory. */
    public static RemoteTuning defaults(Timeouts timeouts, PollSchedule poll) {
        return new RemoteTuning(timeouts, RetryPolicy.standard(), poll, Sleeper.REAL, 64L << 20, 64_000_000L);
    }

    public RemoteTuning withPoll(PollSchedule newPoll) {
        return new RemoteTuning(timeouts, retry, newPoll, sleeper, maxDownloadBytes, maxOutputPixels);
    }

    public RemoteTuning withRetry(RetryPolicy newRetry) {
        return new RemoteTuning(timeouts, newRetry, poll, sleeper, maxDownloadBytes, maxOutputPixels);
    }

    public RemoteTuning withSleeper(Sleeper newSleeper) {
        return new RemoteTuning(timeouts, retry, poll, newSleeper, maxDownloadBytes, maxOutputPixels);
    }

    public RemoteTuning withTimeouts(Timeouts newTimeouts) {
        return new RemoteTuning(newTimeouts, retry, poll, sleeper, maxDownloadBytes, maxOutputPixels);
    }

    public Duration jobTimeout() {
        return poll.timeout();
    }
}
