package com.maskfill.app.canvas;

/**
 * A pointer position known in both spaces: view (canvas pixels) and image (source pixels, fractional).
 * Converting once, here, keeps tools and readouts from each doing their own arithmetic.
 */
public record CanvasPoint(double viewX, double viewY, double imageX, double imageY) {

    /** The image pixel column under the point. */
    public int pixelX() {
        return (int) Math.floor(imageX);
    }

    /** The image pixel row under the point. */
    public int pixelY() {
        return (int) Math.floor(imageY);
    }

    public boolean isInside(int imageWidth, int imageHeight) {
        return imageX >= 0 && imageY >= 0 && imageX < imageWidth && imageY < imageHeight;
    }
}
