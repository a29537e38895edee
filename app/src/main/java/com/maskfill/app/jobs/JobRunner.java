package com.maskfill.app.jobs;

import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.ProgressListener;
import com.maskfill.engine.api.engine.SubmittedJob;
import com.maskfill.engine.api.pipeline.FillResult;

/** Runs one job to the end on the calling (background) thread. */
@FunctionalInterface
public interface JobRunner extends AutoCloseable {

    FillResult run(JobSpec spec, ProgressListener progress, Cancellation cancellation) throws EngineException;

    /**
     * Fetches the results of {@code job}, which an earlier run of {@code spec} submitted before it failed, without
     * submitting again. Runners that cannot refuse.
     */
    default FillResult resume(JobSpec spec, SubmittedJob job, ProgressListener progress, Cancellation cancellation)
            throws EngineException {
        throw new EngineException(EngineException.Category.INVALID_INPUT, "Fetching an earlier job's results is not "
                + "possible here; run the job again instead");
    }

    /** Frees what the runner keeps between jobs (a loaded engine); called on the job thread after the last job. */
    @Override
    default void close() {
    }
}
