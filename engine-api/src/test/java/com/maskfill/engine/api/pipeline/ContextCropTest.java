package com.maskfill.engine.api.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.engine.api.engine.Capabilities;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.request.Mask;
import java.awt.image.BufferedImage;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ContextCropTest {

    /** WaveSpeed's flux-fill-dev limits: 256–1536 per side. */
    private static final Capabilities WAVESPEED = Capabilities.builder().sideRange(256, 1536).build();
    private static final OptionalInt CROP_SIZE = OptionalInt.empty();

    private static ContextCrop plan(int w, int h, Region box, int padding) throws EngineException {
        return ContextCrop.plan(w, h, box, padding, WAVESPEED, CROP_SIZE);
    }

    @Test
    void smallMaskOnALargePhotoSendsTheMinimumCropAroundTheMask() throws EngineException {
        Region box = new Region(5000, 3000, 50, 40);
        ContextCrop crop = plan(6000, 4000, box, 48);
        assertEquals(256, crop.workWidth());
        assertEquals(256, crop.workHeight());
        assertEquals(new Region(4897, 2892, 256, 256), crop.region(), "centred on the padded box, 1:1");
        assertTrue(crop.region().contains(box));
    }

    @Test
    void paddingAddsContextOnEverySideAndSidesSnapToMultiplesOf16WithoutScaling() throws EngineException {
        Region box = new Region(1000, 1000, 400, 300);
        ContextCrop crop = plan(6000, 4000, box, 48);
        // 400+96 = 496 (31×16) stays; 300+96 = 396 rounds to 400, grown 2 px above and below.
        assertEquals(new Region(952, 950, 496, 400), crop.region());
        assertEquals(496, crop.workWidth());
        assertEquals(400, crop.workHeight());
        assertEquals(1.0, crop.scaleX());
        assertEquals(1.0, crop.scaleY());
    }

    @Test
    void cropIsShiftedInsideTheImageAtTheBorders() throws EngineException {
        ContextCrop topLeft = plan(6000, 4000, new Region(0, 0, 100, 60), 48);
        assertEquals(new Region(0, 0, 256, 256), topLeft.region());
        ContextCrop bottomRight = plan(6000, 4000, new Region(5950, 3990, 50, 10), 48);
        assertEquals(new Region(5744, 3744, 256, 256), bottomRight.region());
    }

    @Test
    void largeAreaIsScaledDownSoTheLongestSideIsTheEngineMaximum() throws EngineException {
        Region box = new Region(1000, 500, 3000, 1000);
        ContextCrop crop = plan(6000, 4000, box, 48);
        assertEquals(1536, crop.workWidth());
        assertEquals(544, crop.workHeight());
        assertTrue(crop.region().contains(box.grow(48, 6000, 4000)));
        assertEquals(crop.scaleX(), crop.scaleY(), 0.002, "uniform scale");
    }

    @Test
    void workingSizeScalesTheCropSoItsLongestSideMatches() throws EngineException {
        Region box = new Region(900, 950, 200, 100);
        ContextCrop crop = ContextCrop.plan(2000, 2000, box, 48, WAVESPEED, OptionalInt.of(1024));
        assertEquals(1024, crop.workWidth());
        assertEquals(672, crop.workHeight());
        assertEquals(296, crop.region().width());
        assertEquals(crop.scaleX(), crop.scaleY(), 0.01);
    }

    @Test
    void imageSmallerThanTheMinimumIsScaledUpWhole() throws EngineException {
        ContextCrop crop = plan(200, 150, new Region(0, 0, 200, 150), 48);
        assertEquals(new Region(0, 0, 200, 150), crop.region());
        assertEquals(256, crop.workHeight());
        // 200 px at ×1.707 = 341 rounds to 336: the whole image is sent, stretched by under 2 % across.
        assertEquals(336, crop.workWidth());
        assertEquals(1.0, crop.scaleX() / crop.scaleY(), 0.02);
    }

    @Test
    void thinAreaGetsMoreContextAcrossRatherThanAStretch() throws EngineException {
        Region box = new Region(50, 2000, 5900, 20);
        ContextCrop crop = plan(6000, 4000, box, 48);
        assertEquals(1536, crop.workWidth());
        assertTrue(crop.workHeight() >= 256);
        assertEquals(crop.scaleX(), crop.scaleY(), 0.01);
    }

    @Test
    void areaTooElongatedForTheEngineIsRefusedAsInvalidInput() {
        EngineException e = assertThrows(EngineException.class,
                () -> plan(6000, 200, new Region(50, 50, 5900, 100), 48));
        assertEquals(EngineException.Category.INVALID_INPUT, e.category());
        assertEquals("The area to fill needs a 5996×200 px crop, which is too elongated for this engine: "
                + "each side must become 256–1536 px", e.getMessage());
    }

    @Test
    void engineMultipleOf32IsHonoured() throws EngineException {
        Capabilities by32 = Capabilities.builder().sideRange(256, 1440).sizeMultiple(32).build();
        ContextCrop crop = ContextCrop.plan(6000, 4000, new Region(100, 100, 3000, 2000), 48, by32, CROP_SIZE);
        assertEquals(1440, crop.workWidth());
        assertEquals(0, crop.workHeight() % 32);
    }

    @Test
    void everyPlanStaysInsideTheImageHoldsTheMaskAndMeetsTheLimits() throws EngineException {
        Random random = new Random(11);
        for (int i = 0; i < 2000; i++) {
            int w = 256 + random.nextInt(7000);
            int h = 256 + random.nextInt(5000);
            int bw = 1 + random.nextInt(Math.min(w, 1 + random.nextInt(3000)));
            int bh = 1 + random.nextInt(Math.min(h, 1 + random.nextInt(3000)));
            Region box = new Region(random.nextInt(w - bw + 1), random.nextInt(h - bh + 1), bw, bh);
            OptionalInt size = random.nextBoolean() ? OptionalInt.empty() : OptionalInt.of(256 + random.nextInt(1281));
            ContextCrop crop;
            try {
                crop = ContextCrop.plan(w, h, box, random.nextInt(100), WAVESPEED, size);
            } catch (EngineException tooElongated) {
                continue;
            }
            String at = "case " + i + ": " + w + "×" + h + " box " + box + " → " + crop;
            assertTrue(new Region(0, 0, w, h).contains(crop.region()), at);
            assertTrue(crop.region().contains(box), at);
            assertTrue(crop.workWidth() % 16 == 0 && crop.workHeight() % 16 == 0, at);
            assertTrue(crop.workWidth() >= 256 && crop.workWidth() <= 1536, at);
            assertTrue(crop.workHeight() >= 256 && crop.workHeight() <= 1536, at);
            if (crop.region().width() < w && crop.region().height() < h) {
                assertEquals(1.0, crop.scaleX() / crop.scaleY(), 0.03, at);
            }
        }
    }

    @Test
    void croppedImageAndMaskHaveTheWorkSizeAndKeepValuesAtScaleOne() throws EngineException {
        BufferedImage source = new BufferedImage(600, 400, BufferedImage.TYPE_INT_RGB);
        source.setRGB(310, 210, 0x123456);
        byte[] m = new byte[600 * 400];
        m[210 * 600 + 310] = (byte) 200;
        Mask mask = Mask.of(600, 400, m);
        ContextCrop crop = plan(600, 400, new Region(310, 210, 1, 1), 48);
        BufferedImage image = crop.image(source);
        Mask cropped = crop.mask(mask);
        assertEquals(256, image.getWidth());
        assertEquals(256, cropped.height());
        int x = 310 - crop.region().x();
        int y = 210 - crop.region().y();
        assertEquals(0x123456, image.getRGB(x, y) & 0xffffff);
        assertEquals(200, cropped.value(x, y));
    }

    @Test
    void downscaledMaskKeepsFullAndEmptyAreasExact() throws EngineException {
        byte[] m = new byte[3000 * 2000];
        for (int y = 0; y < 2000; y++) {
            for (int x = 1500; x < 3000; x++) {
                m[y * 3000 + x] = (byte) 255;
            }
        }
        ContextCrop crop = plan(3000, 2000, new Region(1500, 0, 1500, 2000), 1500);
        Mask small = crop.mask(Mask.of(3000, 2000, m));
        assertEquals(new Region(0, 0, 3000, 2000), crop.region());
        assertEquals(1536, crop.workWidth());
        assertEquals(1024, crop.workHeight());
        assertEquals(0, small.value(10, 700));
        assertEquals(255, small.value(small.width() - 10, 700));
        int mid = small.value(small.width() / 2, 700);
        assertTrue(mid > 0 && mid < 255, "soft edge at the step: " + mid);
    }
}
