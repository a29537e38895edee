package com.maskfill.app.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import org.junit.jupiter.api.Test;

class MaskOverlayRendererTest {

    @Test
    void overlayIsThePremultipliedUserColourWithAlphaFromValueAndOpacity() {
        MaskOverlayRenderer r = new MaskOverlayRenderer();
        r.setOverlay(0xFF8000, 0.5);
        assertEquals(0, r.argb(0));
        // value 255 at 50 %: alpha 128, red 255·128/255 = 128, green 128·128/255 = 64.
        assertEquals(0x80804000, r.argb(255));
        assertEquals(64, r.argb(128) >>> 24);
    }

    @Test
    void maskOnlyModeIsOpaqueGray() {
        MaskOverlayRenderer r = new MaskOverlayRenderer();
        r.setMode(MaskOverlayRenderer.Mode.MASK_ONLY);
        assertEquals(0xFF000000, r.argb(0));
        assertEquals(0xFF7F7F7F, r.argb(127));
        assertEquals(0xFFFFFFFF, r.argb(255));
    }

    @Test
    void rendersOnlyTheDirtyRectangleIntoItsPlaceInTheTile() {
        Mask mask = new Mask(600, 300);
        mask.set(300, 100, 255);
        mask.set(256, 100, 255);
        MaskOverlayRenderer r = new MaskOverlayRenderer();
        r.setOverlay(0x0000FF, 1.0);
        // A display tile covering image x 200..599, y 50..299, with rows of 400 ints.
        PixelRect tile = new PixelRect(200, 50, 400, 250);
        int[] pixels = new int[400 * 250];
        java.util.Arrays.fill(pixels, 0x12345678);
        PixelRect updated = r.renderIntoTile(mask, new PixelRect(250, 90, 60, 20), IntBuffer.wrap(pixels), tile);
        assertEquals(new PixelRect(50, 40, 60, 20), updated);
        assertEquals(0xFF0000FF, pixels[(100 - 50) * 400 + (300 - 200)]);
        assertEquals(0xFF0000FF, pixels[(100 - 50) * 400 + (256 - 200)]);
        assertEquals(0, pixels[(100 - 50) * 400 + (255 - 200)]);
        assertEquals(0x12345678, pixels[(100 - 50) * 400 + (310 - 200)], "outside the dirty rect stays untouched");
        assertEquals(0x12345678, pixels[(89 - 50) * 400 + (300 - 200)]);
    }

    @Test
    void directBuffersGetTheSamePixels() {
        Mask mask = new Mask(300, 10);
        for (int x = 0; x < 300; x++) {
            mask.set(x, 5, x % 256);
        }
        MaskOverlayRenderer r = new MaskOverlayRenderer();
        IntBuffer direct = ByteBuffer.allocateDirect(300 * 10 * 4).asIntBuffer();
        int[] heap = new int[300 * 10];
        r.render(mask, mask.bounds(), direct, 0, 300);
        r.render(mask, mask.bounds(), heap, 0, 300);
        for (int i = 0; i < heap.length; i++) {
            assertEquals(heap[i], direct.get(i), "pixel " + i);
        }
        assertEquals(r.argb(200), heap[5 * 300 + 200]);
    }

    @Test
    void tileThatTheDirtyRectMissesIsLeftAlone() {
        Mask mask = new Mask(100, 100);
        PixelRect updated = new MaskOverlayRenderer().renderIntoTile(mask, new PixelRect(0, 0, 10, 10),
                IntBuffer.allocate(50 * 50), new PixelRect(50, 50, 50, 50));
        assertEquals(PixelRect.EMPTY, updated);
    }
}
