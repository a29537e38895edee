package com.maskfill.engine.remote.http;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/** Tiny images for HTTP tests, generated in memory (PNG, JPEG) or embedded (WebP, which the JDK cannot write). */
public final class TestImages {

    /**
     * A 4x3 lossless WebP filled with #20A040, made with
     * {@code convert -size 4x3 xc:'#20a040' -define webp:lossless=true out.webp} (ImageMagick 6.9.11, libwebp 1.2.4).
     */
    public static final byte[] WEBP_4X3 = Base64.getDecoder().decode("UklGRh4AAABXRUJQVlA4TBEAAAAvA4AAAAdQ0IIUqP+BiOh/AAA=");

    private TestImages() {
    }

    public static BufferedImage solid(int width, int height, Color color) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, color.getRGB());
            }
        }
        return image;
    }

    public static byte[] png(int width, int height, Color color) {
        return encode(solid(width, height, color), "png");
    }

    public static byte[] jpeg(int width, int height, Color color) {
        return encode(solid(width, height, color), "jpeg");
    }

    public static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
