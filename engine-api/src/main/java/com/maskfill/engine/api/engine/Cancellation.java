package com.maskfill.engine.api.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * A token the caller trips to stop a job. Engines poll {@link #isCancelled()} / {@link #throwIfCancelled()}
 * between steps, and register {@link #onCancel(Runnable)} callbacks to act at once (cancel the job at the
 * provider, abort an upload). Thread-safe; tripping is one-way.
 */
public final class Cancellation {

    /** Removes a callback registered with {@link #onCancel(Runnable)}. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private final List<Runnable> callbacks = new ArrayList<>();
    private volatile boolean cancelled;

    /** Trips the token and runs every registered callback once, on the calling thread. */
    public void cancel() {
        List<Runnable> toRun;
        synchronized (callbacks) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            toRun = new ArrayList<>(callbacks);
            callbacks.clear();
        }
        RuntimeException first = null;
        for (Runnable callback : toRun) {
            try {
                callback.run();
            } catch (RuntimeException e) {
                // One failing callback must not keep the others (e.g. the provider-side cancel) from running.
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** @throws EngineException with category {@link EngineException.Category#CANCELLED} once tripped */
    public void throwIfCancelled() throws EngineException {
        if (cancelled) {
            throw EngineException.cancelled();
        }
    }

    /**
     * Runs {@code callback} when the token is tripped — at once, on this thread, if it already is.
     * Close the returned registration when the work it guards is over.
     */
    public Registration onCancel(Runnable callback) {
        synchronized (callbacks) {
            if (!cancelled) {
                callbacks.add(callback);
                return () -> {
                    synchronized (callbacks) {
                        callbacks.remove(callback);
                    }
                };
            }
        }
        callback.run();
        return () -> { };
    }
}
