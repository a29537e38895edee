package com.maskfill.app.project;

import com.maskfill.engine.api.pipeline.Region;
import com.maskfill.engine.api.request.Lora;
import java.time.Instant;
import java.util.List;

/**
 * Everything needed to know how a result was made, and to make it again: the settings, the engine, what the
 * provider said about the job, and which part of the photo was sent.
 *
 * @param costAmount  as the provider reported it (e.g. "0.03"); null when unknown
 * @param costUnit    "USD", "credits", ...; null when unknown
 * @param queueMs     time waiting at the provider; null when unknown
 * @param inferenceMs time computing; null when unknown
 * @param totalMs     from the click to the result
 * @param crop        the part of the photo sent to the engine, in source pixels
 * @param loras       the LoRAs the job was sent, with their scales; null when not recorded (results in projects
 *                    saved before provenance kept them), which Reuse settings takes as "leave the list as it is"
 */
public record Provenance(String prompt, long seed, int steps, double guidance, String engineId, String engineName,
                         String providerJobId, String costAmount, String costUnit, Long queueMs, Long inferenceMs,
                         Long totalMs, Region crop, Instant created, List<Lora> loras) {

    public Provenance {
        loras = loras == null ? null : List.copyOf(loras);
    }

    /** The same provenance for another crop (the photo grew on its left or top side). */
    public Provenance withCrop(Region moved) {
        return new Provenance(prompt, seed, steps, guidance, engineId, engineName, providerJobId, costAmount,
                costUnit, queueMs, inferenceMs, totalMs, moved, created, loras);
    }
}
