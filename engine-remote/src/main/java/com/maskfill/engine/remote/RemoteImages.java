package com.maskfill.engine.remote;

import com.maskfill.engine.api.request.Mask;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Pixels in and out of the hosted engines: PNG for uploads, and outputs brought to the size that was asked for. */
public final class RemoteImages {

    private RemoteImages() {
    }

    /** Lossless upload format every provider accepts; the image is flattened to RGB first (no alpha surprises). */
    public static byte[] png(BufferedImage image) {
        BufferedImage rgb = image.getType() == BufferedImage.TYPE_INT_RGB ? image : copy(image, image.getWidth(),
                image.getHeight(), BufferedImage.TYPE_INT_RGB);
        return encodePng(rgb);
    }

    /** An 8-bit gray PNG: white regenerates, black keeps (the pipeline sends hosted engines black and white only). */
    public static byte[] png(Mask mask) {
        return encodePng(mask.toImage());
    }

    private static byte[] encodePng(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding failed in memory", e);
        }
    }

    /**
     * The output at exactly {@code width}×{@code height}. Providers that pick their own resolution (1min.ai
     * returns about one megapixel) scaled the whole input, so scaling the whole output back is the exact
     * inverse; no cropping or padding. Large reductions go in halving steps, which keeps fine detail from
     * aliasing the way a single bicubic pass would.
     */
    public static BufferedImage fit(BufferedImage image, int width, int height) {
        if (image.getWidth() == width && image.getHeight() == height) {
            return image;
        }
        int type = image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage current = image;
        while (current.getWidth() / 2 >= width && current.getHeight() / 2 >= height) {
            current = copy(current, current.getWidth() / 2, current.getHeight() / 2, type);
        }
        return copy(current, width, height, type);
    }

    private static BufferedImage copy(BufferedImage source, int width, int height, int type) {
        BufferedImage target = new BufferedImage(width, height, type);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return target;
    }
}
