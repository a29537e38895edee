package com.maskfill.engine.api.engine;

import com.maskfill.engine.api.request.DoubleRange;
import com.maskfill.engine.api.request.FillRequest;
import com.maskfill.engine.api.request.IntRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an engine accepts and reports, so the editor can adapt its controls and the pipeline can refuse a
 * job before sending it. Sizes are per side of the image the engine receives (the context crop at working
 * size), e.g. WaveSpeed: 256–1536, multiple of 16.
 */
public final class Capabilities {

    private final IntRange sideRange;
    private final int sizeMultiple;
    private final IntRange stepsRange;
    private final DoubleRange guidanceRange;
    private final double defaultGuidance;
    private final long maxSeed;
    private final int maxImages;
    private final int maxLoras;
    private final boolean loraFiles;
    private final boolean cancellable;
    private final boolean reportsSteps;
    private final boolean safetyCheckerOptional;
    private final boolean binaryMask;
    private final long workingPixels;
    private final List<String> credentialNames;
    private final List<EngineSetting> settings;
    private final Price price;

    private Capabilities(Builder b) {
        this.sideRange = b.sideRange;
        this.sizeMultiple = b.sizeMultiple;
        this.stepsRange = b.stepsRange;
        this.guidanceRange = b.guidanceRange;
        this.defaultGuidance = b.defaultGuidance != null ? b.defaultGuidance
                : Math.max(b.guidanceRange.min(), Math.min(b.guidanceRange.max(), FillRequest.DEFAULT_GUIDANCE));
        this.maxSeed = b.maxSeed;
        this.maxImages = b.maxImages;
        this.maxLoras = b.maxLoras;
        this.loraFiles = b.loraFiles;
        this.cancellable = b.cancellable;
        this.reportsSteps = b.reportsSteps;
        this.safetyCheckerOptional = b.safetyCheckerOptional;
        this.binaryMask = b.binaryMask;
        this.workingPixels = b.workingPixels;
        this.credentialNames = List.copyOf(b.credentialNames);
        this.settings = List.copyOf(b.settings);
        this.price = b.price;
    }

    /** Starts from the request's own limits; an engine narrows what it must. */
    public static Builder builder() {
        return new Builder();
    }

    /** Allowed width and height of the image sent to the engine. */
    public IntRange sideRange() {
        return sideRange;
    }

    /** Both sides of the image sent to the engine are multiples of this (the pipeline never uses less than 16). */
    public int sizeMultiple() {
        return sizeMultiple;
    }

    public IntRange stepsRange() {
        return stepsRange;
    }

    public DoubleRange guidanceRange() {
        return guidanceRange;
    }

    /**
     * The guidance this model is documented to expect (FLUX.1 Fill [dev]: 30; Fill [pro] at BFL: 60): the side panel
     * starts from it and the command line sends it when none is given. Unless set, 30 kept within the range.
     */
    public double defaultGuidance() {
        return defaultGuidance;
    }

    /** Seeds run from 0 to this. */
    public long maxSeed() {
        return maxSeed;
    }

    /** Images per job. */
    public int maxImages() {
        return maxImages;
    }

    /** How many LoRAs a job may carry; 0: the engine takes none (the editor then hides its LoRA list). */
    public int maxLoras() {
        return maxLoras;
    }

    /**
     * True when the engine reads LoRAs as files on this computer (the local engine); false when it hands each
     * {@link com.maskfill.engine.api.request.Lora#source()} to its provider to fetch (a URL or a hosted id).
     */
    public boolean loraFiles() {
        return loraFiles;
    }

    /** True when a running job can be stopped (at the provider or locally), not just abandoned. */
    public boolean cancellable() {
        return cancellable;
    }

    /** True when the engine sends "running step k of n" events. */
    public boolean reportsSteps() {
        return reportsSteps;
    }

    /** True when the safety checker can be switched off. */
    public boolean safetyCheckerOptional() {
        return safetyCheckerOptional;
    }

    /**
     * True when the engine treats its mask as black and white (a hosted FLUX Fill binarises it at half): it then
     * receives a mask that is white wherever the painted mask is not 0, so every softly painted pixel is
     * regenerated, and the paste-back applies the grey levels as strengths. False: it receives the grey levels.
     */
    public boolean binaryMask() {
        return binaryMask;
    }

    /**
     * The model's working resolution in pixels (FLUX: about one megapixel): a smaller masked area is scaled up to
     * about this before it is sent, unless the request asks for it as is. 0: sent at its own size.
     */
    public long workingPixels() {
        return workingPixels;
    }

    /** Plain settings the engine reads from its context's options (a model folder, a device, ...). */
    public List<EngineSetting> settings() {
        return settings;
    }

    /** What a job costs as the provider documents it; empty when the price is not known (never read as free). */
    public Optional<Price> price() {
        return Optional.ofNullable(price);
    }

    /** Names this engine looks up in its {@link CredentialSource}, e.g. {@code ["apiKey", "apiSecret"]}. */
    public List<String> credentialNames() {
        return credentialNames;
    }

    public boolean needsCredentials() {
        return !credentialNames.isEmpty();
    }

    /**
     * Everything in {@code request} this engine cannot run, worded like the request's own validation
     * ({@code guidance = 40 is out of range: allowed 28–35}); empty when the request fits.
     */
    public List<String> problemsWith(FillRequest request) {
        List<String> problems = new ArrayList<>();
        if (!stepsRange.contains(request.steps())) {
            problems.add(FillRequest.outOfRange("steps", request.steps(), stepsRange));
        }
        if (!guidanceRange.contains(request.guidance())) {
            problems.add(FillRequest.outOfRange("guidance", DoubleRange.format(request.guidance()), guidanceRange));
        }
        request.seed().ifPresent(seed -> {
            if (seed > maxSeed) {
                problems.add(FillRequest.outOfRange("seed", seed, "0–" + maxSeed));
            }
        });
        if (request.imageCount() > maxImages) {
            problems.add(FillRequest.outOfRange("imageCount", request.imageCount(), "1–" + maxImages));
        }
        request.workingSize().ifPresent(size -> {
            if (!sideRange.contains(size)) {
                problems.add(FillRequest.outOfRange("workingSize", size, sideRange));
            }
        });
        if (request.loras().size() > maxLoras) {
            problems.add(maxLoras == 0
                    ? "loras has " + request.loras().size() + " entries: this engine takes no LoRAs"
                    : "loras has " + request.loras().size() + " entries: allowed at most " + maxLoras);
        }
        if (!request.safetyChecker() && !safetyCheckerOptional) {
            problems.add("safetyChecker = off is not supported: this engine always checks");
        }
        return problems;
    }

    @Override
    public String toString() {
        return "Capabilities[sides=" + sideRange + " ×" + sizeMultiple + ", steps=" + stepsRange
                + ", guidance=" + guidanceRange + " (default " + DoubleRange.format(defaultGuidance) + "), maxSeed="
                + maxSeed + ", maxImages=" + maxImages
                + ", maxLoras=" + maxLoras + ", loraFiles=" + loraFiles + ", cancellable=" + cancellable
                + ", reportsSteps=" + reportsSteps
                + ", safetyCheckerOptional=" + safetyCheckerOptional + ", binaryMask=" + binaryMask + ", workingPixels=" + workingPixels + ", credentials=" + credentialNames + "]";
    }

    public static final class Builder {
        private IntRange sideRange = IntRange.of(256, 2048);
        private int sizeMultiple = 16;
        private IntRange stepsRange = FillRequest.STEPS_RANGE;
        private DoubleRange guidanceRange = FillRequest.GUIDANCE_RANGE;
        private Double defaultGuidance;
        private long maxSeed = FillRequest.MAX_SEED;
        private int maxImages = FillRequest.IMAGE_COUNT_RANGE.max();
        private int maxLoras = FillRequest.MAX_LORAS;
        private boolean loraFiles;
        private boolean cancellable;
        private boolean reportsSteps;
        private boolean safetyCheckerOptional = true;
        private boolean binaryMask;
        private long workingPixels;
        private final List<String> credentialNames = new ArrayList<>();
        private final List<EngineSetting> settings = new ArrayList<>();
        private Price price;

        private Builder() {
        }

        public Builder sideRange(int min, int max) {
            this.sideRange = IntRange.of(min, max);
            return this;
        }

        public Builder sizeMultiple(int multiple) {
            this.sizeMultiple = multiple;
            return this;
        }

        public Builder stepsRange(int min, int max) {
            this.stepsRange = IntRange.of(min, max);
            return this;
        }

        public Builder guidanceRange(double min, double max) {
            this.guidanceRange = DoubleRange.of(min, max);
            return this;
        }

        /** See {@link Capabilities#defaultGuidance()}; must lie within the guidance range. */
        public Builder defaultGuidance(double guidance) {
            this.defaultGuidance = guidance;
            return this;
        }

        public Builder maxSeed(long maxSeed) {
            this.maxSeed = maxSeed;
            return this;
        }

        public Builder maxImages(int maxImages) {
            this.maxImages = maxImages;
            return this;
        }

        public Builder maxLoras(int maxLoras) {
            this.maxLoras = maxLoras;
            return this;
        }

        /** See {@link Capabilities#loraFiles()}; false (URLs or hosted ids) unless set. */
        public Builder loraFiles(boolean files) {
            this.loraFiles = files;
            return this;
        }

        public Builder cancellable(boolean cancellable) {
            this.cancellable = cancellable;
            return this;
        }

        public Builder reportsSteps(boolean reportsSteps) {
            this.reportsSteps = reportsSteps;
            return this;
        }

        public Builder safetyCheckerOptional(boolean optional) {
            this.safetyCheckerOptional = optional;
            return this;
        }

        /** See {@link Capabilities#binaryMask()}; false unless set. */
        public Builder binaryMask(boolean binary) {
            this.binaryMask = binary;
            return this;
        }

        /** See {@link Capabilities#workingPixels()}; 0 unless set. */
        public Builder workingPixels(long pixels) {
            if (pixels < 0) {
                throw new IllegalArgumentException("workingPixels = " + pixels + " is out of range: allowed 0 or more");
            }
            this.workingPixels = pixels;
            return this;
        }

        /** See {@link Capabilities#price()}; unknown unless set. */
        public Builder price(Price price) {
            this.price = Objects.requireNonNull(price, "price");
            return this;
        }

        public Builder credential(String name) {
            this.credentialNames.add(Objects.requireNonNull(name, "name"));
            return this;
        }

        public Builder setting(EngineSetting setting) {
            this.settings.add(Objects.requireNonNull(setting, "setting"));
            return this;
        }

        public Capabilities build() {
            if (sideRange.min() < 16) {
                throw new IllegalArgumentException("sideRange " + sideRange + " is invalid: the smallest side must be at least 16");
            }
            if (sizeMultiple < 1 || sizeMultiple > sideRange.min()) {
                throw new IllegalArgumentException("sizeMultiple = " + sizeMultiple + " is out of range: allowed 1–" + sideRange.min());
            }
            if (defaultGuidance != null && !guidanceRange.contains(defaultGuidance)) {
                throw new IllegalArgumentException(FillRequest.outOfRange("defaultGuidance",
                        DoubleRange.format(defaultGuidance), guidanceRange));
            }
            if (maxImages < 1 || maxLoras < 0 || maxSeed < 0) {
                throw new IllegalArgumentException("maxImages must be at least 1, maxLoras and maxSeed at least 0");
            }
            return new Capabilities(this);
        }
    }
}
