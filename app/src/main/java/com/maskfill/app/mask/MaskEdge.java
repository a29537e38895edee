package com.maskfill.app.mask;

import com.maskfill.engine.api.pipeline.MaskOps;

/**
 * The Mask menu's edge commands, which take a radius: each is an engine-api {@link MaskOps} filter, so the editor
 * and the paste-back pipeline agree exactly, and its effect reaches at most the radius from the mask's edge.
 */
public enum MaskEdge {
    /** Every pixel within the radius of the mask (values ≥ 128) becomes 255; see {@link MaskOps#grow}. */
    GROW("Grow mask", 8),
    /** Every pixel within the radius of the unmasked area (values < 128) becomes 0; see {@link MaskOps#shrink}. */
    SHRINK("Shrink mask", 8),
    /** Softens the mask edge over the radius; see {@link MaskOps#feather}. */
    FEATHER("Feather mask", 16);

    private final String title;
    private final int defaultRadius;

    MaskEdge(String title, int defaultRadius) {
        this.title = title;
        this.defaultRadius = defaultRadius;
    }

    /** "Feather mask": the dialog's title. */
    public String title() {
        return title;
    }

    /** The radius the dialog starts with. */
    public int defaultRadius() {
        return defaultRadius;
    }

    /** The undo entry's name, e.g. "Feather mask by 16 px". */
    public String description(int radius) {
        return title + " by " + radius + " px";
    }

    byte[] apply(byte[] pixels, int width, int height, int radius) {
        return switch (this) {
            case GROW -> MaskOps.grow(pixels, width, height, radius);
            case SHRINK -> MaskOps.shrink(pixels, width, height, radius);
            case FEATHER -> MaskOps.feather(pixels, width, height, radius);
        };
    }
}
