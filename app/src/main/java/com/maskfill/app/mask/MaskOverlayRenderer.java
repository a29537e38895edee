package com.maskfill.app.mask;

import java.nio.IntBuffer;

/**
 * Turns a rectangle of the mask into premultiplied ARGB ints (the layout of JavaFX's
 * {@code PixelFormat.getIntArgbPreInstance()}), written into a display tile, without touching JavaFX.
 *
 * <p>{@link Mode#OVERLAY}: the user's colour with alpha = value/255 × opacity, to lay over the photo;
 * 0 stays fully transparent. {@link Mode#MASK_ONLY}: the mask alone, opaque, black = keep,
 * white = regenerate. A 256-entry lookup table makes a pixel one array read.
 */
public final class MaskOverlayRenderer {

    public enum Mode { OVERLAY, MASK_ONLY }

    public static final int DEFAULT_RGB = 0xFF2060;
    public static final double DEFAULT_OPACITY = 0.5;

    private final int[] lut = new int[256];
    private int[] row = new int[0];
    private Mode mode = Mode.OVERLAY;
    private int rgb = DEFAULT_RGB;
    private double opacity = DEFAULT_OPACITY;

    public MaskOverlayRenderer() {
        rebuild();
    }

    public Mode mode() {
        return mode;
    }

    public void setMode(Mode mode) {
        this.mode = java.util.Objects.requireNonNull(mode, "mode");
        rebuild();
    }

    /** The overlay colour as 0xRRGGBB. */
    public int rgb() {
        return rgb;
    }

    public double opacity() {
        return opacity;
    }

    /**
     * @param rgb     0xRRGGBB; any alpha byte is ignored
     * @param opacity 0–1, alpha of a fully masked (255) pixel
     */
    public void setOverlay(int rgb, double opacity) {
        if (!(opacity >= 0 && opacity <= 1)) {
            throw new IllegalArgumentException("Overlay opacity must be 0–1 (0–100 %), got " + opacity);
        }
        this.rgb = rgb & 0xFFFFFF;
        this.opacity = opacity;
        rebuild();
    }

    /** The premultiplied ARGB int a mask value renders to. */
    public int argb(int value) {
        return lut[value];
    }

    /**
     * Renders {@code region} (image coordinates, inside the mask) into {@code dst}, where pixel
     * (region.x, region.y) goes to {@code dst[dstOffset]} and rows are {@code dstStride} ints apart.
     */
    public void render(Mask mask, PixelRect region, int[] dst, int dstOffset, int dstStride) {
        checkRegion(mask, region);
        for (int y = region.y(); y < region.maxY(); y++) {
            renderRow(mask, region.x(), y, region.width(), dst, dstOffset + (y - region.y()) * dstStride);
        }
    }

    /** As {@link #render(Mask, PixelRect, int[], int, int)} for an {@link IntBuffer} (heap or direct). */
    public void render(Mask mask, PixelRect region, IntBuffer dst, int dstOffset, int dstStride) {
        if (dst.hasArray()) {
            render(mask, region, dst.array(), dst.arrayOffset() + dstOffset, dstStride);
            return;
        }
        checkRegion(mask, region);
        if (row.length < region.width()) {
            row = new int[region.width()];
        }
        for (int y = region.y(); y < region.maxY(); y++) {
            renderRow(mask, region.x(), y, region.width(), row, 0);
            dst.put(dstOffset + (y - region.y()) * dstStride, row, 0, region.width());
        }
    }

    /**
     * Renders {@code part} (image coordinates, inside {@code patch}'s region) from the patch's values instead of
     * the mask's, into {@code dst} laid out as for {@link #render(Mask, PixelRect, IntBuffer, int, int)}: the
     * overlay previews a change before it is made.
     */
    public void render(MaskPatch patch, PixelRect part, IntBuffer dst, int dstOffset, int dstStride) {
        PixelRect r = patch.region();
        if (!part.equals(part.intersect(r))) {
            throw new IllegalArgumentException("Region " + part + " is outside the patch's " + r);
        }
        if (row.length < part.width()) {
            row = new int[part.width()];
        }
        byte[] values = patch.pixels();
        for (int y = part.y(); y < part.maxY(); y++) {
            int src = (y - r.y()) * r.width() + (part.x() - r.x());
            for (int i = 0; i < part.width(); i++) {
                row[i] = lut[values[src + i] & 0xFF];
            }
            dst.put(dstOffset + (y - part.y()) * dstStride, row, 0, part.width());
        }
    }

    /**
     * Renders the part of {@code dirty} that falls in a display tile covering image rectangle
     * {@code tile} whose buffer has rows of {@code tile.width()} ints. Returns that part in
     * tile-local coordinates (what {@code PixelBuffer.updateBuffer} should report), or an empty rect.
     */
    public PixelRect renderIntoTile(Mask mask, PixelRect dirty, IntBuffer tileBuffer, PixelRect tile) {
        PixelRect part = dirty.intersect(tile).intersect(mask.bounds());
        if (part.isEmpty()) {
            return PixelRect.EMPTY;
        }
        int offset = (part.y() - tile.y()) * tile.width() + (part.x() - tile.x());
        render(mask, part, tileBuffer, offset, tile.width());
        return new PixelRect(part.x() - tile.x(), part.y() - tile.y(), part.width(), part.height());
    }

    private void renderRow(Mask mask, int x, int y, int width, int[] dst, int dstOffset) {
        int ty = y >> Mask.TILE_SHIFT;
        int rowInTile = (y & Mask.TILE_MASK) << Mask.TILE_SHIFT;
        int end = x + width;
        int out = dstOffset;
        while (x < end) {
            int tx = x >> Mask.TILE_SHIFT;
            int spanEnd = Math.min(end, (tx + 1) << Mask.TILE_SHIFT);
            byte[] tile = mask.tile(tx, ty);
            if (tile == null) {
                java.util.Arrays.fill(dst, out, out + (spanEnd - x), lut[0]);
                out += spanEnd - x;
            } else {
                int i = rowInTile | (x & Mask.TILE_MASK);
                for (int n = spanEnd - x; n > 0; n--) {
                    dst[out++] = lut[tile[i++] & 0xFF];
                }
            }
            x = spanEnd;
        }
    }

    private void rebuild() {
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        int b = rgb & 0xFF;
        for (int v = 0; v < 256; v++) {
            if (mode == Mode.MASK_ONLY) {
                lut[v] = 0xFF000000 | v << 16 | v << 8 | v;
            } else {
                int a = (int) Math.round(v * opacity);
                lut[v] = a << 24 | div255(r * a) << 16 | div255(g * a) << 8 | div255(b * a);
            }
        }
    }

    private static int div255(int x) {
        return (x + 127) / 255;
    }

    private static void checkRegion(Mask mask, PixelRect region) {
        if (!region.equals(region.intersect(mask.bounds())) && !region.isEmpty()) {
            throw new IllegalArgumentException("Region " + region + " is outside the " + mask.width() + "×"
                    + mask.height() + " mask");
        }
    }
}
