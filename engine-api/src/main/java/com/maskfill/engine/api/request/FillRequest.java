package com.maskfill.engine.api.request;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One inpainting job as the user asked for it: the full source image, a mask at the same resolution, and
 * the generation settings. Built with {@link #builder()}; {@link Builder#build()} refuses invalid values
 * with an {@link InvalidRequestException} whose message names field, value and allowed range — before any
 * byte leaves the machine. Ranges here are the widest any engine accepts; each engine may narrow them
 * further through its {@link com.maskfill.engine.api.engine.Capabilities}.
 *
 * <p>The request holds the caller's {@link BufferedImage} rather than a copy (a 40-megapixel copy per job
 * would cost 160 MB); hand over an image nobody modifies any more.
 */
public final class FillRequest {

    public static final IntRange STEPS_RANGE = IntRange.of(1, 50);
    public static final int DEFAULT_STEPS = 28;
    /** FLUX.1 Fill [dev] is guidance-distilled; 30 is its reference value. */
    public static final DoubleRange GUIDANCE_RANGE = DoubleRange.of(0, 100);
    public static final double DEFAULT_GUIDANCE = 30;
    /** The widest seed range among the providers (unsigned 32 bit). */
    public static final long MAX_SEED = 4_294_967_295L;
    public static final IntRange IMAGE_COUNT_RANGE = IntRange.of(1, 4);
    /** Longest side of the image sent to the engine, when the user picks one. */
    public static final IntRange WORKING_SIZE_RANGE = IntRange.of(256, 2048);
    public static final int MAX_LORAS = 3;
    public static final DoubleRange LORA_SCALE_RANGE = DoubleRange.of(0, 4);

    private final BufferedImage image;
    private final Mask mask;
    private final String prompt;
    private final int steps;
    private final double guidance;
    private final Long seed;
    private final int imageCount;
    private final Integer workingSize;
    private final List<Lora> loras;
    private final boolean safetyChecker;
    private final boolean colorMatch;
    private final WorkResolution workResolution;

    private FillRequest(Builder b) {
        this.image = b.image;
        this.mask = b.mask;
        this.prompt = b.prompt.strip();
        this.steps = b.steps;
        this.guidance = b.guidance;
        this.seed = b.seed;
        this.imageCount = b.imageCount;
        this.workingSize = b.workingSize;
        this.loras = List.copyOf(b.loras);
        this.safetyChecker = b.safetyChecker;
        this.colorMatch = b.colorMatch;
        this.workResolution = b.workResolution;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this request's values, to change a few and build again. */
    public Builder toBuilder() {
        Builder b = new Builder().image(image).mask(mask).prompt(prompt).steps(steps).guidance(guidance)
                .imageCount(imageCount).loras(loras).safetyChecker(safetyChecker).colorMatch(colorMatch)
                .workResolution(workResolution);
        b.seed = seed;
        b.workingSize = workingSize;
        return b;
    }

    /** The full source image. */
    public BufferedImage image() {
        return image;
    }

    /** Same size as {@link #image()}; 255 = regenerate, 0 = keep. */
    public Mask mask() {
        return mask;
    }

    /** The prompt, stripped of leading and trailing white space. */
    public String prompt() {
        return prompt;
    }

    public int steps() {
        return steps;
    }

    public double guidance() {
        return guidance;
    }

    /** The seed asked for; empty means "pick one at random" (the one used is reported in the result). */
    public OptionalLong seed() {
        return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
    }

    /** How many images to generate, 1–4. */
    public int imageCount() {
        return imageCount;
    }

    /** Longest side, in pixels, of the crop sent to the engine; empty means the crop's own size. */
    public OptionalInt workingSize() {
        return workingSize == null ? OptionalInt.empty() : OptionalInt.of(workingSize);
    }

    public List<Lora> loras() {
        return loras;
    }

    public boolean safetyChecker() {
        return safetyChecker;
    }

    /**
     * True (the default) when each output's colours are matched to the photo at the seam before paste-back
     * (see {@link com.maskfill.engine.api.pipeline.ColorMatch}).
     */
    public boolean colorMatch() {
        return colorMatch;
    }

    /** The size a small masked area is sent at, when no {@link #workingSize()} is asked for. */
    public WorkResolution workResolution() {
        return workResolution;
    }

    @Override
    public String toString() {
        return "FillRequest[image=" + image.getWidth() + "×" + image.getHeight() + ", prompt=\"" + prompt
                + "\", steps=" + steps + ", guidance=" + DoubleRange.format(guidance)
                + ", seed=" + (seed == null ? "random" : seed) + ", images=" + imageCount
                + ", workingSize=" + (workingSize == null ? "crop" : workingSize) + ", loras=" + loras
                + ", safetyChecker=" + safetyChecker + ", colorMatch=" + colorMatch
                + ", workResolution=" + workResolution + "]";
    }

    /** Collects the settings; nothing is checked until {@link #build()}. */
    public static final class Builder {
        private BufferedImage image;
        private Mask mask;
        private String prompt = "";
        private int steps = DEFAULT_STEPS;
        private double guidance = DEFAULT_GUIDANCE;
        private Long seed;
        private int imageCount = 1;
        private Integer workingSize;
        private final List<Lora> loras = new ArrayList<>();
        private boolean safetyChecker = true;
        private boolean colorMatch = true;
        private WorkResolution workResolution = WorkResolution.MODEL;

        private Builder() {
        }

        public Builder image(BufferedImage image) {
            this.image = image;
            return this;
        }

        public Builder mask(Mask mask) {
            this.mask = mask;
            return this;
        }

        /** Reads the mask from a gray (or colour, by luma) image of the source's size. */
        public Builder mask(BufferedImage maskImage) {
            this.mask = maskImage == null ? null : Mask.fromImage(maskImage);
            return this;
        }

        public Builder prompt(String prompt) {
            this.prompt = prompt == null ? "" : prompt;
            return this;
        }

        public Builder steps(int steps) {
            this.steps = steps;
            return this;
        }

        public Builder guidance(double guidance) {
            this.guidance = guidance;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Let the pipeline pick a seed (the default). */
        public Builder randomSeed() {
            this.seed = null;
            return this;
        }

        public Builder imageCount(int imageCount) {
            this.imageCount = imageCount;
            return this;
        }

        public Builder workingSize(int longestSide) {
            this.workingSize = longestSide;
            return this;
        }

        /** Send the crop at its own size, only scaled where the engine's limits require it (the default). */
        public Builder cropSize() {
            this.workingSize = null;
            return this;
        }

        public Builder addLora(Lora lora) {
            this.loras.add(Objects.requireNonNull(lora, "lora"));
            return this;
        }

        public Builder loras(List<Lora> loras) {
            this.loras.clear();
            loras.forEach(this::addLora);
            return this;
        }

        public Builder safetyChecker(boolean enabled) {
            this.safetyChecker = enabled;
            return this;
        }

        /** Match the outputs' colours to the photo at the seam (on by default). */
        public Builder colorMatch(boolean enabled) {
            this.colorMatch = enabled;
            return this;
        }

        /** The size a small masked area is sent at ({@link WorkResolution#MODEL} by default). */
        public Builder workResolution(WorkResolution resolution) {
            this.workResolution = Objects.requireNonNull(resolution, "resolution");
            return this;
        }

        /** @throws InvalidRequestException listing every refused field */
        public FillRequest build() {
            List<String> problems = new ArrayList<>();
            if (image == null) {
                problems.add("image is missing");
            }
            if (mask == null) {
                problems.add("mask is missing");
            } else if (image != null && mask.sizeMismatch(image).isPresent()) {
                problems.add(mask.sizeMismatch(image).get());
            } else if (mask.isEmpty()) {
                problems.add("mask is empty: nothing to fill (paint the area to regenerate)");
            }
            if (prompt.isBlank()) {
                problems.add("prompt is blank: describe what should appear in the masked area");
            }
            checkRange(problems, "steps", steps, STEPS_RANGE);
            if (!GUIDANCE_RANGE.contains(guidance)) {
                problems.add(outOfRange("guidance", DoubleRange.format(guidance), GUIDANCE_RANGE));
            }
            if (seed != null && (seed < 0 || seed > MAX_SEED)) {
                problems.add(outOfRange("seed", seed, "0–" + MAX_SEED));
            }
            checkRange(problems, "imageCount", imageCount, IMAGE_COUNT_RANGE);
            if (workingSize != null) {
                checkRange(problems, "workingSize", workingSize, WORKING_SIZE_RANGE);
            }
            if (loras.size() > MAX_LORAS) {
                problems.add("loras has " + loras.size() + " entries: allowed at most " + MAX_LORAS);
            }
            for (int i = 0; i < loras.size(); i++) {
                Lora lora = loras.get(i);
                if (lora.source().isBlank()) {
                    problems.add("loras[" + i + "].source is blank: give a path or URL");
                }
                if (!LORA_SCALE_RANGE.contains(lora.scale())) {
                    problems.add(outOfRange("loras[" + i + "].scale", DoubleRange.format(lora.scale()), LORA_SCALE_RANGE));
                }
            }
            if (!problems.isEmpty()) {
                throw new InvalidRequestException(problems);
            }
            return new FillRequest(this);
        }

        private static void checkRange(List<String> problems, String field, int value, IntRange allowed) {
            if (!allowed.contains(value)) {
                problems.add(outOfRange(field, value, allowed));
            }
        }
    }

    /** The one wording of a range violation, shared with the engines' capability checks. */
    public static String outOfRange(String field, Object value, Object allowed) {
        return field + " = " + value + " is out of range: allowed " + allowed;
    }
}
