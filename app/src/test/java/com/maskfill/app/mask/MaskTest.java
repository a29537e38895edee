package com.maskfill.app.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MaskTest {

    @Test
    void newMaskIsEmptyAndAllocatesNoTiles() {
        Mask mask = new Mask(7680, 4320);
        assertTrue(mask.isEmpty());
        assertEquals(0, mask.allocatedBytes());
        assertEquals(30, mask.tilesX());
        assertEquals(17, mask.tilesY());
        assertEquals(PixelRect.EMPTY, mask.nonZeroBounds());
    }

    @Test
    void flatArrayRoundTripKeepsEveryByteIncludingPartialEdgeTiles() {
        int w = 300;
        int h = 517;
        byte[] pixels = new byte[w * h];
        new Random(1).nextBytes(pixels);
        Mask mask = Mask.fromByteArray(w, h, pixels);
        assertArrayEquals(pixels, mask.toByteArray());
        assertEquals(pixels[516 * w + 299] & 0xFF, mask.get(299, 516));
    }

    @Test
    void fromByteArrayLeavesAllZeroTilesUnallocated() {
        byte[] pixels = new byte[600 * 600];
        pixels[599 * 600 + 599] = 9;
        Mask mask = Mask.fromByteArray(600, 600, pixels);
        assertEquals(Mask.TILE_AREA, mask.allocatedBytes());
        assertEquals(new PixelRect(599, 599, 1, 1), mask.nonZeroBounds());
    }

    @Test
    void aDabAllocatesOnlyTheTilesUnderIt() {
        Mask mask = new Mask(7680, 4320);
        MaskStroke stroke = new MaskStroke(mask, 255, 1);
        stroke.dab(1100, 1100, new BrushTip(100, 1));
        stroke.finish("x");
        assertEquals(Mask.TILE_AREA, mask.allocatedBytes());
        assertFalse(mask.isEmpty());
    }

    @Test
    void listenersHearTheDirtyRectangleClippedToTheMask() {
        Mask mask = new Mask(100, 100);
        List<PixelRect> heard = new ArrayList<>();
        mask.addListener(heard::add);
        mask.fireChanged(new PixelRect(90, -5, 50, 20));
        mask.fireChanged(new PixelRect(200, 200, 5, 5));
        assertEquals(List.of(new PixelRect(90, 0, 10, 15)), heard);
    }

    @Test
    void refusesSizesAndValuesOutOfRangeWithClearMessages() {
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> new Mask(0, 10));
        assertTrue(size.getMessage().contains("0×10"), size.getMessage());
        Mask mask = new Mask(10, 10);
        IllegalArgumentException value = assertThrows(IllegalArgumentException.class, () -> mask.set(1, 1, 256));
        assertTrue(value.getMessage().contains("256"), value.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> mask.get(10, 0));
        IllegalArgumentException flat = assertThrows(IllegalArgumentException.class,
                () -> Mask.fromByteArray(10, 10, new byte[99]));
        assertTrue(flat.getMessage().contains("99"), flat.getMessage());
    }
}
