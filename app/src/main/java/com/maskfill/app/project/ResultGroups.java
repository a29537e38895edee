package com.maskfill.app.project;

import com.maskfill.engine.api.pipeline.FillResult;
import com.maskfill.engine.api.pipeline.Region;
import com.maskfill.engine.api.request.FillRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

/** Turns a finished job into the result group that history and projects keep. */
public final class ResultGroups {

    private ResultGroups() {
    }

    public static ResultGroup fromJob(FillRequest request, FillResult result, String engineId, String engineName,
                                      Instant finished) {
        Region crop = result.crop().region();
        Provenance provenance = new Provenance(request.prompt(), result.seed(), request.steps(), request.guidance(),
                engineId, engineName, result.providerJobId().orElse(null),
                result.cost().map(c -> c.amount().toPlainString()).orElse(null),
                result.cost().map(c -> c.unit()).orElse(null),
                millis(result.timings().queue().orElse(null)), millis(result.timings().inference().orElse(null)),
                millis(result.timings().total().orElse(null)), crop, finished, request.loras());
        byte[] maskInCrop = request.mask().pixels(crop.x(), crop.y(), crop.width(), crop.height());
        List<ResultLayer> layers = new ArrayList<>();
        for (int i = 0; i < result.layers().size(); i++) {
            OptionalLong seed = result.imageSeed(i);
            layers.add(new ResultLayer(UUID.randomUUID(), crop, result.layers().get(i),
                    seed.isPresent() ? seed.getAsLong() : null, result.colorMatched().get(i)));
        }
        return new ResultGroup(UUID.randomUUID(), provenance, maskInCrop, layers);
    }

    private static Long millis(Duration duration) {
        return duration == null ? null : duration.toMillis();
    }
}
