package com.maskfill.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.maskfill.engine.api.pipeline.FillResult;
import com.maskfill.engine.api.request.Lora;
import java.nio.file.Path;
import java.util.List;

/** The {@code --json} summary of a finished job: engine, job id, seed(s), LoRAs sent, outputs, timings, cost,
 * crop, and per output whether its colours were matched to the photo. */
final class JobSummary {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JobSummary() {
    }

    /** @param loras the LoRAs the request carried (as the project's provenance keeps them) */
    static String json(String engineId, FillResult result, List<Lora> loras, List<Path> written) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("engine", engineId);
        root.put("jobId", result.providerJobId().orElse(null));
        root.put("seed", result.seed());
        ArrayNode sent = root.putArray("loras");
        loras.forEach(l -> sent.addObject().put("source", l.source()).put("scale", l.scale()));
        ArrayNode outputs = root.putArray("outputs");
        written.forEach(p -> outputs.add(p.toString()));
        // per output, the seed that makes it again with --num-images 1; null when the engine cannot say
        ArrayNode imageSeeds = root.putArray("imageSeeds");
        for (int i = 0; i < result.layers().size(); i++) {
            var seed = result.imageSeed(i);
            if (seed.isPresent()) {
                imageSeeds.add(seed.getAsLong());
            } else {
                imageSeeds.addNull();
            }
        }
        ObjectNode timings = root.putObject("timings");
        result.timings().queue().ifPresent(d -> timings.put("queueMs", d.toMillis()));
        result.timings().inference().ifPresent(d -> timings.put("inferenceMs", d.toMillis()));
        result.timings().total().ifPresent(d -> timings.put("totalMs", d.toMillis()));
        result.cost().ifPresentOrElse(cost -> {
            ObjectNode node = root.putObject("cost");
            node.put("amount", cost.amount());
            node.put("unit", cost.unit());
        }, () -> root.putNull("cost"));
        ArrayNode nsfw = root.putArray("nsfw");
        result.nsfwFlags().forEach(nsfw::add);
        ArrayNode colorMatched = root.putArray("colorMatched");
        result.colorMatched().forEach(colorMatched::add);
        ObjectNode crop = root.putObject("crop");
        crop.put("x", result.crop().region().x());
        crop.put("y", result.crop().region().y());
        crop.put("width", result.crop().region().width());
        crop.put("height", result.crop().region().height());
        crop.put("workWidth", result.crop().workWidth());
        crop.put("workHeight", result.crop().workHeight());
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
