package com.maskfill.app.mask;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Records what one gesture or command does to a mask: the first time a tile is touched its whole
 * content is copied aside (a temporary, freed with the recorder), and a per-tile dirty rectangle grows
 * with every write. {@link #finish} turns that into a {@link TileEdit} holding only the dirty
 * rectangles, before and after, and drops tiles whose bytes did not change.
 */
final class TileRecorder {

    /** Marks a touched tile that did not exist before the gesture (all zero). */
    private static final byte[] ABSENT = new byte[0];

    private final Mask mask;
    private final byte[][] before;
    /** Per tile: local x0, y0, x1, y1 (exclusive) of what was written. */
    private final int[] dirty;
    private final List<Integer> touchedOrder = new ArrayList<>();

    TileRecorder(Mask mask) {
        this.mask = mask;
        int n = mask.tilesX() * mask.tilesY();
        this.before = new byte[n][];
        this.dirty = new int[n * 4];
    }

    /**
     * Announces a write to tile-local {@code [x0, x1) × [y0, y1)} of tile (tx, ty) and returns the tile's
     * writable bytes. The rectangle must lie inside the tile's valid (in-image) part.
     */
    byte[] touch(int tx, int ty, int x0, int y0, int x1, int y1) {
        int i = mask.tileIndex(tx, ty);
        int d = i * 4;
        if (before[i] == null) {
            byte[] current = mask.tile(tx, ty);
            before[i] = current == null ? ABSENT : current.clone();
            touchedOrder.add(i);
            dirty[d] = x0;
            dirty[d + 1] = y0;
            dirty[d + 2] = x1;
            dirty[d + 3] = y1;
        } else {
            dirty[d] = Math.min(dirty[d], x0);
            dirty[d + 1] = Math.min(dirty[d + 1], y0);
            dirty[d + 2] = Math.max(dirty[d + 2], x1);
            dirty[d + 3] = Math.max(dirty[d + 3], y1);
        }
        return mask.tileForWrite(tx, ty);
    }

    /** The tile's bytes as they were before the gesture, or null when it was all zero. Only for touched tiles. */
    byte[] before(int tx, int ty) {
        byte[] b = before[mask.tileIndex(tx, ty)];
        return b == ABSENT ? null : b;
    }

    boolean isEmpty() {
        return touchedOrder.isEmpty();
    }

    /** Puts every touched tile back as it was; the recorder is spent afterwards. Returns the area restored. */
    PixelRect rollback() {
        PixelRect area = PixelRect.EMPTY;
        for (int i : touchedOrder) {
            int tx = i % mask.tilesX();
            int ty = i / mask.tilesX();
            byte[] b = before[i];
            if (b == ABSENT) {
                mask.releaseTile(tx, ty);
            } else {
                System.arraycopy(b, 0, mask.tileForWrite(tx, ty), 0, b.length);
            }
            area = area.union(imageRect(i));
        }
        touchedOrder.clear();
        return area;
    }

    /** The history entry for what was recorded, or null when no byte changed. */
    TileEdit finish(String description) {
        List<TileEdit.Patch> patches = new ArrayList<>();
        for (int i : touchedOrder) {
            int tx = i % mask.tilesX();
            int ty = i / mask.tilesX();
            int d = i * 4;
            int x0 = dirty[d];
            int y0 = dirty[d + 1];
            int w = dirty[d + 2] - x0;
            int h = dirty[d + 3] - y0;
            byte[] old = before[i] == ABSENT ? null : before[i];
            byte[] now = mask.tile(tx, ty);
            byte[] beforeBytes = extract(old, x0, y0, w, h);
            byte[] afterBytes = extract(now, x0, y0, w, h);
            if (now != null && Mask.isAllZero(now)) {
                mask.releaseTile(tx, ty);
            }
            if (Arrays.equals(beforeBytes, afterBytes)) {
                continue;
            }
            int bv = uniformValue(beforeBytes);
            int av = uniformValue(afterBytes);
            patches.add(new TileEdit.Patch(tx, ty, x0, y0, w, h,
                    bv < 0 ? beforeBytes : null, Math.max(bv, 0),
                    av < 0 ? afterBytes : null, Math.max(av, 0)));
        }
        touchedOrder.clear();
        return patches.isEmpty() ? null : new TileEdit(mask, description, patches);
    }

    private PixelRect imageRect(int tileIndex) {
        int tx = tileIndex % mask.tilesX();
        int ty = tileIndex / mask.tilesX();
        int d = tileIndex * 4;
        return PixelRect.ofBounds((tx << Mask.TILE_SHIFT) + dirty[d], (ty << Mask.TILE_SHIFT) + dirty[d + 1],
                (tx << Mask.TILE_SHIFT) + dirty[d + 2], (ty << Mask.TILE_SHIFT) + dirty[d + 3]);
    }

    private static byte[] extract(byte[] tile, int x0, int y0, int w, int h) {
        byte[] out = new byte[w * h];
        if (tile != null) {
            for (int row = 0; row < h; row++) {
                System.arraycopy(tile, ((y0 + row) << Mask.TILE_SHIFT) + x0, out, row * w, w);
            }
        }
        return out;
    }

    /** The value every byte has, or -1 when they differ. */
    private static int uniformValue(byte[] a) {
        byte first = a[0];
        for (byte b : a) {
            if (b != first) {
                return -1;
            }
        }
        return first & 0xFF;
    }
}
