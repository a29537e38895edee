package com.maskfill.engine.api.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.Capabilities;
import com.maskfill.engine.api.engine.Engine;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.EngineInput;
import com.maskfill.engine.api.engine.EngineResult;
import com.maskfill.engine.api.engine.ProgressListener;
import com.maskfill.engine.api.request.FillRequest;
import com.maskfill.engine.api.request.Mask;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A grey mask value is a strength: what the paste-back does with it, and what an engine is sent. */
class SoftMaskTest {

    private static final int W = 640;
    private static final int H = 480;
    private static final int FEATHER = FillPipeline.DEFAULT_FEATHER_RADIUS;

    /** A {@code value} square of 60 × 60 at (300, 200), and whatever {@code more} adds. */
    private static byte[] square(int value) {
        byte[] m = new byte[W * H];
        for (int y = 200; y < 260; y++) {
            Arrays.fill(m, y * W + 300, y * W + 360, (byte) value);
        }
        return m;
    }

    private static BufferedImage black() {
        return new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    }

    private static PasteBack pasteBack(byte[] m) {
        Mask mask = Mask.of(W, H, m);
        return new PasteBack(mask, MaskOps.boundingBox(mask).orElseThrow().grow(48, W, H), FEATHER);
    }

    /** A white output of the region's size. */
    private static BufferedImage white(Region region) {
        BufferedImage out = new BufferedImage(region.width(), region.height(), BufferedImage.TYPE_INT_RGB);
        int[] pixels = new int[region.width() * region.height()];
        Arrays.fill(pixels, 0xffffff);
        out.setRGB(0, 0, region.width(), region.height(), pixels, 0, region.width());
        return out;
    }

    @Test
    void aMaskPaintedAtHalfStrengthBlendsTheOutputHalfWayAtExactLevels() {
        for (int level : new int[] {128, 64, 200}) {
            PasteBack pasteBack = pasteBack(square(level));
            BufferedImage result = pasteBack.apply(black(), white(pasteBack.region()));
            for (int[] p : new int[][] {{300, 200}, {330, 230}, {359, 259}}) {
                assertEquals(level, pasteBack.alphaAt(p[0], p[1]), "weight at " + p[0] + "," + p[1]);
                // black · (255 − level) + white · level, over 255: the level itself.
                assertEquals(level, result.getRGB(p[0], p[1]) & 0xff, "level " + level + " at " + p[0] + "," + p[1]);
            }
        }
    }

    @Test
    void theSoftEdgeOutsideAGreyMaskStartsFromItsStrengthNotFromFull() {
        PasteBack pasteBack = pasteBack(square(128));
        int justOutside = pasteBack.alphaAt(299, 230);
        assertTrue(justOutside > 0 && justOutside <= 128, "weight just outside a 128 mask: " + justOutside);
        assertTrue(pasteBack.alphaAt(299 - FEATHER + 1, 230) > 0);
        assertEquals(0, pasteBack.alphaAt(299 - FEATHER, 230), "and it ends at the radius");
    }

    @Test
    void aHalfStrengthAreaNextToAFullOneKeepsItsOwnStrength() {
        byte[] m = square(255);
        for (int y = 200; y < 260; y++) {
            Arrays.fill(m, y * W + 360, y * W + 400, (byte) 128);
        }
        PasteBack pasteBack = pasteBack(m);
        assertEquals(255, pasteBack.alphaAt(359, 230));
        assertEquals(128, pasteBack.alphaAt(360, 230), "the grey pixel right next to the full area");
        assertEquals(128, pasteBack.alphaAt(380, 230));
        assertTrue(pasteBack.alphaAt(380, 199) <= 128, "outside the grey part: " + pasteBack.alphaAt(380, 199));
        assertTrue(pasteBack.alphaAt(330, 199) > 128, "outside the full part: " + pasteBack.alphaAt(330, 199));
    }

    @Test
    void aSoftBrushEdgeFadesOutwardWithoutABump() {
        // A brush stroke whose edge falls from 255 to 20 over 10 px, left to right.
        byte[] m = new byte[W * H];
        for (int y = 200; y < 260; y++) {
            for (int x = 300; x < 370; x++) {
                m[y * W + x] = (byte) (x < 360 ? 255 : 255 - (x - 359) * 235 / 10);
            }
        }
        PasteBack pasteBack = pasteBack(m);
        assertEquals(20, pasteBack.alphaAt(369, 230));
        int previous = 255;
        for (int x = 355; x < 380; x++) {
            int a = pasteBack.alphaAt(x, 230);
            assertTrue(a <= previous, "weight rises again at x=" + x + ": " + previous + " → " + a);
            previous = a;
        }
    }

    /** Records what it was sent and fills white. */
    private static final class Recording implements Engine {
        private final Capabilities capabilities;
        EngineInput received;

        Recording(boolean binaryMask) {
            this.capabilities = Capabilities.builder().sideRange(256, 1536).binaryMask(binaryMask).build();
        }

        @Override
        public Capabilities capabilities() {
            return capabilities;
        }

        @Override
        public EngineResult fill(EngineInput input, ProgressListener progress, Cancellation cancellation) {
            received = input;
            return EngineResult.builder().addImage(white(new Region(0, 0, input.width(), input.height()))).build();
        }
    }

    private static FillRequest request(byte[] m) {
        return FillRequest.builder().image(black()).mask(Mask.of(W, H, m)).prompt("a lamp").steps(4).seed(1)
                .colorMatch(false).build();
    }

    @Test
    void anEngineThatTakesOnlyABlackAndWhiteMaskIsSentOneCoveringEveryPaintedPixelAndThePasteBackStillBlendsHalfWay()
            throws EngineException {
        byte[] m = square(128);
        m[230 * W + 380] = (byte) MaskOps.NOISE_FLOOR; // the faintest stroke that counts, 20 px to the right
        m[250 * W + 250] = (byte) (MaskOps.NOISE_FLOOR - 1); // noise: neither sent nor pasted
        for (boolean binary : new boolean[] {true, false}) {
            Recording engine = new Recording(binary);
            FillResult result = new FillPipeline().run(engine, request(m), ProgressListener.NONE, new Cancellation());
            Region crop = result.crop().region();
            Mask sent = engine.received.mask();
            double sx = result.crop().scaleX();
            double sy = result.crop().scaleY();
            int centre = sent.value((int) ((330 - crop.x()) * sx), (int) ((230 - crop.y()) * sy));
            int faint = sent.value((int) ((380 - crop.x() + 0.5) * sx), (int) ((230 - crop.y() + 0.5) * sy));
            if (binary) {
                assertEquals(255, centre, "grey becomes white for a black-and-white engine");
                assertEquals(255, faint, "the faintest painted pixel is covered");
                assertEquals(0, sent.value((int) ((250 - crop.x()) * sx), (int) ((250 - crop.y()) * sy)));
                int outside = sent.value((int) ((330 - crop.x()) * sx), (int) ((190 - crop.y()) * sy));
                assertEquals(0, outside, "10 px outside the painted area stays black");
            } else {
                assertEquals(128, centre, 1, "a soft-mask engine receives the grey level");
            }
            BufferedImage composed = result.composedOver(black(), 0);
            assertEquals(128, composed.getRGB(330, 230) & 0xff, "blended half-way, binary=" + binary);
            assertEquals(MaskOps.NOISE_FLOOR, composed.getRGB(380, 230) & 0xff, "the faint stroke as painted");
            assertEquals(0, composed.getRGB(250, 250) & 0xff, "noise pastes nothing");
        }
    }

    @Test
    void coveringMaskTurnsEveryCountedPixelWhiteAtTheWorkSize() throws EngineException {
        byte[] m = new byte[W * H];
        m[240 * W + 320] = (byte) MaskOps.NOISE_FLOOR;
        Mask mask = Mask.of(W, H, m);
        // Sent at a quarter of the crop's size: one painted source pixel is a sixteenth of a work pixel.
        ContextCrop crop = ContextCrop.plan(W, H, MaskOps.boundingBox(mask).orElseThrow(), 48,
                Capabilities.builder().sideRange(128, 1536).build(), java.util.OptionalInt.empty());
        ContextCrop quarter = new ContextCrop(new Region(0, 0, W, H), W / 4, H / 4);
        Mask covering = quarter.coveringMask(mask);
        assertEquals(255, covering.value(80, 60));
        assertEquals(0, covering.value(70, 60));
        assertTrue(quarter.mask(mask).value(80, 60) <= 1, "the grey mask scaled down all but loses it");
        assertEquals(255, crop.coveringMask(mask).value(320 - crop.region().x(), 240 - crop.region().y()));
    }
}
