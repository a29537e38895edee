package com.maskfill.engine.api.image;

/**
 * The largest image Maskfill opens. Checked from the file's header, before any pixel is decoded, so a
 * file that claims to be 100000 × 100000 pixels is refused without allocating 40 GB.
 *
 * <p>120 megapixels holds every camera and phone photo of today (a 102 MP medium-format frame, a 200 MP phone
 * binned to 50 MP) with room for the full-resolution mask, the display copy and undo history in a default heap.
 * 16384 px per side is the largest texture common GPUs draw.
 */
public final class ImageLimits {

    public static final long MAX_PIXELS = 120_000_000L;
    public static final int MAX_SIDE = 16_384;

    private ImageLimits() {
    }

    /** Null when the size is acceptable, otherwise the reason it is not, in words a designer understands. */
    public static String whyRefused(long width, long height) {
        if (width <= 0 || height <= 0) {
            return "its header claims an empty size (" + width + " × " + height + " pixels)";
        }
        if (width > MAX_SIDE || height > MAX_SIDE) {
            return "it is " + width + " × " + height + " pixels; Maskfill opens images up to "
                    + MAX_SIDE + " pixels per side";
        }
        long pixels = width * height;
        if (pixels > MAX_PIXELS) {
            return "it is " + width + " × " + height + " pixels (" + pixels / 1_000_000 + " megapixels); "
                    + "Maskfill opens images up to " + MAX_PIXELS / 1_000_000 + " megapixels";
        }
        return null;
    }
}
