package com.maskfill.app.canvas;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.IntBuffer;

/** Renders a {@link BufferedImage#TYPE_INT_ARGB} image into display tiles, premultiplying where needed. */
public final class ArgbImageRenderer implements TileRenderer {

    private final int[] pixels;
    private final int stride;

    public ArgbImageRenderer(BufferedImage argb) {
        if (argb.getType() != BufferedImage.TYPE_INT_ARGB) {
            throw new IllegalArgumentException("expected TYPE_INT_ARGB, got type " + argb.getType());
        }
        // Reading the backing array directly: getRGB() per row would convert through the colour model.
        this.pixels = ((DataBufferInt) argb.getRaster().getDataBuffer()).getData();
        this.stride = argb.getWidth();
    }

    @Override
    public void render(int x, int y, int w, int h, IntBuffer dst, int dstOffset, int dstStride) {
        for (int row = 0; row < h; row++) {
            int src = (y + row) * stride + x;
            int out = dstOffset + row * dstStride;
            for (int col = 0; col < w; col++) {
                dst.put(out + col, premultiply(pixels[src + col]));
            }
        }
    }

    static int premultiply(int argb) {
        int a = argb >>> 24;
        if (a == 255) {
            return argb;
        }
        if (a == 0) {
            return 0;
        }
        int r = ((argb >>> 16 & 0xFF) * a + 127) / 255;
        int g = ((argb >>> 8 & 0xFF) * a + 127) / 255;
        int b = ((argb & 0xFF) * a + 127) / 255;
        return a << 24 | r << 16 | g << 8 | b;
    }
}
