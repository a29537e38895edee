package com.maskfill.app.canvas;

/**
 * How image pixels map onto the canvas: {@code view = image × scale + translate}. Immutable, so a change of
 * view is one property change that every layer and readout sees at once.
 */
public record ViewTransform(double scale, double translateX, double translateY) {

    public static final double MIN_SCALE = 0.01;
    public static final double MAX_SCALE = 64;

    public static final ViewTransform IDENTITY = new ViewTransform(1, 0, 0);

    public ViewTransform {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be positive: " + scale);
        }
    }

    /** The image point under a view point, both kinds of coordinate in one value. */
    public CanvasPoint at(double viewX, double viewY) {
        return new CanvasPoint(viewX, viewY, (viewX - translateX) / scale, (viewY - translateY) / scale);
    }

    public double toViewX(double imageX) {
        return imageX * scale + translateX;
    }

    public double toViewY(double imageY) {
        return imageY * scale + translateY;
    }

    /** Zoomed by {@code factor} (clamped to the allowed range) keeping the image point under (viewX, viewY) still. */
    public ViewTransform zoomedAt(double factor, double viewX, double viewY) {
        double newScale = clamp(scale * factor);
        double applied = newScale / scale;
        return new ViewTransform(newScale, viewX - (viewX - translateX) * applied, viewY - (viewY - translateY) * applied);
    }

    /** At {@code newScale} with the image point under (viewX, viewY) kept still. */
    public ViewTransform withScaleAt(double newScale, double viewX, double viewY) {
        return zoomedAt(newScale / scale, viewX, viewY);
    }

    public ViewTransform pannedBy(double dx, double dy) {
        return new ViewTransform(scale, translateX + dx, translateY + dy);
    }

    /**
     * The whole image centred in a view of the given size with a margin, at most at {@code maxScale}
     * ({@link Double#POSITIVE_INFINITY} to enlarge small images to fill the view).
     */
    public static ViewTransform fitting(double imageWidth, double imageHeight, double viewWidth, double viewHeight,
                                        double margin, double maxScale) {
        double availableW = Math.max(1, viewWidth - 2 * margin);
        double availableH = Math.max(1, viewHeight - 2 * margin);
        double s = clamp(Math.min(maxScale, Math.min(availableW / imageWidth, availableH / imageHeight)));
        return centred(imageWidth, imageHeight, viewWidth, viewHeight, s);
    }

    /** The image centred in the view at the given scale. */
    public static ViewTransform centred(double imageWidth, double imageHeight, double viewWidth, double viewHeight,
                                        double scale) {
        return new ViewTransform(scale, (viewWidth - imageWidth * scale) / 2, (viewHeight - imageHeight * scale) / 2);
    }

    private static double clamp(double s) {
        return Math.max(MIN_SCALE, Math.min(MAX_SCALE, s));
    }
}
