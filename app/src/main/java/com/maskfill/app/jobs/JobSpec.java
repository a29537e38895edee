package com.maskfill.app.jobs;

import com.maskfill.app.model.DocumentImage;
import com.maskfill.app.model.EngineChoice;
import com.maskfill.engine.api.engine.PriceEstimate;
import com.maskfill.engine.api.pipeline.FillPipeline;
import com.maskfill.engine.api.request.FillRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a job needs, frozen when Generate is clicked: the request (its own copy of the photo and mask, so
 * painting on goes on while it runs, and Retry needs no repainting), the engine with its settings and endpoint as
 * they were then, and where on the open work its results belong.
 *
 * @param engineOptions the engine's plain settings (may be empty)
 * @param endpoint      a base URL override, or null for the documented one
 * @param origin        the work the photo copy came from, and where it lay on it; null when there is none (tests)
 * @param estimate      what the job should cost, from the engine's documented price (shown when no cost is reported)
 */
public record JobSpec(FillRequest request, EngineChoice engine, Map<String, String> engineOptions, String endpoint,
                      DocumentImage.Origin origin, PriceEstimate estimate) {

    public JobSpec {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(estimate, "estimate");
        engineOptions = Collections.unmodifiableMap(new LinkedHashMap<>(engineOptions)); // a blank setting may be null
    }

    /** Priced from the engine's documented price and the size the pipeline plans to send. */
    public JobSpec(FillRequest request, EngineChoice engine, Map<String, String> engineOptions, String endpoint,
                   DocumentImage.Origin origin) {
        this(request, engine, engineOptions, endpoint, origin,
                new FillPipeline().estimate(request, engine.capabilities()));
    }
}
