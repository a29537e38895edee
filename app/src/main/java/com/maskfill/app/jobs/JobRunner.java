package com.maskfill.app.jobs;

import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.ProgressListener;
import com.maskfill.engine.api.pipeline.FillResult;

/** Runs one job to the end on the calling (background) thread. */
@FunctionalInterface
public interface JobRunner extends AutoCloseable {

    FillResult run(JobSpec spec, ProgressListener progress, Cancellation cancellation) throws EngineException;

    /** Frees what the runner keeps between jobs (a loaded engine); called on the job thread after the last job. */
    @Override
    default void close() {
    }
}
