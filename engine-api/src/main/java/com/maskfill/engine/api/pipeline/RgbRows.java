package com.maskfill.engine.api.pipeline;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DirectColorModel;
import java.awt.image.WritableRaster;

/**
 * Reads and writes runs of one row as packed {@code 0xAARRGGBB}. For the common 8-bit sRGB layouts
 * (INT_RGB, INT_ARGB, 3BYTE_BGR, 4BYTE_ABGR, …) it goes straight to the raster's samples, several times
 * faster than {@link BufferedImage#getRGB}, which converts pixel by pixel through the colour model; any other
 * layout falls back to getRGB/setRGB.
 */
final class RgbRows {

    private final BufferedImage image;
    private final WritableRaster raster;
    private final int bands;
    private final boolean direct;
    private int[] samples = new int[0];

    RgbRows(BufferedImage image) {
        this.image = image;
        this.raster = image.getRaster();
        this.bands = raster.getNumBands();
        this.direct = isPlainSrgb8(image.getColorModel(), bands);
    }

    private static boolean isPlainSrgb8(ColorModel cm, int bands) {
        if (!(cm instanceof ComponentColorModel || cm instanceof DirectColorModel)
                || !cm.getColorSpace().isCS_sRGB() || cm.isAlphaPremultiplied()) {
            return false;
        }
        if (!(bands == 3 && !cm.hasAlpha() || bands == 4 && cm.hasAlpha())) {
            return false;
        }
        for (int size : cm.getComponentSize()) {
            if (size != 8) {
                return false;
            }
        }
        return true;
    }

    /** Fills {@code out[offset .. offset+length)} with the pixels from (x, y) rightwards. */
    void read(int x, int y, int length, int[] out, int offset) {
        if (!direct) {
            image.getRGB(x, y, length, 1, out, offset, length);
            return;
        }
        int[] s = samples(length);
        raster.getPixels(x, y, length, 1, s);
        for (int i = 0, j = 0; i < length; i++, j += bands) {
            int alpha = bands == 4 ? s[j + 3] : 0xff;
            out[offset + i] = alpha << 24 | s[j] << 16 | s[j + 1] << 8 | s[j + 2];
        }
    }

    /** Reads a whole rectangle, row by row, into one packed array. */
    int[] read(Region region) {
        int[] out = new int[region.width() * region.height()];
        for (int y = 0; y < region.height(); y++) {
            read(region.x(), region.y() + y, region.width(), out, y * region.width());
        }
        return out;
    }

    /** Writes {@code pixels[0 .. length)} from (x, y) rightwards. */
    void write(int x, int y, int length, int[] pixels) {
        if (!direct) {
            image.setRGB(x, y, length, 1, pixels, 0, length);
            return;
        }
        int[] s = samples(length);
        for (int i = 0, j = 0; i < length; i++, j += bands) {
            int p = pixels[i];
            s[j] = (p >> 16) & 0xff;
            s[j + 1] = (p >> 8) & 0xff;
            s[j + 2] = p & 0xff;
            if (bands == 4) {
                s[j + 3] = p >>> 24;
            }
        }
        raster.setPixels(x, y, length, 1, s);
    }

    private int[] samples(int length) {
        if (samples.length < length * bands) {
            samples = new int[length * bands];
        }
        return samples;
    }
}
