package com.maskfill.engine.api.pipeline;

import com.maskfill.engine.api.engine.Cost;
import com.maskfill.engine.api.engine.EngineResult;
import com.maskfill.engine.api.engine.Timings;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A finished job: one crop-sized layer per output (see {@link PasteBack#layer}), and the provenance a history
 * layer keeps (seed actually used, provider job id, timings, cost, NSFW flags, crop). A full-size image is made
 * only on request, one at a time ({@link #composedOver}), so four outputs on a large photo cost four crops.
 */
public final class FillResult {

    private final List<BufferedImage> layers;
    private final ContextCrop crop;
    private final long seed;
    private final Timings timings;
    private final EngineResult engineResult;
    private final List<Boolean> colorMatched;

    /** @param layers one per output, each the crop region's size, ARGB with the blend weight as alpha */
    public FillResult(List<BufferedImage> layers, ContextCrop crop, long seed, Timings timings, EngineResult engineResult) {
        this(layers, crop, seed, timings, engineResult, java.util.Collections.nCopies(layers.size(), false));
    }

    /** @param colorMatched one per layer: whether its colours were matched to the photo (see {@link ColorMatch}) */
    public FillResult(List<BufferedImage> layers, ContextCrop crop, long seed, Timings timings, EngineResult engineResult,
                      List<Boolean> colorMatched) {
        if (colorMatched.size() != layers.size()) {
            throw new IllegalArgumentException(colorMatched.size() + " colour-match flags for " + layers.size() + " layers");
        }
        this.colorMatched = List.copyOf(colorMatched);
        this.layers = List.copyOf(layers);
        this.crop = Objects.requireNonNull(crop, "crop");
        for (BufferedImage layer : this.layers) {
            if (layer.getWidth() != crop.region().width() || layer.getHeight() != crop.region().height()) {
                throw new IllegalArgumentException("layer is " + layer.getWidth() + "×" + layer.getHeight()
                        + " but the crop is " + crop.region());
            }
        }
        this.seed = seed;
        this.timings = Objects.requireNonNull(timings, "timings");
        this.engineResult = Objects.requireNonNull(engineResult, "engineResult");
    }

    /**
     * One layer per output: {@link ContextCrop#region() crop.region()}-sized {@link BufferedImage#TYPE_INT_ARGB},
     * the output's colours with the blend weight as alpha (0 where the source stays as it is). Do not modify.
     */
    public List<BufferedImage> layers() {
        return layers;
    }

    /** One per layer: true where the layer's colours were matched to the photo at the seam. */
    public List<Boolean> colorMatched() {
        return colorMatched;
    }

    /** Output {@code index} pasted into a full-size copy of {@code source} (the request's image). */
    public BufferedImage composedOver(BufferedImage source, int index) {
        return PasteBack.composed(source, crop.region(), layers.get(index));
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

    /**
     * The seed that makes output {@code index} again as a one-image job with the same settings: the engine's own
     * per-image seed when it reports one, the job's seed when the job made one image; empty when neither is known
     * (a provider that made several images from one seed in one call: each image is not reproducible alone).
     */
    public OptionalLong imageSeed(int index) {
        List<Long> seeds = engineResult.imageSeeds();
        if (!seeds.isEmpty()) {
            return OptionalLong.of(seeds.get(index));
        }
        return layers.size() == 1 && index == 0 ? OptionalLong.of(seed) : OptionalLong.empty();
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
        return "FillResult[layers=" + layers.size() + ", crop=" + crop + ", seed=" + seed + ", job="
                + providerJobId().orElse("-") + ", " + timings + ", cost=" + cost().map(Cost::toString).orElse("-")
                + ", nsfw=" + nsfwFlags() + ", colorMatched=" + colorMatched + "]";
    }
}
