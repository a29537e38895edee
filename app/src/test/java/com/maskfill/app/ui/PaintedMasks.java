package com.maskfill.app.ui;

import com.maskfill.app.mask.PixelRect;

/** Masks painted in tests the way a brush would: through the window's mask document, with one change event. */
final class PaintedMasks {

    private PaintedMasks() {
    }

    /** Paints the rectangle fully; call on the FX thread. */
    static void rectangle(EditorWindow window, int left, int top, int width, int height) {
        var mask = window.maskTools().document().mask();
        for (int y = top; y < top + height; y++) {
            for (int x = left; x < left + width; x++) {
                mask.set(x, y, 255);
            }
        }
        mask.fireChanged(new PixelRect(left, top, width, height));
    }
}
