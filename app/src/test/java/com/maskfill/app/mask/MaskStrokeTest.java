package com.maskfill.app.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import org.junit.jupiter.api.Test;

/**
 * Expected values come from the documented fall-off (smoothstep between hardness × radius and the
 * radius, or a 1 px band centred on the radius for hard brushes), evaluated independently in Python.
 */
class MaskStrokeTest {

    private static int[] rowFromCentre(Mask mask, int cx, int cy, int n) {
        int[] out = new int[n];
        for (int k = 0; k < n; k++) {
            out[k] = mask.get(cx + k, cy);
        }
        return out;
    }

    private static Mask dabOnce(double diameter, double hardness) {
        Mask mask = new Mask(128, 128);
        MaskStroke stroke = new MaskStroke(mask, 255, 1);
        stroke.dab(50.5, 50.5, new BrushTip(diameter, hardness));
        stroke.finish("dab");
        return mask;
    }

    @Test
    void halfHardDabIsFullInsideHalfTheRadiusThenFallsSmoothlyToZero() {
        Mask mask = dabOnce(21, 0.5);
        assertArrayEquals(new int[] {255, 255, 255, 255, 255, 255, 241, 189, 118, 51, 6, 0}, rowFromCentre(mask, 50, 50, 12));
        // Round: the same fall-off along the other axis and the other direction.
        assertEquals(118, mask.get(50, 58));
        assertEquals(118, mask.get(42, 50));
    }

    @Test
    void fullyHardDabHasAOnePixelAntialiasedEdge() {
        Mask mask = dabOnce(20, 1.0);
        assertArrayEquals(new int[] {255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 128, 0}, rowFromCentre(mask, 50, 50, 12));
    }

    @Test
    void zeroHardnessDabFallsOffFromTheCentre() {
        Mask mask = dabOnce(20, 0.0);
        assertArrayEquals(new int[] {255, 248, 228, 200, 165, 128, 90, 55, 27, 7, 0, 0}, rowFromCentre(mask, 50, 50, 12));
    }

    @Test
    void onePixelBrushCoversExactlyThePixelItIsCentredOn() {
        Mask mask = dabOnce(1, 1.0);
        assertEquals(255, mask.get(50, 50));
        assertEquals(0, mask.get(51, 50));
        assertEquals(0, mask.get(50, 49));
    }

    @Test
    void overlappingDabsOfOneStrokeNeverExceedTheStrokeOpacity() {
        Mask mask = new Mask(128, 128);
        MaskStroke stroke = new MaskStroke(mask, 255, 0.5);
        BrushTip tip = new BrushTip(20, 1.0);
        for (int i = 0; i < 10; i++) {
            stroke.dab(50.5 + i, 50.5, tip);
            stroke.dab(50.5, 50.5, tip);
        }
        stroke.finish("stroke");
        assertEquals(128, mask.get(50, 50));
        assertEquals(128, mask.get(55, 50));
        assertEquals(128, mask.get(65, 50));
    }

    @Test
    void aSecondStrokeBuildsUpOnTheFirst() {
        Mask mask = new Mask(128, 128);
        BrushTip tip = new BrushTip(20, 1.0);
        for (int s = 0; s < 2; s++) {
            MaskStroke stroke = new MaskStroke(mask, 255, 0.5);
            stroke.dab(50.5, 50.5, tip);
            stroke.finish("stroke");
        }
        // 0 → 128 (half of 255), then 128 + half of the remaining 127 → 192.
        assertEquals(192, mask.get(50, 50));
    }

    @Test
    void softDabsTakeTheMaximumCoverageNotTheSum() {
        Mask mask = new Mask(128, 128);
        MaskStroke stroke = new MaskStroke(mask, 255, 1);
        BrushTip tip = new BrushTip(20, 0.0);
        stroke.dab(45.5, 50.5, tip);
        stroke.dab(55.5, 50.5, tip);
        stroke.finish("stroke");
        // Pixel 50 is 5 px from both centres: coverage 128 from each, max 128 (a sum would give 255).
        assertEquals(128, mask.get(50, 50));
    }

    @Test
    void eraserStrokeMovesPixelsTowardsZeroWithItsOpacity() {
        Mask mask = new Mask(64, 64);
        MaskStroke fill = new MaskStroke(mask, 255, 1);
        fill.cover(new Rectangle2D.Double(0, 0, 64, 64));
        fill.finish("fill");
        MaskStroke erase = new MaskStroke(mask, 0, 0.5);
        erase.dab(20.5, 20.5, new BrushTip(10, 1));
        erase.dab(22.5, 20.5, new BrushTip(10, 1));
        erase.finish("erase");
        assertEquals(127, mask.get(20, 20));
        assertEquals(127, mask.get(22, 20));
        assertEquals(255, mask.get(40, 40));
    }

    @Test
    void dabsPartlyOutsideTheImageAreClippedAndStillChangeWhatIsInside() {
        Mask mask = new Mask(300, 300);
        MaskStroke stroke = new MaskStroke(mask, 255, 1);
        PixelRect area = stroke.dab(-3.5, 299.5, new BrushTip(20, 1));
        stroke.finish("edge");
        assertEquals(0, area.x());
        assertEquals(300, area.maxY());
        assertEquals(255, mask.get(0, 299));
    }

    @Test
    void strokeThatChangesNothingProducesNoEdit() {
        Mask mask = new Mask(64, 64);
        MaskStroke stroke = new MaskStroke(mask, 0, 1);
        stroke.dab(10, 10, new BrushTip(20, 0.5));
        assertNull(stroke.finish("erase nothing"));
        assertEquals(0, mask.allocatedBytes());
    }

    @Test
    void cancelRestoresEveryByte() {
        Mask mask = new Mask(300, 300);
        mask.set(100, 100, 77);
        MaskStroke stroke = new MaskStroke(mask, 255, 1);
        stroke.dab(100, 100, new BrushTip(300, 0.5));
        stroke.cancel();
        assertEquals(77, mask.get(100, 100));
        assertEquals(0, mask.get(150, 150));
        assertTrue(mask.allocatedBytes() <= Mask.TILE_AREA);
    }

    @Test
    void compositeRoundsHalfAwayFromZero() {
        assertEquals(128, MaskStroke.composite(0, 255, 255 * 128));
        assertEquals(127, MaskStroke.composite(255, 0, 255 * 128));
        assertEquals(255, MaskStroke.composite(0, 255, 255 * 255));
        assertEquals(0, MaskStroke.composite(200, 0, 255 * 255));
        assertEquals(200, MaskStroke.composite(200, 0, 0));
    }

    private static void assertArrayEquals(int[] expected, int[] actual) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual,
                () -> "expected " + java.util.Arrays.toString(expected) + " but was " + java.util.Arrays.toString(actual));
    }
}
