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
        assertEquals(0, mask.value(1, 0), "a transparent pixel masks nothing, whatever colour it stores");
        assertEquals(76, mask.value(2, 0), "pure red has luma 0.299");
    }

    @Test
    void luminanceIsMultipliedByOpacity() {
        BufferedImage argb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x80ffffff);
        argb.setRGB(1, 0, 0xff808080);
        Mask mask = Mask.fromImage(argb);
        assertEquals(128, mask.value(0, 0));
        assertEquals(128, mask.value(1, 0));
    }

    @Test
    void rawGrayWithAlphaIsReadSampleForSampleNotThroughLinearGray() {
        // PNG gray+alpha as ImageIO decodes it: two bands in the linear-gray colour space. getRGB would turn 128
        // into about 188; the file means 128.
        java.awt.image.ComponentColorModel cm = new java.awt.image.ComponentColorModel(
                java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_GRAY), true, false,
                java.awt.Transparency.TRANSLUCENT, java.awt.image.DataBuffer.TYPE_BYTE);
        java.awt.image.WritableRaster raster = cm.createCompatibleWritableRaster(3, 1);
        raster.setPixel(0, 0, new int[] {128, 255});
        raster.setPixel(1, 0, new int[] {255, 0});
        raster.setPixel(2, 0, new int[] {200, 128});
        Mask mask = Mask.fromImage(new BufferedImage(cm, raster, false, null));
        assertEquals(128, mask.value(0, 0));
        assertEquals(0, mask.value(1, 0));
        assertEquals(100, mask.value(2, 0));
    }

    @Test
    void transparencyOfAPaletteImageIsReadThroughItsPalette() {
        byte[] reds = {0, (byte) 255};
        java.awt.image.IndexColorModel palette = new java.awt.image.IndexColorModel(8, 2, reds, reds, reds,
                new byte[] {0, (byte) 255});
        BufferedImage indexed = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED, palette);
        indexed.getRaster().setSample(0, 0, 0, 0);
        indexed.getRaster().setSample(1, 0, 0, 1);
        Mask mask = Mask.fromTransparency(indexed);
        assertEquals(255, mask.value(0, 0), "transparent = regenerate");
        assertEquals(0, mask.value(1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> Mask.fromTransparency(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB)));
    }

    @Test
    void rectangleIsCopiedWithoutTheRest() {
        Mask mask = Mask.of(3, 2, new byte[] {1, 2, 3, 4, 5, 6});
        org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[] {2, 3, 5, 6}, mask.pixels(1, 0, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> mask.pixels(2, 0, 2, 1));
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
