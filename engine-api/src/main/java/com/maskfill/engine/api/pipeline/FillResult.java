package com.maskfill.engine.api.pipeline;

import com.maskfill.engine.api.engine.Cost;
import com.maskfill.engine.api.engine.EngineResult;
import com.maskfill.engine.api.engine.Timings;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A finished job: the outputs pasted into full-size copies of the source, and the provenance a history
 * layer keeps (seed actually used, provider job id, timings, cost, NSFW flags, crop).
 */
public final class FillResult {

    private final List<BufferedImage> images;
    private final ContextCrop crop;
    private final long seed;
    private final Timings timings;
    private final EngineResult engineResult;

    public FillResult(List<BufferedImage> images, ContextCrop crop, long seed, Timings timings, EngineResult engineResult) {
        this.images = List.copyOf(images);
        this.crop = Objects.requireNonNull(crop, "crop");
        this.seed = seed;
        this.timings = Objects.requireNonNull(timings, "timings");
        this.engineResult = Objects.requireNonNull(engineResult, "engineResult");
    }

    /** One image per output, each the source's size. */
    public List<BufferedImage> images() {
        return images;
    }

    /** The raw engine outputs, at work size. */
    public List<BufferedImage> engineOutputs() {
        return engineResult.images();
    }

    public ContextCrop crop() {
        return crop;
    }

    /** The seed the job ran with: the provider's report, else the one the pipeline sent. */
    public long seed() {
        return seed;
    }

    public Optional<String> providerJobId() {
        return engineResult.providerJobId();
    }

    /** The engine's timings, with the total measured by the pipeline when the engine did not know it. */
    public Timings timings() {
        return timings;
    }

    public Optional<Cost> cost() {
        return engineResult.cost();
    }

    /** One flag per image when the provider reports them, else empty. */
    public List<Boolean> nsfwFlags() {
        return engineResult.nsfwFlags();
    }

    @Override
    public String toString() {
        return "FillResult[images=" + images.size() + ", crop=" + crop + ", seed=" + seed + ", job="
                + providerJobId().orElse("-") + ", " + timings + ", cost=" + cost().map(Cost::toString).orElse("-")
                + ", nsfw=" + nsfwFlags() + "]";
    }
}
