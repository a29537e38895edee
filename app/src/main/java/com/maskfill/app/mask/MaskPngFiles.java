package com.maskfill.app.mask;

import com.maskfill.engine.api.image.ImageDecoder;
import com.maskfill.engine.api.image.ImageLoadException;
import com.maskfill.engine.api.pipeline.MaskOps;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Masks to and from PNG files: save as 8-bit gray; load from gray/colour (white = regenerate) or from
 * the alpha channel (transparent = regenerate). Files are opened by the photo decoder with its size limits and
 * read by engine-api's one mask reader; a file of another size is scaled by its one mask scaler, and the
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

    /**
     * Reads a mask where white (bright) = regenerate: gray values directly, colours by their luminance, each
     * times its opacity (see {@link com.maskfill.engine.api.request.Mask#fromImage}).
     */
    public static LoadedMask readLuminance(Path file, int width, int height) throws IOException {
        return fit(file, com.maskfill.engine.api.request.Mask.fromImage(read(file)), width, height);
    }

    /** Reads a mask from the transparency: transparent = regenerate (255), opaque = keep (0); palette PNGs too. */
    public static LoadedMask readAlpha(Path file, int width, int height) throws IOException {
        BufferedImage image = read(file);
        if (!image.getColorModel().hasAlpha() || isOpaque(image)) {
            throw new IOException("Mask file " + file.getFileName()
                    + " has no alpha channel or no transparent pixel to import");
        }
        return fit(file, com.maskfill.engine.api.request.Mask.fromTransparency(image), width, height);
    }

    /** The decoder hands every image over as ARGB; one whose every pixel is opaque had no transparency. */
    private static boolean isOpaque(BufferedImage image) {
        int[] row = new int[image.getWidth()];
        for (int y = 0; y < image.getHeight(); y++) {
            image.getRGB(0, y, row.length, 1, row, 0, row.length);
            for (int argb : row) {
                if (argb >>> 24 != 255) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Through the photo decoder: the same formats, size limits (checked before decoding) and messages. */
    private static BufferedImage read(Path file) throws IOException {
        try {
            return ImageDecoder.decode(file).image();
        } catch (ImageLoadException e) {
            throw new IOException("Mask file " + e.getMessage(), e);
        }
    }

    private static LoadedMask fit(Path file, com.maskfill.engine.api.request.Mask mask, int width, int height) {
        int w = mask.width();
        int h = mask.height();
        if (w == width && h == height) {
            return new LoadedMask(mask.pixels(), width, height, null);
        }
        String notice = "Mask file " + file.getFileName() + " is " + w + "×" + h + "; it was scaled to the image's "
                + width + "×" + height + (Math.abs((double) w / h - (double) width / height) > 0.01
                ? " (the aspect ratios differ, so it is stretched)" : "");
        return new LoadedMask(MaskOps.scale(mask.pixels(), w, h, width, height), width, height, notice);
    }
}
