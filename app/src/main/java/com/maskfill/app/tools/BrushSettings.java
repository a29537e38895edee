package com.maskfill.app.tools;

import com.maskfill.app.mask.BrushTip;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Size, hardness, opacity and dab spacing of one paint tool. Brush and eraser each have their own, as
 * users expect (a big soft eraser next to a small hard brush).
 */
public final class BrushSettings {

    public static final double MIN_SPACING = 0.01;
    public static final double MAX_SPACING = 2.0;
    public static final double HARDNESS_STEP = 0.1;

    private double size;
    private double hardness;
    private double opacity;
    private double spacing;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public BrushSettings(double size, double hardness, double opacity, double spacing) {
        setSize(size);
        setHardness(hardness);
        setOpacity(opacity);
        setSpacing(spacing);
    }

    /** 100 px, 50 % hardness, 100 % opacity, spacing 10 % of the diameter. */
    public static BrushSettings defaults() {
        return new BrushSettings(100, 0.5, 1.0, 0.1);
    }

    /** Diameter in image pixels, 1–2000. */
    public double size() {
        return size;
    }

    public void setSize(double size) {
        if (!(size >= BrushTip.MIN_DIAMETER && size <= BrushTip.MAX_DIAMETER)) {
            throw new IllegalArgumentException("Brush size must be " + (int) BrushTip.MIN_DIAMETER + "–"
                    + (int) BrushTip.MAX_DIAMETER + " px, got " + size);
        }
        this.size = size;
        fire();
    }

    /** 0–1. */
    public double hardness() {
        return hardness;
    }

    public void setHardness(double hardness) {
        if (!(hardness >= 0 && hardness <= 1)) {
            throw new IllegalArgumentException("Brush hardness must be 0–1 (0–100 %), got " + hardness);
        }
        this.hardness = hardness;
        fire();
    }

    /** 0–1, the most one stroke changes a pixel. */
    public double opacity() {
        return opacity;
    }

    public void setOpacity(double opacity) {
        if (!(opacity >= 0 && opacity <= 1)) {
            throw new IllegalArgumentException("Brush opacity must be 0–1 (0–100 %), got " + opacity);
        }
        this.opacity = opacity;
        fire();
    }

    /** Distance between dabs as a fraction of the diameter. */
    public double spacing() {
        return spacing;
    }

    public void setSpacing(double spacing) {
        if (!(spacing >= MIN_SPACING && spacing <= MAX_SPACING)) {
            throw new IllegalArgumentException("Brush spacing must be " + MIN_SPACING + "–" + MAX_SPACING
                    + " of the diameter, got " + spacing);
        }
        this.spacing = spacing;
        fire();
    }

    /** ] */
    public void increaseSize() {
        setSize(BrushSizeScale.larger(size));
    }

    /** [ */
    public void decreaseSize() {
        setSize(BrushSizeScale.smaller(size));
    }

    /** Shift+] */
    public void increaseHardness() {
        setHardness(Math.min(1, Math.round((hardness + HARDNESS_STEP) * 100) / 100.0));
    }

    /** Shift+[ */
    public void decreaseHardness() {
        setHardness(Math.max(0, Math.round((hardness - HARDNESS_STEP) * 100) / 100.0));
    }

    public BrushTip tip() {
        return new BrushTip(size, hardness);
    }

    /** Distance between dab centres in image pixels (never below half a pixel). */
    public double spacingPx() {
        return Math.max(0.5, spacing * size);
    }

    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    private void fire() {
        for (Runnable l : listeners) {
            l.run();
        }
    }
}
