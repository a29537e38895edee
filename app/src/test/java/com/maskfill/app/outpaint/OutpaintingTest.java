package com.maskfill.app.outpaint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class OutpaintingTest {

    private static BufferedImage gradient(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, 0xFF000000 | x << 16 | y << 8);
            }
        }
        return image;
    }

    @Test
    void onlyTheNewAreaIsPrefilledFromTheNearestEdgeAndMasked() {
        BufferedImage photo = gradient(100, 60);

        Outpainting.Extended out = Outpainting.extend(photo, new CanvasExtension(20, 0, 0, 10));

        assertEquals(120, out.image().getWidth());
        assertEquals(70, out.image().getHeight());
        assertEquals(photo.getRGB(0, 5), out.image().getRGB(3, 5), "left strip repeats the left edge");
        assertEquals(photo.getRGB(40, 59), out.image().getRGB(60, 66), "bottom strip repeats the bottom edge");
        assertEquals(photo.getRGB(0, 59), out.image().getRGB(0, 69), "the corner repeats the corner");
        assertEquals(photo.getRGB(50, 30), out.image().getRGB(70, 30), "the photo itself is unchanged");
        assertEquals(255, out.mask()[5 * 120 + 3] & 0xFF, "the new area is masked");
        assertEquals(255, out.mask()[5 * 120 + 20 + Outpainting.OVERLAP - 1] & 0xFF, "the seam overlap is masked");
        assertEquals(0, out.mask()[5 * 120 + 20 + Outpainting.OVERLAP] & 0xFF, "past the overlap the photo is kept");
        for (int y = 0; y < 60 - Outpainting.OVERLAP; y++) {
            for (int x = 20 + Outpainting.OVERLAP; x < 120; x++) {
                assertEquals(0, out.mask()[y * 120 + x], "the photo past the seam is not masked at " + x + "," + y);
            }
        }
    }

    @Test
    void anAspectRatioGrowsTheShortSideEvenly() {
        CanvasExtension square = CanvasExtension.toAspect(300, 200, 1, 1);
        assertEquals(new CanvasExtension(0, 50, 0, 50), square);
        CanvasExtension wide = CanvasExtension.toAspect(300, 200, 16, 9);
        assertEquals(356, wide.newWidth(300));
        assertEquals(200, wide.newHeight(200));
        assertEquals(28, wide.left());
        assertTrue(CanvasExtension.toAspect(300, 200, 3, 2).isEmpty());
    }

    @Test
    void anExtensionPastTheSizeLimitIsRefusedWithTheReason() {
        assertNull(new CanvasExtension(10, 10, 10, 10).whyRefused(1000, 1000));
        assertTrue(new CanvasExtension(0, 0, 20000, 0).whyRefused(1000, 1000)
                .startsWith("the extended photo would be too large"));
    }
}
