package com.maskfill.engine.api.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MaskOpsTest {

    /** Parses rows of '.' (0), '#' (255) and digits 1–9 (value × 25) into a mask. */
    private static byte[] mask(String... rows) {
        int w = rows[0].length();
        byte[] m = new byte[w * rows.length];
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < w; x++) {
                char c = rows[y].charAt(x);
                m[y * w + x] = (byte) (c == '#' ? 255 : c == '.' ? 0 : (c - '0') * 25);
            }
        }
        return m;
    }

    private static byte[] singlePixel(int w, int h, int x, int y) {
        byte[] m = new byte[w * h];
        m[y * w + x] = (byte) 255;
        return m;
    }

    /** Brute force: 255 where some pixel ≥ 128 is within Euclidean radius, else the original value. */
    private static byte[] bruteGrow(byte[] m, int w, int h, int r) {
        byte[] out = m.clone();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int v = 0; v < h; v++) {
                    for (int u = 0; u < w; u++) {
                        if ((m[v * w + u] & 0xff) >= 128 && (x - u) * (x - u) + (y - v) * (y - v) <= r * r) {
                            out[y * w + x] = (byte) 255;
                        }
                    }
                }
            }
        }
        return out;
    }

    @Test
    void boundingBoxIgnoresNoiseBelowEightButNotAFaintStroke() {
        byte[] m = new byte[6 * 4];
        m[0] = 7;                   // JPEG ringing in a corner would have made the crop the whole photo
        m[23] = 5;
        m[1 * 6 + 2] = MaskOps.NOISE_FLOOR;
        m[2 * 6 + 4] = (byte) 255;
        assertEquals(new Region(2, 1, 3, 2), MaskOps.boundingBox(m, 6, 4).orElseThrow());
        assertTrue(MaskOps.boundingBox(new byte[] {7, 1, 0, 3}, 2, 2).isEmpty());
    }

    @Test
    void boundingBoxCoversEveryPixelAtOrAboveTheFloorIncludingFaintOnes() {
        byte[] m = mask(
                "......",
                "..1...",
                "....#.",
                "......");
        assertEquals(new Region(2, 1, 3, 2), MaskOps.boundingBox(m, 6, 4).orElseThrow());
        assertTrue(MaskOps.boundingBox(new byte[24], 6, 4).isEmpty());
    }

    @Test
    void thresholdMakesValuesAtOrAboveLevelFullAndTheRestZero() {
        byte[] m = mask("..4#5.");
        assertArrayEquals(mask("...##."), MaskOps.threshold(m, 6, 1, 101));
        assertThrows(IllegalArgumentException.class, () -> MaskOps.threshold(m, 6, 1, 0));
    }

    @Test
    void invertSwapsKeepAndRegenerate() {
        byte[] inverted = MaskOps.invert(mask(".#4"), 3, 1);
        assertEquals(255, inverted[0] & 0xff);
        assertEquals(0, inverted[1] & 0xff);
        assertEquals(155, inverted[2] & 0xff);
    }

    @Test
    void growingOnePixelByTwoGivesTheThirteenPixelDisc() {
        byte[] grown = MaskOps.grow(singlePixel(7, 7, 3, 3), 7, 7, 2);
        assertArrayEquals(mask(
                ".......",
                "...#...",
                "..###..",
                ".#####.",
                "..###..",
                "...#...",
                "......."), grown);
    }

    @Test
    void growingByThreeIncludesDiagonalsInsideTheCircleOnly() {
        // (2,2) is at distance 2.83 <= 3 and joins; (3,1) at 3.16 does not.
        byte[] grown = MaskOps.grow(singlePixel(9, 9, 4, 4), 9, 9, 3);
        assertEquals(255, grown[(4 + 2) * 9 + 4 + 2] & 0xff);
        assertEquals(0, grown[(4 + 1) * 9 + 4 + 3] & 0xff);
        assertEquals(255, grown[4 * 9 + 4 + 3] & 0xff);
        int count = 0;
        for (byte b : grown) {
            count += b != 0 ? 1 : 0;
        }
        assertEquals(29, count, "lattice points with dx²+dy² <= 9");
    }

    @Test
    void growMatchesBruteForceOnRandomMasks() {
        Random random = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            int w = 5 + random.nextInt(20);
            int h = 5 + random.nextInt(20);
            byte[] m = new byte[w * h];
            for (int i = 0; i < m.length; i++) {
                m[i] = random.nextInt(12) == 0 ? (byte) random.nextInt(256) : 0;
            }
            int r = 1 + random.nextInt(6);
            assertArrayEquals(bruteGrow(m, w, h, r), MaskOps.grow(m, w, h, r), "trial " + trial + " r=" + r);
        }
    }

    @Test
    void growKeepsFaintPixelsFarFromTheMaskAndIgnoresThemAsSeeds() {
        byte[] grown = MaskOps.grow(mask("#....3"), 6, 1, 1);
        assertArrayEquals(mask("##...3"), grown);
    }

    @Test
    void shrinkPullsTheEdgeInByTheRadius() {
        byte[] m = mask(
                ".......",
                ".#####.",
                ".#####.",
                ".#####.",
                ".#####.",
                ".#####.",
                ".......");
        assertArrayEquals(mask(
                ".......",
                ".......",
                "..###..",
                "..###..",
                "..###..",
                ".......",
                "......."), MaskOps.shrink(m, 7, 7, 1));
        assertArrayEquals(MaskOps.invert(MaskOps.grow(MaskOps.invert(m, 7, 7), 7, 7, 2), 7, 7),
                MaskOps.shrink(m, 7, 7, 2));
    }

    @Test
    void radiusZeroLeavesTheMaskAsItIs() {
        byte[] m = mask(".3#.");
        assertArrayEquals(m, MaskOps.grow(m, 4, 1, 0));
        assertArrayEquals(m, MaskOps.shrink(m, 4, 1, 0));
        assertArrayEquals(m, MaskOps.feather(m, 4, 1, 0));
    }

    @Test
    void featherOfAStepIsAMonotoneRampSymmetricAroundTheEdge() {
        int w = 40;
        byte[] m = new byte[w];
        for (int x = 20; x < w; x++) {
            m[x] = (byte) 255;
        }
        byte[] f = MaskOps.feather(m, w, 1, 6);
        // half-widths 2+2+2: the ramp spans x = 14..25, and is exactly 0 / 255 outside it.
        for (int x = 0; x <= 13; x++) {
            assertEquals(0, f[x] & 0xff, "x=" + x);
        }
        for (int x = 26; x < w; x++) {
            assertEquals(255, f[x] & 0xff, "x=" + x);
        }
        for (int x = 14; x < 26; x++) {
            assertTrue((f[x] & 0xff) >= (f[x - 1] & 0xff), "monotone at x=" + x);
            int mirrored = 255 - (f[39 - x] & 0xff);
            assertTrue(Math.abs((f[x] & 0xff) - mirrored) <= 1, "symmetric at x=" + x);
        }
        assertTrue((f[14] & 0xff) > 0 && (f[25] & 0xff) < 255);
    }

    @Test
    void featherOfASmallDiscIsASmoothBumpThatVanishesBeyondTheRadius() {
        // A lone 255 spreads over a (2·9+1)² square; the 3×3 boxes (k=3,3,3) turn it into a smooth bump.
        int w = 31;
        byte[] m = new byte[w * w];
        m[15 * w + 15] = (byte) 255;
        byte[] f = MaskOps.feather(MaskOps.threshold(MaskOps.grow(m, w, w, 3), w, w, 1), w, w, 9);
        int centre = f[15 * w + 15] & 0xff;
        assertTrue(centre > 0 && centre < 255, "centre softened: " + centre);
        for (int y = 0; y < w; y++) {
            for (int x = 0; x < w; x++) {
                int v = f[y * w + x] & 0xff;
                if (Math.max(Math.abs(x - 15), Math.abs(y - 15)) > 3 + 9) {
                    assertEquals(0, v, "beyond the radius at " + x + "," + y);
                }
                // Each pass rounds, horizontal ones first, so x/y mirror images may differ by 1.
                assertTrue(Math.abs(v - (f[x * w + y] & 0xff)) <= 1, "symmetric in x and y at " + x + "," + y);
            }
        }
        assertTrue((f[15 * w + 15] & 0xff) > (f[15 * w + 20] & 0xff));
    }

    /** Three clamped box blurs per axis, written the plain way, horizontal passes first. */
    private static byte[] referenceFeather(byte[] m, int w, int h, int radius) {
        int[] halfWidths = {(radius + 2) / 3, (radius + 1) / 3, radius / 3};
        int[] a = new int[m.length];
        for (int i = 0; i < m.length; i++) {
            a[i] = m[i] & 0xff;
        }
        for (int axis = 0; axis < 2; axis++) {
            for (int k : halfWidths) {
                if (k == 0) {
                    continue;
                }
                int[] b = new int[a.length];
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int sum = 0;
                        for (int t = -k; t <= k; t++) {
                            int xx = axis == 0 ? Math.max(0, Math.min(w - 1, x + t)) : x;
                            int yy = axis == 1 ? Math.max(0, Math.min(h - 1, y + t)) : y;
                            sum += a[yy * w + xx];
                        }
                        b[y * w + x] = (sum + k) / (2 * k + 1);
                    }
                }
                a = b;
            }
        }
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) a[i];
        }
        return out;
    }

    @Test
    void featherMatchesThePlainThreeBoxDefinitionOnRandomMasksIncludingRadiiWiderThanTheMask() {
        Random random = new Random(13);
        for (int trial = 0; trial < 40; trial++) {
            int w = 1 + random.nextInt(30);
            int h = 1 + random.nextInt(30);
            byte[] m = new byte[w * h];
            for (int i = 0; i < m.length; i++) {
                m[i] = (byte) (random.nextInt(3) == 0 ? random.nextInt(256) : 0);
            }
            int r = 1 + random.nextInt(40);
            assertArrayEquals(referenceFeather(m, w, h, r), MaskOps.feather(m, w, h, r),
                    "trial " + trial + " " + w + "×" + h + " r=" + r);
        }
    }

    @Test
    void solidMaskStaysSolidAfterFeatheringBecauseEdgesRepeat() {
        byte[] full = new byte[50 * 20];
        java.util.Arrays.fill(full, (byte) 255);
        assertArrayEquals(full, MaskOps.feather(full, 50, 20, 16));
    }

    @Test
    void largeMasksGiveTheSameResultAsSmallBandsWould() {
        // Above the parallel threshold the work is split; compare with the column-wise definition.
        int w = 700;
        int h = 500;
        byte[] m = new byte[w * h];
        for (int y = 100; y < 300; y++) {
            for (int x = 200; x < 450; x++) {
                m[y * w + x] = (byte) 255;
            }
        }
        byte[] grown = MaskOps.grow(m, w, h, 20);
        assertEquals(new Region(180, 80, 290, 240), MaskOps.boundingBox(grown, w, h).orElseThrow());
        assertEquals(0, grown[(80) * w + 180] & 0xff, "corner outside the rounded corner");
        assertEquals(255, grown[(100 - 14) * w + 200 - 14] & 0xff, "14²+14² = 392 <= 400");
        byte[] feathered = MaskOps.feather(m, w, h, 16);
        assertEquals(255, feathered[200 * w + 300] & 0xff);
        assertEquals(0, feathered[(100 - 17) * w + 300] & 0xff);
        assertTrue((feathered[100 * w + 300] & 0xff) > 100 && (feathered[100 * w + 300] & 0xff) < 155);
    }

    @Test
    void withinDistanceMarksPixelsNearAnyNonZeroValue() {
        byte[] near = MaskOps.withinDistance(mask("..1....."), 8, 1, 2, 1);
        assertArrayEquals(new byte[] {1, 1, 1, 1, 1, 0, 0, 0}, near);
    }

    @Test
    void wrongArrayLengthIsRefusedNamingTheSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MaskOps.grow(new byte[10], 4, 3, 1));
        assertEquals("mask has 10 bytes but 4×3 needs 12", e.getMessage());
    }
}
