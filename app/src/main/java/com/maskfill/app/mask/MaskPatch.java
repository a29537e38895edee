package com.maskfill.app.mask;

/**
 * New mask values for one rectangle, not yet written: what a command would make (the overlay previews it before
 * the user accepts).
 *
 * @param pixels row-major, {@code region.width()} per row
 */
public record MaskPatch(PixelRect region, byte[] pixels) {

    public MaskPatch {
        if (pixels.length != region.width() * region.height()) {
            throw new IllegalArgumentException(pixels.length + " values for the " + region + " rectangle");
        }
    }
}
