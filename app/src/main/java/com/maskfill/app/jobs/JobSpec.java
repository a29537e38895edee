package com.maskfill.app.jobs;

import com.maskfill.app.ui.EngineChoice;
import com.maskfill.engine.api.request.FillRequest;
import java.util.Objects;

/**
 * Everything a job needs, frozen when Generate is clicked: the request (its own copy of the photo and mask, so
 * painting on goes on while it runs, and Retry needs no repainting) and the engine.
 */
public record JobSpec(FillRequest request, EngineChoice engine) {

    public JobSpec {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(engine, "engine");
    }
}
