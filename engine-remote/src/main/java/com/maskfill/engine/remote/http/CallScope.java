package com.maskfill.engine.remote.http;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Response;

/**
 * The HTTP side of one job: knows whether the job was cancelled, aborts the request in flight when it is
 * (1min.ai's features call blocks for the whole generation), and wakes waits between polls at once.
 */
public final class CallScope {

    private final CountDownLatch cancelled = new CountDownLatch(1);
    private final Set<Call> inFlight = ConcurrentHashMap.newKeySet();

    public void cancel() {
        cancelled.countDown();
        inFlight.forEach(Call::cancel);
    }

    public boolean isCancelled() {
        return cancelled.getCount() == 0;
    }

    public void throwIfCancelled() throws CallCancelledException {
        if (isCancelled()) {
            throw new CallCancelledException();
        }
    }

    /** Executes a call so that {@link #cancel()} can abort it; a call aborted that way ends in {@link CallCancelledException}. */
    public Response execute(Call call) throws IOException {
        inFlight.add(call);
        try {
            if (isCancelled()) {
                call.cancel();
            }
            return call.execute();
        } catch (IOException e) {
            if (isCancelled()) {
                throw new CallCancelledException();
            }
            throw e;
        } finally {
            inFlight.remove(call);
        }
    }

    /** Waits for {@code delay}, returning early with {@link CallCancelledException} when the job is cancelled. */
    public void await(Duration delay) throws CallCancelledException {
        try {
            if (cancelled.await(Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS)) {
                throw new CallCancelledException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel();
            throw new CallCancelledException();
        }
    }
}
