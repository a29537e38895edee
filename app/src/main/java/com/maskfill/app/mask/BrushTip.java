package com.maskfill.app.mask;

/**
 * The coverage of one round dab as a function of the distance from its centre.
 *
 * <p>Full coverage up to {@code hardness × radius}, then a smoothstep fall-off to zero at the radius
 * (zero slope at both ends, so soft brushes show no ring). When that band is narrower than one pixel
 * (hard brushes) it becomes a one-pixel antialiasing band centred on the radius, so a 1 px brush still
 * covers the pixel it is centred on. Distances are measured from pixel centres.
 *
 * @param diameter  1–2000 image pixels
 * @param hardness  0–1 (0 % – 100 %)
 */
public record BrushTip(double diameter, double hardness) {

    public static final double MIN_DIAMETER = 1;
    public static final double MAX_DIAMETER = 2000;

    public BrushTip {
        if (!(diameter >= MIN_DIAMETER && diameter <= MAX_DIAMETER)) {
            throw new IllegalArgumentException("Brush diameter must be " + MIN_DIAMETER + "–" + MAX_DIAMETER
                    + " px, got " + diameter);
        }
        if (!(hardness >= 0 && hardness <= 1)) {
            throw new IllegalArgumentException("Brush hardness must be 0–1 (0–100 %), got " + hardness);
        }
    }

    public double radius() {
        return diameter / 2;
    }

    /** Where the fall-off starts; coverage is 255 at or inside it. */
    public double innerRadius() {
        double r = radius();
        double inner = hardness * r;
        return r - inner < 1 ? r - 0.5 : inner;
    }

    /** Where coverage reaches 0; nothing at or beyond it is touched. */
    public double outerRadius() {
        double r = radius();
        return r - hardness * r < 1 ? r + 0.5 : r;
    }

    /** Coverage 0–255 at distance {@code d} from the dab centre. */
    public int coverage(double d) {
        double inner = innerRadius();
        double outer = outerRadius();
        if (d <= inner) {
            return 255;
        }
        if (d >= outer) {
            return 0;
        }
        double t = (d - inner) / (outer - inner);
        double falloff = 1 - t * t * (3 - 2 * t);
        return (int) Math.round(falloff * 255);
    }
}
