package com.maskfill.app.tools;

/**
 * An outline the canvas draws while a shape gesture is under way (rubber-band rectangle, lasso path),
 * in image coordinates.
 *
 * @param closed draw the segment from the last point back to the first
 */
public record ToolPreview(double[] xs, double[] ys, boolean closed) {

    public int size() {
        return xs.length;
    }
}
