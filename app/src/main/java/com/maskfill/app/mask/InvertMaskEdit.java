package com.maskfill.app.mask;

import com.maskfill.app.history.Edit;
/**
 * Inverting is its own inverse ({@code v → 255 − v} twice gives {@code v} back exactly), so this entry
 * stores no pixels at all: undo and redo both invert again.
 */
final class InvertMaskEdit implements Edit {

    private final Mask mask;

    InvertMaskEdit(Mask mask) {
        this.mask = mask;
    }

    /** Inverts every pixel of the mask in place and tells its listeners. */
    static void invert(Mask mask) {
        for (int ty = 0; ty < mask.tilesY(); ty++) {
            for (int tx = 0; tx < mask.tilesX(); tx++) {
                PixelRect valid = mask.validTileRect(tx, ty);
                byte[] tile = mask.tileForWrite(tx, ty);
                boolean allZero = true;
                for (int y = 0; y < valid.height(); y++) {
                    int row = y << Mask.TILE_SHIFT;
                    for (int i = row, end = row + valid.width(); i < end; i++) {
                        byte v = (byte) ~tile[i];
                        tile[i] = v;
                        allZero &= v == 0;
                    }
                }
                if (allZero) {
                    mask.releaseTile(tx, ty);
                }
            }
        }
        mask.fireChanged(mask.bounds());
    }

    @Override
    public void undo() {
        invert(mask);
    }

    @Override
    public void redo() {
        invert(mask);
    }

    @Override
    public String description() {
        return "Invert mask";
    }

    @Override
    public long byteSize() {
        return 64;
    }
}
