package com.maskfill.engine.api.engine;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What an engine produced for one {@link EngineInput}: the output images at (about) the input's size —
 * decoded from whatever the provider returned (PNG, JPEG, WebP) — and what it said about the job.
 * When the provider blanks every output for safety, the engine throws
 * {@link EngineException.Category#SAFETY_FLAGGED} instead of returning black images.
 */
public final class EngineResult {

    private final List<BufferedImage> images;
    private final Long seed;
    private final String providerJobId;
    private final Timings timings;
    private final Cost cost;
    private final List<Boolean> nsfwFlags;
    private final List<Long> imageSeeds;

    private EngineResult(Builder b) {
        this.images = List.copyOf(b.images);
        this.seed = b.seed;
        this.providerJobId = b.providerJobId;
        this.timings = b.timings;
        this.cost = b.cost;
        this.nsfwFlags = List.copyOf(b.nsfwFlags);
        this.imageSeeds = List.copyOf(b.imageSeeds);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<BufferedImage> images() {
        return images;
    }

    /** The seed the provider says it used, when it says; the pipeline otherwise reports the one it sent. */
    public OptionalLong seed() {
        return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
    }

    public Optional<String> providerJobId() {
        return Optional.ofNullable(providerJobId);
    }

    public Timings timings() {
        return timings;
    }

    public Optional<Cost> cost() {
        return Optional.ofNullable(cost);
    }

    /** One flag per image (same order) when the provider reports them; empty when it does not. */
    public List<Boolean> nsfwFlags() {
        return nsfwFlags;
    }

    /**
     * One seed per image (same order) when the engine knows, for each image, a seed with which a one-image job
     * makes that image again (the local engine seeds image i with seed + i); empty when it does not (a provider
     * that makes all images of a job from one seed in one call).
     */
    public List<Long> imageSeeds() {
        return imageSeeds;
    }

    @Override
    public String toString() {
        return "EngineResult[images=" + images.size() + ", seed=" + seed + ", job=" + providerJobId + ", " + timings
                + ", cost=" + cost + ", nsfw=" + nsfwFlags + "]";
    }

    public static final class Builder {
        private final List<BufferedImage> images = new ArrayList<>();
        private Long seed;
        private String providerJobId;
        private Timings timings = Timings.UNKNOWN;
        private Cost cost;
        private final List<Boolean> nsfwFlags = new ArrayList<>();
        private final List<Long> imageSeeds = new ArrayList<>();

        private Builder() {
        }

        public Builder addImage(BufferedImage image) {
            images.add(Objects.requireNonNull(image, "image"));
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder providerJobId(String id) {
            this.providerJobId = id;
            return this;
        }

        public Builder timings(Timings timings) {
            this.timings = Objects.requireNonNull(timings, "timings");
            return this;
        }

        public Builder cost(Cost cost) {
            this.cost = cost;
            return this;
        }

        public Builder nsfwFlags(List<Boolean> flags) {
            this.nsfwFlags.clear();
            this.nsfwFlags.addAll(flags);
            return this;
        }

        /** See {@link EngineResult#imageSeeds()}. */
        public Builder imageSeeds(List<Long> seeds) {
            this.imageSeeds.clear();
            this.imageSeeds.addAll(seeds);
            return this;
        }

        public EngineResult build() {
            if (images.isEmpty()) {
                throw new IllegalStateException("an EngineResult needs at least one image");
            }
            if (!nsfwFlags.isEmpty() && nsfwFlags.size() != images.size()) {
                throw new IllegalStateException(nsfwFlags.size() + " NSFW flags for " + images.size() + " images");
            }
            if (!imageSeeds.isEmpty() && imageSeeds.size() != images.size()) {
                throw new IllegalStateException(imageSeeds.size() + " image seeds for " + images.size() + " images");
            }
            return new EngineResult(this);
        }
    }
}
