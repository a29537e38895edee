package com.maskfill.app.canvas;

import java.nio.IntBuffer;

/** Writes premultiplied ARGB pixels of an image region into a display tile's buffer. */
@FunctionalInterface
public interface TileRenderer {

    /**
     * Renders image pixels {@code [x, x+w) × [y, y+h)} into {@code dst}, where image pixel (x, y) goes to index
     * {@code dstOffset} and rows are {@code dstStride} ints apart. {@code dst} is a view of the tile's buffer
     * whose position and limit are the renderer's own (0 and its capacity).
     */
    void render(int x, int y, int w, int h, IntBuffer dst, int dstOffset, int dstStride);
}
