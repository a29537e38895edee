package com.maskfill.app.mask;

import com.maskfill.app.history.UndoHistory;
import com.maskfill.engine.api.pipeline.MaskOps;
import java.util.function.UnaryOperator;

/**
 * Whole-mask commands, each applied at once and recorded as one history entry (none when it changed
 * nothing): fill, clear, invert, grow, shrink, feather, replace with new pixels (a loaded PNG). The
 * filters are engine-api's {@link MaskOps}, so the editor and the paste-back pipeline agree exactly.
 */
public final class MaskCommands {

    private final Mask mask;
    private final UndoHistory history;

    public MaskCommands(Mask mask, UndoHistory history) {
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

    /** Every pixel within {@code radius} px of the mask (values ≥ 128) becomes 255; see {@link MaskEdge#GROW}. */
    public boolean grow(int radius) {
        return edge(MaskEdge.GROW, radius);
    }

    /** Every pixel within {@code radius} px of the unmasked area (values < 128) becomes 0; see {@link MaskEdge#SHRINK}. */
    public boolean shrink(int radius) {
        return edge(MaskEdge.SHRINK, radius);
    }

    /** Softens the mask edge over {@code radius} px; see {@link MaskEdge#FEATHER}. */
    public boolean feather(int radius) {
        return edge(MaskEdge.FEATHER, radius);
    }

    /** Grows, shrinks or feathers the mask by {@code radius} px as one entry; false when it changed nothing. */
    public boolean edge(MaskEdge edge, int radius) {
        return previewEdge(edge, radius).map(patch -> replaceRegion(patch.region(), patch.pixels(),
                edge.description(radius))).orElse(false);
    }

    /**
     * What {@link #edge} would write, without writing it: the new values of the area it reaches. Empty when the
     * mask is empty.
     */
    public java.util.Optional<MaskPatch> previewEdge(MaskEdge edge, int radius) {
        if (radius < 0) {
            throw new IllegalArgumentException("radius = " + radius + " is out of range: allowed 0 or more");
        }
        PixelRect used = mask.nonZeroBounds();
        if (used.isEmpty()) {
            return java.util.Optional.empty();
        }
        // Exact on the mask's non-zero bounds grown by radius + 1: the filters reach at most radius px and see
        // the same zeros (or the same repeated image border) at that crop's edge as in the full mask. Their
        // cost follows the masked area, not the image size.
        long margin = (long) radius + 1;
        PixelRect crop = PixelRect.ofBounds((int) Math.max(0, used.x() - margin), (int) Math.max(0, used.y() - margin),
                (int) Math.min(mask.width(), used.maxX() + margin), (int) Math.min(mask.height(), used.maxY() + margin));
        return java.util.Optional.of(new MaskPatch(crop, edge.apply(mask.toByteArray(crop), crop.width(),
                crop.height(), radius)));
    }

    /**
     * Replaces the whole mask with {@code pixels} (row-major, mask-sized); only tiles whose bytes differ
     * are recorded.
     */
    public boolean replaceAll(byte[] pixels, String description) {
        mask.checkFlatLength(pixels);
        return replaceRegion(mask.bounds(), pixels, description);
    }

    /**
     * Runs a flat-array filter (e.g. a MaskOps operation) over the whole mask and records the result as
     * one entry.
     */
    public boolean apply(UnaryOperator<byte[]> filter, String description) {
        return replaceAll(filter.apply(mask.toByteArray()), description);
    }

    /** Writes {@code pixels} (row-major, {@code region.width()} per row) into {@code region}, recording changed tiles. */
    private boolean replaceRegion(PixelRect region, byte[] pixels, String description) {
        TileRecorder recorder = new TileRecorder(mask);
        for (int ty = region.y() >> Mask.TILE_SHIFT; ty <= (region.maxY() - 1) >> Mask.TILE_SHIFT; ty++) {
            for (int tx = region.x() >> Mask.TILE_SHIFT; tx <= (region.maxX() - 1) >> Mask.TILE_SHIFT; tx++) {
                int ox = tx << Mask.TILE_SHIFT;
                int oy = ty << Mask.TILE_SHIFT;
                PixelRect part = region.intersect(new PixelRect(ox, oy, Mask.TILE_SIZE, Mask.TILE_SIZE));
                if (sameAsTile(mask.tile(tx, ty), pixels, region, part)) {
                    continue;
                }
                byte[] tile = recorder.touch(tx, ty, part.x() - ox, part.y() - oy, part.maxX() - ox, part.maxY() - oy);
                for (int y = part.y(); y < part.maxY(); y++) {
                    System.arraycopy(pixels, (y - region.y()) * region.width() + (part.x() - region.x()),
                            tile, ((y - oy) << Mask.TILE_SHIFT) + (part.x() - ox), part.width());
                }
            }
        }
        return record(recorder, description);
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

    /** Whether {@code part} of the tile already holds the bytes {@code pixels} has for it. */
    private static boolean sameAsTile(byte[] tile, byte[] pixels, PixelRect region, PixelRect part) {
        int ox = part.x() & ~Mask.TILE_MASK;
        int oy = part.y() & ~Mask.TILE_MASK;
        for (int y = part.y(); y < part.maxY(); y++) {
            int src = (y - region.y()) * region.width() + (part.x() - region.x());
            if (tile == null) {
                if (!Mask.isAllZero(pixels, src, part.width())) {
                    return false;
                }
            } else {
                int t = ((y - oy) << Mask.TILE_SHIFT) + (part.x() - ox);
                if (!java.util.Arrays.equals(tile, t, t + part.width(), pixels, src, src + part.width())) {
                    return false;
                }
            }
        }
        return true;
    }
}
