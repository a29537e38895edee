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

    /**
     * Fetches the results of a job this engine submitted earlier ({@link SubmittedJob#resumable()}), without
     * submitting anything: waits for it to finish where it still runs, then downloads its outputs. {@code input}
     * is the same crop that was sent, for the output size. Engines that cannot do this refuse.
     */
    default EngineResult resume(SubmittedJob job, EngineInput input, ProgressListener progress,
                                Cancellation cancellation) throws EngineException {
        throw new EngineException(EngineException.Category.INVALID_INPUT,
                "This engine cannot fetch the results of an earlier job; run it again instead");
    }

    /** Releases connections, weights, device memory. */
    @Override
    default void close() {
    }
}
