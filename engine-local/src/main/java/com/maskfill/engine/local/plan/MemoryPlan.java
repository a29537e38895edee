package com.maskfill.engine.local.plan;

import com.maskfill.engine.local.nn.WeightStorage;

/**
 * Where each component lives for a job, as the {@link MemoryPlanner} chose it.
 *
 * @param cuda the model runs on the GPU (else everything is on the CPU)
 * @param storage how the transformer's linear weights are held
 * @param textOnDevice the text encoders run on the GPU and are freed right after (else on the CPU)
 * @param transformerStreamed the transformer's layers stay on the host and visit the GPU one at a time
 * @param vaeTiled the autoencoder decodes in overlapping tiles
 * @param summary one line for the user: what was chosen and why
 */
public record MemoryPlan(boolean cuda, WeightStorage storage, boolean textOnDevice, boolean transformerStreamed,
        boolean vaeTiled, String summary) {

    @Override
    public String toString() {
        return summary;
    }
}
