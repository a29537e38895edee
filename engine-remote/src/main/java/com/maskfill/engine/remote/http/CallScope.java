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

    /** Reads a response while its call is still abortable. */
    @FunctionalInterface
    public interface ResponseHandler<T> {
        T handle(Response response) throws IOException;
    }

    /**
     * Executes a call and hands its response to {@code handler}, so that {@link #cancel()} aborts it until the
     * body has been read, not only until the headers arrived (a trickling download is stopped at once). A call
     * aborted that way ends in {@link CallCancelledException}. The response is closed afterwards.
     */
    public <T> T execute(Call call, ResponseHandler<T> handler) throws IOException {
        inFlight.add(call);
        try {
            if (isCancelled()) {
                call.cancel();
            }
            try (Response response = call.execute()) {
                return handler.handle(response);
            }
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
