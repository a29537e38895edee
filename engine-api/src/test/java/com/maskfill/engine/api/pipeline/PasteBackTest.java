package com.maskfill.engine.api.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.engine.api.engine.Capabilities;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.request.Mask;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.OptionalInt;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PasteBackTest {

    private static final int W = 640;
    private static final int H = 480;
    private static final int FEATHER = 8;
    private static final Capabilities CAPS = Capabilities.builder().sideRange(256, 1536).build();

    /** Noise, so any pixel that changes by even one bit shows. */
    private static BufferedImage noise(int type) {
        BufferedImage image = new BufferedImage(W, H, type);
        Random random = new Random(3);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                image.setRGB(x, y, random.nextInt() | (type == BufferedImage.TYPE_INT_ARGB ? 0 : 0xff000000));
            }
        }
        return image;
    }

    /** A solid disc with a soft rim and a lone faint stroke pixel. */
    private static Mask blobMask() {
        byte[] m = new byte[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double d = Math.hypot(x - 300, y - 220);
                m[y * W + x] = (byte) (d < 60 ? 255 : d < 64 ? 120 : 0);
            }
        }
        m[300 * W + 390] = 20;
        return Mask.of(W, H, m);
    }

    /** A hard 60×60 square at (300, 200). */
    private static Mask square() {
        byte[] m = new byte[W * H];
        for (int y = 200; y < 260; y++) {
            for (int x = 300; x < 360; x++) {
                m[y * W + x] = (byte) 255;
            }
        }
        return Mask.of(W, H, m);
    }

    private static BufferedImage solid(int w, int h, int rgb) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    /** Squared distance from (x, y) to the nearest non-zero mask pixel, by brute force over the box. */
    private static boolean fartherThan(Mask mask, int x, int y, int radius) {
        for (int v = Math.max(0, y - radius); v <= Math.min(H - 1, y + radius); v++) {
            for (int u = Math.max(0, x - radius); u <= Math.min(W - 1, x + radius); u++) {
                if (mask.value(u, v) != 0 && (u - x) * (u - x) + (v - y) * (v - y) <= radius * radius) {
                    return false;
                }
            }
        }
        return true;
    }

    private static ContextCrop crop(Mask mask) throws EngineException {
        Region box = MaskOps.boundingBox(mask.pixels(), W, H).orElseThrow();
        return ContextCrop.plan(W, H, box, 48, CAPS, OptionalInt.empty());
    }

    private static void assertOutsideFeatherIsBitIdentical(BufferedImage source, BufferedImage result, Mask mask) {
        assertEquals(source.getWidth(), result.getWidth());
        assertEquals(source.getHeight(), result.getHeight());
        assertEquals(source.getType(), result.getType());
        int bands = source.getRaster().getNumBands();
        int[] a = new int[bands];
        int[] b = new int[bands];
        int checked = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                if (fartherThan(mask, x, y, FEATHER)) {
                    assertArrayEquals(source.getRaster().getPixel(x, y, a), result.getRaster().getPixel(x, y, b),
                            "pixel " + x + "," + y);
                    checked++;
                }
            }
        }
        assertTrue(checked > W * H / 2);
    }

    @Test
    void pixelsFartherThanTheFeatherRadiusAreTheSourceBitForBitAndTheSizeIsTheSources() throws EngineException {
        Mask mask = blobMask();
        BufferedImage source = noise(BufferedImage.TYPE_INT_RGB);
        ContextCrop crop = crop(mask);
        PasteBack pasteBack = new PasteBack(mask, crop.region(), FEATHER);
        BufferedImage result = pasteBack.apply(source, solid(crop.workWidth(), crop.workHeight(), 0x00ff00));
        assertOutsideFeatherIsBitIdentical(source, result, mask);
        assertEquals(0x00ff00, result.getRGB(300, 220) & 0xffffff, "deep inside the mask the output is taken as is");
        int rim = result.getRGB(300 + 62, 220);
        assertTrue(((rim >> 8) & 0xff) > 0 && rim != source.getRGB(300 + 62, 220), "the soft rim is blended");
    }

    @Test
    void featherReachesNoFartherThanTheRadiusOnDiagonalsEither() throws EngineException {
        Mask square = square();
        PasteBack pasteBack = new PasteBack(square, crop(square).region(), FEATHER);
        // (366, 266) is 6 px right and below the corner: within the blur's square support, 8.5 px away.
        assertEquals(0, pasteBack.alphaAt(359 + 6, 259 + 6));
        assertTrue(pasteBack.alphaAt(359 + 4, 259 + 4) > 0);
        assertEquals(255, pasteBack.alphaAt(330, 230));
    }

    @Test
    void featherRunsOutwardSoATightMaskTakesTheOutputWhollyUpToItsEdge() throws EngineException {
        Mask square = square();
        PasteBack pasteBack = new PasteBack(square, crop(square).region(), FEATHER);
        // A centred feather kept about half of the old object on the mask's edge: a halo around the new one.
        for (int x = 300; x < 360; x++) {
            assertEquals(255, pasteBack.alphaAt(x, 200), "top edge at x=" + x);
            assertEquals(255, pasteBack.alphaAt(x, 259), "bottom edge at x=" + x);
        }
        assertEquals(255, pasteBack.alphaAt(300, 230));
        assertTrue(pasteBack.alphaAt(299, 230) > 128, "the soft edge starts outside the mask");
        assertTrue(pasteBack.alphaAt(299 - FEATHER + 1, 230) > 0);
        assertEquals(0, pasteBack.alphaAt(299 - FEATHER, 230), "and ends at the radius");
    }

    @Test
    void noiseBelowTheFloorPastesNothing() throws EngineException {
        Mask mask = blobMask();
        byte[] m = mask.pixels();
        m[20 * W + 20] = 7;
        Mask noisy = Mask.of(W, H, m);
        PasteBack pasteBack = new PasteBack(noisy, crop(noisy).region(), FEATHER);
        assertEquals(crop(mask).region(), crop(noisy).region(), "the noise does not widen the crop");
        assertEquals(0, pasteBack.alphaAt(20, 20));
    }

    @Test
    void layerIsCropSizedAndBlendsIntoThePhotoAsItIsNowTouchingOnlyItsWeightedPixels() throws EngineException {
        Mask mask = blobMask();
        BufferedImage source = noise(BufferedImage.TYPE_INT_RGB);
        ContextCrop crop = crop(mask);
        PasteBack pasteBack = new PasteBack(mask, crop.region(), FEATHER);
        BufferedImage layer = pasteBack.layer(solid(crop.workWidth(), crop.workHeight(), 0x00ff00));
        assertEquals(crop.region().width(), layer.getWidth());
        assertEquals(crop.region().height(), layer.getHeight());
        // Since the job started, something else changed the photo inside the crop but away from the mask.
        BufferedImage now = noise(BufferedImage.TYPE_INT_RGB);
        Region r = crop.region();
        for (int y = r.y(); y < r.y() + 10; y++) {
            for (int x = r.x(); x < r.right(); x++) {
                now.setRGB(x, y, 0xff123456);
            }
        }
        BufferedImage expected = pasteBack.apply(now, solid(crop.workWidth(), crop.workHeight(), 0x00ff00));
        int[] under = now.getRGB(r.x(), r.y(), r.width(), r.height(), null, 0, r.width());
        PasteBack.blendInto(now, r, layer);
        assertEquals(0xff123456, now.getRGB(r.x() + 5, r.y() + 5), "the later change survives");
        assertOutsideFeatherIsBitIdentical(expected, now, mask);
        assertEquals(0x00ff00, now.getRGB(300, 220) & 0xffffff);
        assertArrayEquals(now.getRGB(r.x(), r.y(), r.width(), r.height(), null, 0, r.width()),
                PasteBack.blended(under, layer), "the editor's Apply blends exactly as the command line does");
    }

    @Test
    void sixteenBitGraySourceKeepsItsFormatAndUntouchedSamples() throws EngineException {
        Mask mask = blobMask();
        BufferedImage source = new BufferedImage(W, H, BufferedImage.TYPE_USHORT_GRAY);
        Random random = new Random(5);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                source.getRaster().setSample(x, y, 0, random.nextInt(65536));
            }
        }
        ContextCrop crop = crop(mask);
        BufferedImage result = new PasteBack(mask, crop.region(), FEATHER)
                .apply(source, solid(crop.workWidth(), crop.workHeight(), 0xffffff));
        assertOutsideFeatherIsBitIdentical(source, result, mask);
        assertEquals(65535, result.getRaster().getSample(300, 220, 0));
    }

    @Test
    void sourceTransparencyIsKeptWhereTheOutputIsPasted() throws EngineException {
        Mask mask = blobMask();
        BufferedImage source = noise(BufferedImage.TYPE_INT_ARGB);
        ContextCrop crop = crop(mask);
        BufferedImage result = new PasteBack(mask, crop.region(), FEATHER)
                .apply(source, solid(crop.workWidth(), crop.workHeight(), 0x0000ff));
        assertEquals(source.getRGB(300, 220) >>> 24, result.getRGB(300, 220) >>> 24);
        assertEquals(0x0000ff, result.getRGB(300, 220) & 0xffffff);
    }

    @Test
    void jpegDecodedOutputOfAnotherSizeIsScaledToTheCrop() throws EngineException, IOException {
        Mask mask = blobMask();
        BufferedImage source = noise(BufferedImage.TYPE_3BYTE_BGR);
        ContextCrop crop = crop(mask);
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(solid(crop.workWidth() * 2, crop.workHeight() * 2, 0x808080), "jpg", jpeg);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(jpeg.toByteArray()));
        BufferedImage result = new PasteBack(mask, crop.region(), FEATHER).apply(source, decoded);
        assertOutsideFeatherIsBitIdentical(source, result, mask);
        int centre = result.getRGB(300, 220) & 0xff;
        assertTrue(Math.abs(centre - 0x80) <= 2, "gray from the JPEG: " + centre);
    }

    @Test
    void webpOutputDecodedThroughTheImageIoPluginIsPastedIn() throws EngineException, IOException {
        BufferedImage webp;
        try (var in = PasteBackTest.class.getResourceAsStream("/outputs/red-256.webp")) {
            webp = ImageIO.read(in);
        }
        assertEquals(256, webp.getWidth(), "TwelveMonkeys' WebP reader is on the class path");
        Mask mask = blobMask();
        BufferedImage source = noise(BufferedImage.TYPE_INT_RGB);
        BufferedImage result = new PasteBack(mask, crop(mask).region(), FEATHER).apply(source, webp);
        assertOutsideFeatherIsBitIdentical(source, result, mask);
        int centre = result.getRGB(300, 220);
        assertTrue(Math.abs(((centre >> 16) & 0xff) - 200) <= 3 && Math.abs((centre & 0xff) - 40) <= 3,
                "red from the WebP: " + Integer.toHexString(centre));
    }

    @Test
    void cropThatCannotHoldTheFeatherIsRefused() {
        Mask mask = blobMask();
        Region tight = MaskOps.boundingBox(mask.pixels(), W, H).orElseThrow();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PasteBack(mask, tight, FEATHER));
        assertTrue(e.getMessage().contains("pad the crop by at least the feather radius"), e.getMessage());
    }
}
