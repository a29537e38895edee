package com.maskfill.app.project;

import com.maskfill.engine.api.pipeline.Region;
import java.time.Instant;

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
 */
public record Provenance(String prompt, long seed, int steps, double guidance, String engineId, String engineName,
                         String providerJobId, String costAmount, String costUnit, Long queueMs, Long inferenceMs,
                         Long totalMs, Region crop, Instant created) {
}
