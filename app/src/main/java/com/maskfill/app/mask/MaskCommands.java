package com.maskfill.app.mask;

import java.util.function.UnaryOperator;

/**
 * Whole-mask commands, each applied at once and recorded as one history entry (none when it changed
 * nothing): fill, clear, invert, replace with new pixels (loaded PNG, the result of a MaskOps filter).
 */
public final class MaskCommands {

    private final Mask mask;
    private final MaskHistory history;

    public MaskCommands(Mask mask, MaskHistory history) {
        this.mask = mask;
        this.history = history;
    }

    /** Sets every pixel to 255 (regenerate everything). */
    public boolean fillAll() {
        return fillWith(255, "Fill mask");
    }

    /** Sets every pixel to 0 (keep everything). */
    public boolean clear() {
        return fillWith(0, "Clear mask");
    }

    /** {@code v → 255 − v} for every pixel; the entry stores no pixels. */
    public boolean invert() {
        InvertMaskEdit.invert(mask);
        history.push(new InvertMaskEdit(mask));
        return true;
    }

    /**
     * Replaces the whole mask with {@code pixels} (row-major, mask-sized); only tiles whose bytes differ
     * are recorded.
     */
    public boolean replaceAll(byte[] pixels, String description) {
        mask.checkFlatLength(pixels);
        TileRecorder recorder = new TileRecorder(mask);
        int width = mask.width();
        for (int ty = 0; ty < mask.tilesY(); ty++) {
            for (int tx = 0; tx < mask.tilesX(); tx++) {
                PixelRect valid = mask.validTileRect(tx, ty);
                int ox = tx << Mask.TILE_SHIFT;
                int oy = ty << Mask.TILE_SHIFT;
                if (sameAsTile(mask.tile(tx, ty), pixels, ox, oy, valid)) {
                    continue;
                }
                byte[] tile = recorder.touch(tx, ty, 0, 0, valid.width(), valid.height());
                for (int y = 0; y < valid.height(); y++) {
                    System.arraycopy(pixels, (oy + y) * width + ox, tile, y << Mask.TILE_SHIFT, valid.width());
                }
            }
        }
        return record(recorder, description);
    }

    /**
     * Runs a flat-array filter (e.g. a MaskOps grow or feather) over the whole mask and records the
     * result as one entry.
     */
    public boolean apply(UnaryOperator<byte[]> filter, String description) {
        return replaceAll(filter.apply(mask.toByteArray()), description);
    }

    private boolean fillWith(int value, String description) {
        TileRecorder recorder = new TileRecorder(mask);
        for (int ty = 0; ty < mask.tilesY(); ty++) {
            for (int tx = 0; tx < mask.tilesX(); tx++) {
                PixelRect valid = mask.validTileRect(tx, ty);
                byte[] current = mask.tile(tx, ty);
                if (value == 0 && current == null) {
                    continue;
                }
                byte[] tile = recorder.touch(tx, ty, 0, 0, valid.width(), valid.height());
                for (int y = 0; y < valid.height(); y++) {
                    java.util.Arrays.fill(tile, y << Mask.TILE_SHIFT, (y << Mask.TILE_SHIFT) + valid.width(), (byte) value);
                }
            }
        }
        return record(recorder, description);
    }

    private boolean record(TileRecorder recorder, String description) {
        TileEdit edit = recorder.finish(description);
        if (edit == null) {
            return false;
        }
        mask.fireChanged(edit.bounds());
        history.push(edit);
        return true;
    }

    private boolean sameAsTile(byte[] tile, byte[] flat, int ox, int oy, PixelRect valid) {
        int width = mask.width();
        for (int y = 0; y < valid.height(); y++) {
            int src = (oy + y) * width + ox;
            if (tile == null) {
                if (!Mask.isAllZero(flat, src, valid.width())) {
                    return false;
                }
            } else if (!java.util.Arrays.equals(tile, y << Mask.TILE_SHIFT, (y << Mask.TILE_SHIFT) + valid.width(),
                    flat, src, src + valid.width())) {
                return false;
            }
        }
        return true;
    }
}
