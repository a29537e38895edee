package com.maskfill.app.mask;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Masks to and from PNG files: save as 8-bit gray; load from gray/colour (white = regenerate) or from
 * the alpha channel (transparent = regenerate). A file of another size is scaled to the image, and the
 * result carries a notice saying so, for the UI to show.
 */
public final class MaskPngFiles {

    /** Pixels ready for {@link MaskCommands#replaceAll}; {@code notice} is null unless something was adapted. */
    public record LoadedMask(byte[] pixels, int width, int height, String notice) {
    }

    private MaskPngFiles() {
    }

    /** Writes the mask as an 8-bit grayscale PNG. */
    public static void write(Mask mask, Path file) throws IOException {
        BufferedImage image = new BufferedImage(mask.width(), mask.height(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(mask.toByteArray(), 0, data, 0, data.length);
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("No PNG writer available to save the mask to " + file);
        }
    }

    /** Reads a mask where white (bright) = regenerate: gray values directly, colours by their luminance. */
    public static LoadedMask readLuminance(Path file, int width, int height) throws IOException {
        BufferedImage image = read(file);
        return fit(file, toGray(image), image.getWidth(), image.getHeight(), width, height);
    }

    /** Reads a mask from the alpha channel: transparent = regenerate (255), opaque = keep (0). */
    public static LoadedMask readAlpha(Path file, int width, int height) throws IOException {
        BufferedImage image = read(file);
        if (!image.getColorModel().hasAlpha()) {
            throw new IOException("Mask file " + file.getFileName() + " has no alpha channel to import");
        }
        Raster alpha = image.getAlphaRaster();
        int w = image.getWidth();
        int h = image.getHeight();
        int shift = image.getColorModel().getComponentSize(image.getColorModel().getNumComponents() - 1) - 8;
        byte[] out = new byte[w * h];
        int[] samples = new int[w];
        for (int y = 0; y < h; y++) {
            alpha.getSamples(0, y, w, 1, 0, samples);
            for (int x = 0; x < w; x++) {
                int a = shift > 0 ? samples[x] >> shift : samples[x];
                out[y * w + x] = (byte) (255 - a);
            }
        }
        return fit(file, out, w, h, width, height);
    }

    private static BufferedImage read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("Mask file " + file + " does not exist");
        }
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IOException("Mask file " + file.getFileName() + " is not an image this program can read");
        }
        return image;
    }

    /**
     * Gray images are read sample by sample (drawing them through Java2D would convert the linear-gray
     * colour space and shift mid-grays); colour images by Rec. 601 luminance of their sRGB values.
     */
    private static byte[] toGray(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[w * h];
        Raster raster = image.getRaster();
        boolean gray = raster.getNumBands() <= 2 && image.getColorModel().getColorSpace().getNumComponents() == 1
                && image.getColorModel().getPixelSize() >= 8;
        if (gray) {
            int shift = raster.getSampleModel().getSampleSize(0) - 8;
            int[] samples = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, samples);
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = (byte) (shift > 0 ? samples[x] >> shift : samples[x]);
                }
            }
            return out;
        }
        int[] argb = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, argb, 0, w);
            for (int x = 0; x < w; x++) {
                int p = argb[x];
                int lum = (299 * ((p >> 16) & 0xFF) + 587 * ((p >> 8) & 0xFF) + 114 * (p & 0xFF) + 500) / 1000;
                out[y * w + x] = (byte) lum;
            }
        }
        return out;
    }

    private static LoadedMask fit(Path file, byte[] pixels, int w, int h, int width, int height) {
        if (w == width && h == height) {
            return new LoadedMask(pixels, width, height, null);
        }
        String notice = "Mask file " + file.getFileName() + " is " + w + "×" + h + "; it was scaled to the image's "
                + width + "×" + height + (Math.abs((double) w / h - (double) width / height) > 0.01
                ? " (the aspect ratios differ, so it is stretched)" : "");
        return new LoadedMask(scaleBilinear(pixels, w, h, width, height), width, height, notice);
    }

    /** Bilinear resampling of a gray byte raster with clamped edges (pixel centres aligned). */
    static byte[] scaleBilinear(byte[] src, int sw, int sh, int dw, int dh) {
        byte[] out = new byte[dw * dh];
        double sx = (double) sw / dw;
        double sy = (double) sh / dh;
        for (int y = 0; y < dh; y++) {
            double fy = Math.max(0, Math.min(sh - 1, (y + 0.5) * sy - 0.5));
            int y0 = (int) fy;
            int y1 = Math.min(sh - 1, y0 + 1);
            double wy = fy - y0;
            for (int x = 0; x < dw; x++) {
                double fx = Math.max(0, Math.min(sw - 1, (x + 0.5) * sx - 0.5));
                int x0 = (int) fx;
                int x1 = Math.min(sw - 1, x0 + 1);
                double wx = fx - x0;
                double top = (src[y0 * sw + x0] & 0xFF) * (1 - wx) + (src[y0 * sw + x1] & 0xFF) * wx;
                double bottom = (src[y1 * sw + x0] & 0xFF) * (1 - wx) + (src[y1 * sw + x1] & 0xFF) * wx;
                out[y * dw + x] = (byte) Math.round(top * (1 - wy) + bottom * wy);
            }
        }
        return out;
    }
}
