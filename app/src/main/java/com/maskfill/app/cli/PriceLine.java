package com.maskfill.app.cli;

import com.maskfill.engine.api.engine.Capabilities;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.PriceEstimate;
import com.maskfill.engine.api.pipeline.ContextCrop;
import com.maskfill.engine.api.pipeline.FillPipeline;
import com.maskfill.engine.api.request.FillRequest;

/** The one stderr line {@code generate} prints before it submits: what the job should cost on this engine. */
final class PriceLine {

    private PriceLine() {
    }

    static String of(FillPipeline pipeline, FillRequest request, Capabilities capabilities) {
        int width = 0;
        int height = 0;
        try {
            ContextCrop crop = pipeline.plan(request, capabilities);
            width = crop.workWidth();
            height = crop.workHeight();
        } catch (EngineException e) {
            // The pipeline refuses the job with its own message next; the price is then given without a size.
        }
        return "Price: " + PriceEstimate.of(capabilities.price(), request.imageCount(), width, height).text();
    }
}
