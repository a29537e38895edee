package com.maskfill.app.mask;

import com.maskfill.app.history.Edit;
import java.util.List;

/**
 * A mask edit that keeps, for each tile it touched, only the touched rectangle of that tile, before
 * and after (the mask analogue of Pixelitor's PartialImageEdit). A patch whose bytes are all one value
 * is stored as that value, so painting onto an empty mask costs about one copy of the touched area.
 */
final class TileEdit implements Edit {

    /** Rough per-patch object overhead, counted so that many tiny patches still weigh something. */
    private static final int PATCH_OVERHEAD = 64;

    /**
     * The touched rectangle {@code (x0, y0, w, h)} of tile (tx, ty), tile-local, with its bytes before and
     * after; a {@code null} array means every byte equals the matching {@code *Value}.
     */
    record Patch(int tx, int ty, int x0, int y0, int w, int h,
                 byte[] before, int beforeValue, byte[] after, int afterValue) {

        long byteSize() {
            return PATCH_OVERHEAD + (before == null ? 0 : before.length) + (after == null ? 0 : after.length);
        }

        boolean coversWholeValidTile(Mask mask) {
            PixelRect valid = mask.validTileRect(tx, ty);
            return x0 == 0 && y0 == 0 && w == valid.width() && h == valid.height();
        }
    }

    private final Mask mask;
    private final String description;
    private final List<Patch> patches;
    private final PixelRect bounds;
    private final long byteSize;

    TileEdit(Mask mask, String description, List<Patch> patches) {
        this.mask = mask;
        this.description = description;
        this.patches = List.copyOf(patches);
        PixelRect b = PixelRect.EMPTY;
        long bytes = PATCH_OVERHEAD;
        for (Patch p : this.patches) {
            b = b.union(new PixelRect((p.tx << Mask.TILE_SHIFT) + p.x0, (p.ty << Mask.TILE_SHIFT) + p.y0, p.w, p.h));
            bytes += p.byteSize();
        }
        this.bounds = b;
        this.byteSize = bytes;
    }

    @Override
    public void undo() {
        for (Patch p : patches) {
            write(p, p.before, p.beforeValue);
        }
        mask.fireChanged(bounds);
    }

    @Override
    public void redo() {
        for (Patch p : patches) {
            write(p, p.after, p.afterValue);
        }
        mask.fireChanged(bounds);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public long byteSize() {
        return byteSize;
    }

    /** The image-space rectangle holding every patch. */
    PixelRect bounds() {
        return bounds;
    }

    int patchCount() {
        return patches.size();
    }

    private void write(Patch p, byte[] bytes, int value) {
        if (bytes == null && value == 0 && p.coversWholeValidTile(mask)) {
            mask.releaseTile(p.tx, p.ty);
            return;
        }
        if (bytes == null && value == 0 && mask.tile(p.tx, p.ty) == null) {
            return;
        }
        byte[] tile = mask.tileForWrite(p.tx, p.ty);
        for (int row = 0; row < p.h; row++) {
            int dst = ((p.y0 + row) << Mask.TILE_SHIFT) + p.x0;
            if (bytes == null) {
                java.util.Arrays.fill(tile, dst, dst + p.w, (byte) value);
            } else {
                System.arraycopy(bytes, row * p.w, tile, dst, p.w);
            }
        }
        if (bytes == null && value == 0 && Mask.isAllZero(tile)) {
            // Undoing a stroke on an empty area gives the tile's memory back.
            mask.releaseTile(p.tx, p.ty);
        }
    }
}
