package com.maskfill.engine.api.engine;

/**
 * Turns one context crop into output images. Created by an {@link EngineProvider}; usually reached
 * through {@link com.maskfill.engine.api.pipeline.FillPipeline}, which crops, validates against
 * {@link #capabilities()}, and pastes the outputs back.
 *
 * <p>{@link #fill} blocks until the job ends; call it off the UI thread. It reports progress to the
 * listener, observes the cancellation (throwing {@link EngineException.Category#CANCELLED}), and never
 * retries a job submission on its own.
 */
public interface Engine extends AutoCloseable {

    Capabilities capabilities();

    EngineResult fill(EngineInput input, ProgressListener progress, Cancellation cancellation) throws EngineException;

    /** Releases connections, weights, device memory. */
    @Override
    default void close() {
    }
}
