package com.maskfill.engine.api.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class MaskTest {

    @Test
    void colourImageIsReadByLuma() {
        BufferedImage rgb = new BufferedImage(3, 1, BufferedImage.TYPE_INT_ARGB);
        rgb.setRGB(0, 0, 0xffffffff);
        rgb.setRGB(1, 0, 0x00ffffff);
        rgb.setRGB(2, 0, 0xffff0000);
        Mask mask = Mask.fromImage(rgb);
        assertEquals(255, mask.value(0, 0));
        assertEquals(255, mask.value(1, 0), "alpha is ignored");
        assertEquals(76, mask.value(2, 0), "pure red has luma 0.299");
    }

    @Test
    void sixteenBitGrayKeepsItsHighByte() {
        BufferedImage gray16 = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        gray16.getRaster().setSample(0, 0, 0, 0x8012);
        gray16.getRaster().setSample(1, 0, 0, 0xffff);
        Mask mask = Mask.fromImage(gray16);
        assertEquals(0x80, mask.value(0, 0));
        assertEquals(255, mask.value(1, 0));
    }

    @Test
    void grayImageRoundTripsSampleForSample() {
        byte[] pixels = {0, 1, (byte) 127, (byte) 128, (byte) 200, (byte) 255};
        Mask mask = Mask.of(3, 2, pixels);
        assertEquals(mask, Mask.fromImage(mask.toImage()));
    }

    @Test
    void pixelCountMustMatchTheSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mask.of(3, 3, new byte[8]));
        assertEquals("mask has 8 pixels but 3×3 needs 9", e.getMessage());
    }
}
