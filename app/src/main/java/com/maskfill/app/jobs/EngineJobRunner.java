package com.maskfill.app.jobs;

import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.CredentialSource;
import com.maskfill.engine.api.engine.Engine;
import com.maskfill.engine.api.engine.EngineContext;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.EngineProvider;
import com.maskfill.engine.api.engine.EngineProviders;
import com.maskfill.engine.api.engine.ProgressListener;
import com.maskfill.engine.api.engine.SubmittedJob;
import com.maskfill.engine.api.pipeline.FillPipeline;
import com.maskfill.engine.api.pipeline.FillResult;
import java.net.URI;

/** Runs a job on the engine it names, through the pipeline every engine shares. */
public final class EngineJobRunner implements JobRunner {

    private final CredentialSource credentials;
    private final FillPipeline pipeline = new FillPipeline();

    public EngineJobRunner(CredentialSource credentials) {
        this.credentials = credentials;
    }

    @Override
    public FillResult run(JobSpec spec, ProgressListener progress, Cancellation cancellation) throws EngineException {
        try (Engine engine = create(spec)) {
            return pipeline.run(engine, spec.request(), progress, cancellation);
        }
    }

    @Override
    public FillResult resume(JobSpec spec, SubmittedJob job, ProgressListener progress, Cancellation cancellation)
            throws EngineException {
        try (Engine engine = create(spec)) {
            return pipeline.resume(engine, spec.engine().id(), spec.request(), job, progress, cancellation);
        }
    }

    private Engine create(JobSpec spec) throws EngineException {
        String id = spec.engine().id();
        EngineProvider provider = EngineProviders.find(id).orElseThrow(() -> new EngineException(
                EngineException.Category.INVALID_INPUT, "The engine " + spec.engine().displayName()
                        + " is not installed any more."));
        EngineContext.Builder context = EngineContext.builder().credentials(credentials);
        spec.engineOptions().forEach((key, value) -> {
            if (value != null && !value.isBlank()) {
                context.option(key, value.strip());
            }
        });
        String endpoint = spec.endpoint();
        if (endpoint != null && !endpoint.isBlank()) {
            context.endpoint(URI.create(endpoint.strip()));
        }
        return provider.create(context.build());
    }
}
