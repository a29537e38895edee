package com.maskfill.app.mask;

/** Told which pixels of a {@link Mask} changed, so a view re-renders only that rectangle. */
@FunctionalInterface
public interface MaskListener {

    /** {@code dirty} is never empty and lies inside the mask. Called on the thread that edited the mask. */
    void maskChanged(PixelRect dirty);
}
