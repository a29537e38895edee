package com.maskfill.engine.api.request;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
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
     * Reads a mask from an image: white (bright) = regenerate, each pixel's value multiplied by its opacity, so
     * a white-on-transparent drawing masks only what was drawn even where its transparent pixels store white.
     * Gray images (with or without alpha, any depth) are taken sample by sample, scaled to 8 bits with rounding
     * (a colour-space conversion would brighten mid-grays); other images by the Rec. 601 luma of their sRGB
     * values. The one mask reader of the editor and the command line.
     */
    public static Mask fromImage(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[Math.multiplyExact(w, h)];
        Raster raster = image.getRaster();
        ColorModel cm = image.getColorModel();
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            raster.getDataElements(0, 0, w, h, out);
        } else if (cm instanceof ComponentColorModel && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && !cm.isAlphaPremultiplied()) {
            int bands = raster.getNumBands();
            long grayMax = (1L << raster.getSampleModel().getSampleSize(0)) - 1;
            long alphaMax = (1L << raster.getSampleModel().getSampleSize(bands - 1)) - 1;
            int[] row = new int[w * bands];
            for (int y = 0; y < h; y++) {
                raster.getPixels(0, y, w, 1, row);
                for (int x = 0; x < w; x++) {
                    int value = to8(row[x * bands], grayMax);
                    int alpha = cm.hasAlpha() ? to8(row[x * bands + bands - 1], alphaMax) : 255;
                    out[y * w + x] = (byte) timesAlpha(value, alpha);
                }
            }
        } else {
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                image.getRGB(0, y, w, 1, row, 0, w);
                for (int x = 0; x < w; x++) {
                    int argb = row[x];
                    int luma = (((argb >> 16) & 0xff) * 299 + ((argb >> 8) & 0xff) * 587 + (argb & 0xff) * 114 + 500)
                            / 1000;
                    out[y * w + x] = (byte) timesAlpha(luma, argb >>> 24);
                }
            }
        }
        return new Mask(w, h, out);
    }

    /**
     * Reads a mask from an image's transparency: transparent = regenerate (255), opaque = keep (0). Read through
     * the colour model, so palette images with a transparent entry work too.
     *
     * @throws IllegalArgumentException when the image has no transparency
     */
    public static Mask fromTransparency(BufferedImage image) {
        if (!image.getColorModel().hasAlpha()) {
            throw new IllegalArgumentException("the image has no alpha channel (no transparency)");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[Math.multiplyExact(w, h)];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                out[y * w + x] = (byte) (255 - (row[x] >>> 24));
            }
        }
        return new Mask(w, h, out);
    }

    private static int to8(int sample, long max) {
        return (int) (((sample & 0xFFFFFFFFL) * 255 + max / 2) / max);
    }

    private static int timesAlpha(int value, int alpha) {
        return (value * alpha + 127) / 255;
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

    /** Copies row {@code y} into {@code into} (at least {@code width} long): reading without a full-size copy. */
    public void row(int y, byte[] into) {
        System.arraycopy(pixels, y * width, into, 0, width);
    }

    /** A fresh copy of the pixels of a rectangle, row by row: the part a crop needs, without a full-size copy. */
    public byte[] pixels(int x, int y, int rectWidth, int rectHeight) {
        if (x < 0 || y < 0 || rectWidth < 0 || rectHeight < 0 || x + rectWidth > width || y + rectHeight > height) {
            throw new IllegalArgumentException("rectangle " + rectWidth + "×" + rectHeight + "+" + x + "+" + y
                    + " is not inside the " + width + "×" + height + " mask");
        }
        byte[] out = new byte[rectWidth * rectHeight];
        for (int r = 0; r < rectHeight; r++) {
            System.arraycopy(pixels, (y + r) * width + x, out, r * rectWidth, rectWidth);
        }
        return out;
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
