package com.maskfill.engine.api.engine;

/**
 * Receives {@link ProgressEvent}s on whatever thread the engine runs; a UI hands them over to its own
 * thread. Must return quickly and not throw.
 */
@FunctionalInterface
public interface ProgressListener {

    /** Ignores every event. */
    ProgressListener NONE = event -> { };

    void onProgress(ProgressEvent event);
}
