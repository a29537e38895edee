package com.maskfill.engine.api.request;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.util.Arrays;

/**
 * An immutable 8-bit mask: 255 = regenerate, 0 = keep, values between = partial.
 * Pixels are stored row by row ({@code index = y * width + x}), the layout
 * {@link com.maskfill.engine.api.pipeline.MaskOps} works on.
 */
public final class Mask {

    private final int width;
    private final int height;
    private final byte[] pixels;

    private Mask(int width, int height, byte[] pixels) {
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    /** Copies {@code pixels}, so later changes to the caller's array do not reach the mask. */
    public static Mask of(int width, int height, byte[] pixels) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("mask size " + width + "×" + height + " is invalid: both sides must be at least 1");
        }
        if (pixels.length != (long) width * height) {
            throw new IllegalArgumentException("mask has " + pixels.length + " pixels but " + width + "×" + height
                    + " needs " + (long) width * height);
        }
        return new Mask(width, height, pixels.clone());
    }

    /** A mask with every pixel set to {@code value} (0–255). */
    public static Mask filled(int width, int height, int value) {
        byte[] pixels = new byte[Math.multiplyExact(width, height)];
        Arrays.fill(pixels, (byte) value);
        return of(width, height, pixels);
    }

    /**
     * Reads a mask from an image. Gray images are taken sample for sample (no colour-space conversion,
     * which would darken mid-grays); colour images use their luma; alpha is ignored.
     */
    public static Mask fromImage(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[Math.multiplyExact(w, h)];
        Raster raster = image.getRaster();
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            raster.getDataElements(0, 0, w, h, out);
        } else if (raster.getNumBands() == 1) {
            int bits = image.getColorModel().getComponentSize(0);
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = (byte) (bits > 8 ? row[x] >>> (bits - 8) : row[x] * 255 / ((1 << bits) - 1));
                }
            }
        } else {
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                image.getRGB(0, y, w, 1, row, 0, w);
                for (int x = 0; x < w; x++) {
                    int rgb = row[x];
                    int luma = (((rgb >> 16) & 0xff) * 299 + ((rgb >> 8) & 0xff) * 587 + (rgb & 0xff) * 114 + 500) / 1000;
                    out[y * w + x] = (byte) luma;
                }
            }
        }
        return new Mask(w, h, out);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The value at (x, y), 0–255. */
    public int value(int x, int y) {
        return pixels[y * width + x] & 0xff;
    }

    /** A fresh copy of the pixels, row by row. */
    public byte[] pixels() {
        return pixels.clone();
    }

    /** Empty when the mask has {@code image}'s size, else the sentence naming both sizes. */
    public java.util.Optional<String> sizeMismatch(BufferedImage image) {
        if (image.getWidth() == width && image.getHeight() == height) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("mask is " + width + "×" + height + " but the image is "
                + image.getWidth() + "×" + image.getHeight() + ": they must be the same size");
    }

    /** True when no pixel asks for regeneration. */
    public boolean isEmpty() {
        for (byte p : pixels) {
            if (p != 0) {
                return false;
            }
        }
        return true;
    }

    /** The mask as a {@link BufferedImage#TYPE_BYTE_GRAY} image, e.g. to upload it as PNG. */
    public BufferedImage toImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(pixels, 0, data, 0, pixels.length);
        return image;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mask m && m.width == width && m.height == height && Arrays.equals(m.pixels, pixels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "Mask[" + width + "×" + height + "]";
    }
}
