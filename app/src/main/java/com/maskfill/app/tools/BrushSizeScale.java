package com.maskfill.app.tools;

import com.maskfill.app.mask.BrushTip;

/**
 * Maps a 0–1 slider position to a brush diameter of 1–2000 px on a logarithmic scale (equal slider
 * steps = equal size ratios, so small brushes get as much travel as large ones), and the [ / ] key steps.
 */
public final class BrushSizeScale {

    private static final double LOG_MAX = Math.log(BrushTip.MAX_DIAMETER / BrushTip.MIN_DIAMETER);
    /** One [ or ] press changes the size by this factor (≈ 30 steps across the range). */
    private static final double STEP_FACTOR = 1.25;

    private BrushSizeScale() {
    }

    /** Slider 0 → 1 px, 1 → 2000 px. */
    public static double sizeFor(double slider) {
        double t = Math.max(0, Math.min(1, slider));
        return BrushTip.MIN_DIAMETER * Math.exp(t * LOG_MAX);
    }

    /** Inverse of {@link #sizeFor}. */
    public static double sliderFor(double size) {
        double s = Math.max(BrushTip.MIN_DIAMETER, Math.min(BrushTip.MAX_DIAMETER, size));
        return Math.log(s / BrushTip.MIN_DIAMETER) / LOG_MAX;
    }

    /** The next larger size for ], whole pixels, at least one pixel more. */
    public static double larger(double size) {
        return Math.min(BrushTip.MAX_DIAMETER, Math.max(size + 1, Math.round(size * STEP_FACTOR)));
    }

    /** The next smaller size for [, whole pixels, at least one pixel less. */
    public static double smaller(double size) {
        return Math.max(BrushTip.MIN_DIAMETER, Math.min(size - 1, Math.round(size / STEP_FACTOR)));
    }
}
