package com.maskfill.app.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Generated test pictures whose colour tells where a point lies. */
final class TestImages {

    static final int TOP_LEFT = 0xFFE04040;
    static final int TOP_RIGHT = 0xFF40E040;
    static final int BOTTOM_LEFT = 0xFF4040E0;
    static final int BOTTOM_RIGHT = 0xFFE0E040;

    private TestImages() {
    }

    /** Four solid quadrants. */
    static BufferedImage quadrants(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean left = x < width / 2;
                boolean top = y < height / 2;
                image.setRGB(x, y, top ? (left ? TOP_LEFT : TOP_RIGHT) : (left ? BOTTOM_LEFT : BOTTOM_RIGHT));
            }
        }
        return image;
    }

    static Path writeQuadrants(Path file, int width, int height) throws IOException {
        ImageIO.write(quadrants(width, height), "png", file.toFile());
        return file;
    }

    static int expectedAt(int x, int y, int width, int height) {
        boolean left = x < width / 2;
        boolean top = y < height / 2;
        return top ? (left ? TOP_LEFT : TOP_RIGHT) : (left ? BOTTOM_LEFT : BOTTOM_RIGHT);
    }
}
