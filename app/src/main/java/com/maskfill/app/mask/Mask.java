package com.maskfill.app.mask;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The inpainting mask: 8-bit gray at the source image's full resolution; 255 = regenerate, 0 = keep,
 * values between = partial.
 *
 * <p>Stored as 256×256 tiles allocated on first write ({@code null} tile = all zero). Why tiles rather
 * than one flat array with a dirty rectangle: a dab, an undo patch or an overlay refresh touches only
 * the few tiles under it, so its cost does not depend on the image size; an empty 8K mask costs
 * 510 null references instead of 33 MB; and undo can record exactly the tiles a gesture touched.
 * Engines and MaskOps get a flat row-major copy from {@link #toByteArray()}.
 *
 * <p>Not thread-safe: edit and read it on one thread (the FX thread in the editor).
 */
public final class Mask {

    public static final int TILE_SHIFT = 8;
    public static final int TILE_SIZE = 1 << TILE_SHIFT;
    static final int TILE_MASK = TILE_SIZE - 1;
    static final int TILE_AREA = TILE_SIZE * TILE_SIZE;

    /** The largest mask whose flat copy fits a Java array. */
    public static final long MAX_PIXELS = Integer.MAX_VALUE - 16;

    private static final byte[] ZEROS = new byte[TILE_AREA];

    private final int width;
    private final int height;
    private final int tilesX;
    private final int tilesY;
    private final byte[][] tiles;
    private final List<MaskListener> listeners = new CopyOnWriteArrayList<>();

    public Mask(int width, int height) {
        if (width < 1 || height < 1 || (long) width * height > MAX_PIXELS) {
            throw new IllegalArgumentException("Mask size " + width + "×" + height
                    + " is out of range: each side must be at least 1 and the area at most " + MAX_PIXELS + " pixels");
        }
        this.width = width;
        this.height = height;
        this.tilesX = (width + TILE_MASK) >> TILE_SHIFT;
        this.tilesY = (height + TILE_MASK) >> TILE_SHIFT;
        this.tiles = new byte[tilesX * tilesY][];
    }

    /** A mask holding a copy of {@code pixels} (row-major, {@code width × height}). */
    public static Mask fromByteArray(int width, int height, byte[] pixels) {
        Mask mask = new Mask(width, height);
        mask.checkFlatLength(pixels);
        for (int ty = 0; ty < mask.tilesY; ty++) {
            for (int tx = 0; tx < mask.tilesX; tx++) {
                mask.copyTileFrom(tx, ty, pixels);
            }
        }
        return mask;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int tilesX() {
        return tilesX;
    }

    public int tilesY() {
        return tilesY;
    }

    public PixelRect bounds() {
        return new PixelRect(0, 0, width, height);
    }

    /** The value at (x, y), 0–255. */
    public int get(int x, int y) {
        checkInside(x, y);
        byte[] tile = tiles[tileIndex(x >> TILE_SHIFT, y >> TILE_SHIFT)];
        return tile == null ? 0 : tile[((y & TILE_MASK) << TILE_SHIFT) | (x & TILE_MASK)] & 0xFF;
    }

    /**
     * Sets one pixel without recording undo; for building test fixtures and masks that are not yet
     * shown. Tools go through {@link MaskStroke} and commands through {@link MaskCommands}.
     */
    public void set(int x, int y, int value) {
        checkInside(x, y);
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("Mask value must be 0–255, got " + value);
        }
        tileForWrite(x >> TILE_SHIFT, y >> TILE_SHIFT)[((y & TILE_MASK) << TILE_SHIFT) | (x & TILE_MASK)] = (byte) value;
    }

    /** A flat row-major copy, {@code width × height} bytes, for engines and MaskOps. */
    public byte[] toByteArray() {
        byte[] out = new byte[width * height];
        for (int ty = 0; ty < tilesY; ty++) {
            for (int tx = 0; tx < tilesX; tx++) {
                byte[] tile = tiles[tileIndex(tx, ty)];
                if (tile == null) {
                    continue;
                }
                int x0 = tx << TILE_SHIFT;
                int y0 = ty << TILE_SHIFT;
                int w = Math.min(TILE_SIZE, width - x0);
                int h = Math.min(TILE_SIZE, height - y0);
                for (int row = 0; row < h; row++) {
                    System.arraycopy(tile, row << TILE_SHIFT, out, (y0 + row) * width + x0, w);
                }
            }
        }
        return out;
    }

    /** A flat row-major copy of {@code region} (inside the mask), {@code region.width()} bytes per row. */
    public byte[] toByteArray(PixelRect region) {
        if (!region.equals(region.intersect(bounds()))) {
            throw new IllegalArgumentException("Region " + region + " is outside the " + width + "×" + height + " mask");
        }
        byte[] out = new byte[region.width() * region.height()];
        for (int y = region.y(); y < region.maxY(); y++) {
            int ty = y >> TILE_SHIFT;
            int rowInTile = (y & TILE_MASK) << TILE_SHIFT;
            int dst = (y - region.y()) * region.width();
            for (int x = region.x(); x < region.maxX(); ) {
                int tx = x >> TILE_SHIFT;
                int spanEnd = Math.min(region.maxX(), (tx + 1) << TILE_SHIFT);
                byte[] tile = tiles[tileIndex(tx, ty)];
                if (tile != null) {
                    System.arraycopy(tile, rowInTile | (x & TILE_MASK), out, dst, spanEnd - x);
                }
                dst += spanEnd - x;
                x = spanEnd;
            }
        }
        return out;
    }

    /** True when every pixel is 0. */
    public boolean isEmpty() {
        for (byte[] tile : tiles) {
            if (tile != null && !isAllZero(tile)) {
                return false;
            }
        }
        return true;
    }

    /** The smallest rectangle holding every non-zero pixel; empty when the mask is empty. */
    public PixelRect nonZeroBounds() {
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;
        for (int ty = 0; ty < tilesY; ty++) {
            for (int tx = 0; tx < tilesX; tx++) {
                byte[] tile = tiles[tileIndex(tx, ty)];
                if (tile == null) {
                    continue;
                }
                for (int row = 0; row < TILE_SIZE; row++) {
                    int start = row << TILE_SHIFT;
                    // Arrays.mismatch against zeros is vectorised by the JIT: most rows cost a few ns.
                    int first = Arrays.mismatch(tile, start, start + TILE_SIZE, ZEROS, 0, TILE_SIZE);
                    if (first < 0) {
                        continue;
                    }
                    int last = TILE_SIZE - 1;
                    while (tile[start + last] == 0) {
                        last--;
                    }
                    int x0 = tx << TILE_SHIFT;
                    int y = (ty << TILE_SHIFT) | row;
                    minX = Math.min(minX, x0 + first);
                    maxX = Math.max(maxX, x0 + last);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        return maxX < 0 ? PixelRect.EMPTY : PixelRect.ofBounds(minX, minY, maxX + 1, maxY + 1);
    }

    /** Bytes held by allocated tiles (the mask's own memory, history not included). */
    public long allocatedBytes() {
        long n = 0;
        for (byte[] tile : tiles) {
            if (tile != null) {
                n += TILE_AREA;
            }
        }
        return n;
    }

    public void addListener(MaskListener listener) {
        listeners.add(listener);
    }

    public void removeListener(MaskListener listener) {
        listeners.remove(listener);
    }

    /** Tells listeners that {@code dirty} (clipped to the mask) changed; nothing happens when it is empty. */
    public void fireChanged(PixelRect dirty) {
        PixelRect clipped = dirty.intersect(bounds());
        if (clipped.isEmpty()) {
            return;
        }
        for (MaskListener listener : listeners) {
            listener.maskChanged(clipped);
        }
    }

    // ---- tile access for the package (strokes, edits, commands, renderer) ----

    int tileIndex(int tx, int ty) {
        return ty * tilesX + tx;
    }

    /** The tile's bytes, or null when it was never written (all zero). Row stride is {@link #TILE_SIZE}. */
    byte[] tile(int tx, int ty) {
        return tiles[tileIndex(tx, ty)];
    }

    byte[] tileForWrite(int tx, int ty) {
        int i = tileIndex(tx, ty);
        byte[] tile = tiles[i];
        if (tile == null) {
            tile = new byte[TILE_AREA];
            tiles[i] = tile;
        }
        return tile;
    }

    /** Frees a tile whose content is known to be all zero. */
    void releaseTile(int tx, int ty) {
        tiles[tileIndex(tx, ty)] = null;
    }

    /** The part of tile (tx, ty) that lies inside the image, in tile-local coordinates. */
    PixelRect validTileRect(int tx, int ty) {
        return new PixelRect(0, 0,
                Math.min(TILE_SIZE, width - (tx << TILE_SHIFT)),
                Math.min(TILE_SIZE, height - (ty << TILE_SHIFT)));
    }

    void checkFlatLength(byte[] pixels) {
        if (pixels.length != width * height) {
            throw new IllegalArgumentException("Flat mask has " + pixels.length + " bytes; a " + width + "×" + height
                    + " mask needs " + ((long) width * height));
        }
    }

    /** Copies tile (tx, ty)'s image area from a flat array; leaves the tile unallocated when that area is all zero. */
    private void copyTileFrom(int tx, int ty, byte[] flat) {
        int x0 = tx << TILE_SHIFT;
        int y0 = ty << TILE_SHIFT;
        int w = Math.min(TILE_SIZE, width - x0);
        int h = Math.min(TILE_SIZE, height - y0);
        byte[] tile = null;
        for (int row = 0; row < h; row++) {
            int src = (y0 + row) * width + x0;
            if (tile == null && isAllZero(flat, src, w)) {
                continue;
            }
            if (tile == null) {
                tile = new byte[TILE_AREA];
            }
            System.arraycopy(flat, src, tile, row << TILE_SHIFT, w);
        }
        tiles[tileIndex(tx, ty)] = tile;
    }

    static boolean isAllZero(byte[] a) {
        return isAllZero(a, 0, a.length);
    }

    static boolean isAllZero(byte[] a, int from, int length) {
        for (int done = 0; done < length; done += TILE_AREA) {
            int n = Math.min(TILE_AREA, length - done);
            if (Arrays.mismatch(a, from + done, from + done + n, ZEROS, 0, n) >= 0) {
                return false;
            }
        }
        return true;
    }

    private void checkInside(int x, int y) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            throw new IndexOutOfBoundsException("Pixel (" + x + ", " + y + ") is outside the " + width + "×" + height + " mask");
        }
    }
}
