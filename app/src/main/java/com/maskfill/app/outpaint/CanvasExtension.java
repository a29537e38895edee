package com.maskfill.app.outpaint;

import com.maskfill.engine.api.image.ImageLimits;

/**
 * How many pixels to add on each side of the photo for outpainting.
 */
public record CanvasExtension(int left, int top, int right, int bottom) {

    public CanvasExtension {
        if (left < 0 || top < 0 || right < 0 || bottom < 0) {
            throw new IllegalArgumentException("sides must not be negative: " + left + ", " + top + ", " + right
                    + ", " + bottom);
        }
    }

    /**
     * The smallest extension that gives the photo the aspect ratio {@code aspectWidth : aspectHeight}, split
     * evenly between the two sides that grow (the photo stays centred). An image already at that ratio grows
     * by nothing.
     */
    public static CanvasExtension toAspect(int width, int height, double aspectWidth, double aspectHeight) {
        if (!(aspectWidth > 0) || !(aspectHeight > 0)) {
            throw new IllegalArgumentException("aspect ratio " + aspectWidth + ":" + aspectHeight
                    + " must be two positive numbers");
        }
        double target = aspectWidth / aspectHeight;
        if ((double) width / height < target) {
            int extra = (int) Math.round(height * target) - width;
            return new CanvasExtension(extra / 2, 0, extra - extra / 2, 0);
        }
        int extra = (int) Math.round(width / target) - height;
        return new CanvasExtension(0, extra / 2, 0, extra - extra / 2);
    }

    public boolean isEmpty() {
        return left == 0 && top == 0 && right == 0 && bottom == 0;
    }

    public int newWidth(int width) {
        return width + left + right;
    }

    public int newHeight(int height) {
        return height + top + bottom;
    }

    /** Null when the extended photo is within Maskfill's size limits, else why not. */
    public String whyRefused(int width, int height) {
        String reason = ImageLimits.whyRefused(newWidth(width), newHeight(height));
        return reason == null ? null : "the extended photo would be too large: " + reason;
    }
}
