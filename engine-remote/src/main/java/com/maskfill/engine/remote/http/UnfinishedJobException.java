package com.maskfill.engine.remote.http;

import com.maskfill.engine.api.engine.SubmittedJob;
import java.io.IOException;

/**
 * A job the provider accepted whose results could not be fetched: the network stayed down longer than the
 * engine's patience. The job is left to finish at the provider, so Retry can fetch its results by id.
 */
public final class UnfinishedJobException extends IOException {

    private final transient SubmittedJob job;

    public UnfinishedJobException(SubmittedJob job, IOException cause) {
        super(cause.getMessage(), cause);
        this.job = job;
    }

    public SubmittedJob job() {
        return job;
    }
}
