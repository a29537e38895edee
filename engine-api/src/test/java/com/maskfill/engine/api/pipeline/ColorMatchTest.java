package com.maskfill.engine.api.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.ProgressListener;
import com.maskfill.engine.api.request.FillRequest;
import com.maskfill.engine.api.request.Mask;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Colour matching at the seam, through the whole pipeline, against engines that drift the way FLUX's autoencoder
 * does and engines that paint new content. Errors are measured in levels (0–255) over the mask's solid inside.
 */
class ColorMatchTest {

    private static final int W = 640;
    private static final int H = 480;
    private static final BufferedImage PHOTO = photo();
    private static final Mask DISC = disc(320, 240, 50);

    /** Smooth gradients, a low-frequency pattern and a little noise: about what a photo's ring looks like. */
    private static BufferedImage photo() {
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Random noise = new Random(11);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double wave = 40 * Math.sin(x / 23.0) * Math.cos(y / 31.0);
                int r = clamp(60 + x / 4 + wave + noise.nextGaussian() * 3);
                int g = clamp(90 + y / 4 - wave / 2 + noise.nextGaussian() * 3);
                int b = clamp(150 - x / 8 + y / 8 + wave / 3 + noise.nextGaussian() * 3);
                image.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return image;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    private static Mask disc(int cx, int cy, int radius) {
        byte[] m = new byte[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                if (Math.hypot(x - cx, y - cy) <= radius) {
                    m[y * W + x] = (byte) 255;
                }
            }
        }
        return Mask.of(W, H, m);
    }

    private static FillRequest.Builder request(Mask mask) {
        return FillRequest.builder().image(PHOTO).mask(mask).prompt("the same wall").steps(4).seed(3);
    }

    private static FillResult run(DriftEngine engine, FillRequest request) throws EngineException {
        return new FillPipeline().run(engine, request, ProgressListener.NONE, new Cancellation());
    }

    /** Mean signed difference result − photo per channel over the pixels where the mask is 255. */
    private static double[] meanError(BufferedImage result, Mask mask) {
        double[] sum = new double[3];
        long n = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                if (mask.value(x, y) == 255) {
                    int a = result.getRGB(x, y);
                    int b = PHOTO.getRGB(x, y);
                    for (int c = 0; c < 3; c++) {
                        int s = 16 - 8 * c;
                        sum[c] += ((a >> s) & 0xff) - ((b >> s) & 0xff);
                    }
                    n++;
                }
            }
        }
        for (int c = 0; c < 3; c++) {
            sum[c] /= n;
        }
        return sum;
    }

    private static void assertWithin(double levels, double[] error, String what) {
        for (double e : error) {
            assertTrue(Math.abs(e) <= levels, what + ": " + format(error));
        }
    }

    private static String format(double[] error) {
        return Arrays.stream(error).mapToObj(e -> String.format(Locale.ROOT, "%+.2f", e)).toList().toString();
    }

    @Test
    void aUniformColourShiftComesBackWithinTwoLevelsOfThePhotoInsideTheMask() throws EngineException {
        FillResult matched = run(DriftEngine.shift(14, -10, 8), request(DISC).build());
        FillResult unmatched = run(DriftEngine.shift(14, -10, 8), request(DISC).colorMatch(false).build());

        double[] error = meanError(matched.composedOver(PHOTO, 0), DISC);
        System.out.println("colour match, shift +14/-10/+8: mean error inside the mask " + format(error));
        assertWithin(2, error, "matched");
        assertEquals(java.util.List.of(true), matched.colorMatched());
        double[] off = meanError(unmatched.composedOver(PHOTO, 0), DISC);
        assertTrue(Math.abs(off[0] - 14) < 1 && Math.abs(off[1] + 10) < 1 && Math.abs(off[2] - 8) < 1,
                "with colour match off the drift stays: " + format(off));
        assertEquals(java.util.List.of(false), unmatched.colorMatched());
    }

    @Test
    void aGainDriftComesBackWithinTwoLevelsAlsoWhenTheCropWasScaledForTheEngine() throws EngineException {
        // workingSize 1024: the 256 px crop is sent four times larger and the output scaled back down.
        FillResult result = run(DriftEngine.gain(1.06), request(DISC).workingSize(1024).build());

        double[] error = meanError(result.composedOver(PHOTO, 0), DISC);
        System.out.println("colour match, gain x1.06 at 4x working size: mean error inside the mask " + format(error));
        assertWithin(2, error, "matched");
        assertTrue(result.colorMatched().get(0));
    }

    @Test
    void aShiftUnderTheNoiseOfALossyRoundTripIsStillCorrected() throws EngineException {
        // The autoencoder also loses fine detail: each level comes back with an error of about 5 levels.
        Random noise = new Random(9);
        FillResult result = run(new DriftEngine(v -> v + 14 + (int) Math.round(noise.nextGaussian() * 5),
                v -> v - 10 + (int) Math.round(noise.nextGaussian() * 5),
                v -> v + 8 + (int) Math.round(noise.nextGaussian() * 5), null, 0), request(DISC).build());

        double[] error = meanError(result.composedOver(PHOTO, 0), DISC);
        System.out.println("colour match, shift +14/-10/+8 with noise sigma 5: mean error inside the mask "
                + format(error));
        assertTrue(result.colorMatched().get(0));
        assertWithin(2, error, "matched");
    }

    @Test
    void newContentPaintedInTheMaskIsKeptWhileTheDriftAroundItIsCorrected() throws EngineException {
        // A bright yellow object that spills 6 px past the mask, into the ring, on top of a +14/-10/+8 drift.
        int object = 0xF0E030;
        DriftEngine painter = new DriftEngine(v -> v + 14, v -> v - 10, v -> v + 8, object, 6);
        FillResult result = run(painter, request(DISC).build());

        BufferedImage composed = result.composedOver(PHOTO, 0);
        double[] error = meanError(composed, DISC);
        System.out.println("colour match, painted object: mean difference from the photo inside the mask "
                + format(error));
        assertTrue(result.colorMatched().get(0), "the ring still shows the drift");
        assertTrue(error[0] > 60 && error[1] > 60, "the object is kept, not washed towards the photo: " + format(error));
        // The object comes back as painted, less the drift the ring showed.
        int centre = composed.getRGB(320, 240);
        assertEquals(0xF0, ((centre >> 16) & 0xff), 2);
        assertEquals(0xE0, ((centre >> 8) & 0xff), 2);
        assertEquals(0x30, centre & 0xff, 2);
    }

    @Test
    void aRingTooSmallToTellTheDriftLeavesTheOutputAsItIs() throws EngineException {
        // Everything is masked but a 12 × 12 corner: a handful of ring pixels, nothing to estimate from.
        byte[] m = new byte[W * H];
        Arrays.fill(m, (byte) 255);
        for (int y = 0; y < 12; y++) {
            Arrays.fill(m, y * W, y * W + 12, (byte) 0);
        }
        Mask almostAll = Mask.of(W, H, m);
        FillResult result = run(DriftEngine.shift(14, -10, 8), request(almostAll).build());

        assertFalse(result.colorMatched().get(0));
        double[] error = meanError(result.composedOver(PHOTO, 0), almostAll);
        assertTrue(Math.abs(error[0] - 14) < 1 && Math.abs(error[1] + 10) < 1, format(error));
    }

    @Test
    void anOutputThatDoesNotMatchThePhotoInTheRingIsLeftAsItIs() throws EngineException {
        // A solid fill: its ring is one colour, the photo's is not; no drift explains the difference.
        FillResult result = new FillPipeline().run(new FakeEngine(0x00ff00, 0, null), request(DISC).build(),
                ProgressListener.NONE, new Cancellation());

        assertFalse(result.colorMatched().get(0));
        assertEquals(0x00ff00, result.composedOver(PHOTO, 0).getRGB(320, 240) & 0xffffff);
    }

    @Test
    void aFlatRingIsCorrectedByItsOffset() throws EngineException {
        BufferedImage sky = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Random noise = new Random(2);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int b = clamp(200 + noise.nextGaussian());
                sky.setRGB(x, y, 120 << 16 | 170 << 8 | b);
            }
        }
        FillResult result = new FillPipeline().run(DriftEngine.shift(14, -10, 8),
                request(DISC).image(sky).build(), ProgressListener.NONE, new Cancellation());

        assertTrue(result.colorMatched().get(0));
        int centre = result.composedOver(sky, 0).getRGB(320, 240);
        assertEquals(120, (centre >> 16) & 0xff, 1);
        assertEquals(170, (centre >> 8) & 0xff, 1);
    }

    @Test
    void pixelsFartherThanTheFeatherRadiusStayThePhotosBitForBitWithColourMatchOn() throws EngineException {
        FillResult result = run(DriftEngine.shift(14, -10, 8), request(DISC).build());
        assertTrue(result.colorMatched().get(0));

        BufferedImage composed = result.composedOver(PHOTO, 0);
        int checked = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                if (Math.hypot(x - 320, y - 240) > 50 + FillPipeline.DEFAULT_FEATHER_RADIUS + 1) {
                    assertEquals(PHOTO.getRGB(x, y), composed.getRGB(x, y), "pixel " + x + "," + y);
                    checked++;
                }
            }
        }
        assertTrue(checked > W * H / 2);
    }
}
