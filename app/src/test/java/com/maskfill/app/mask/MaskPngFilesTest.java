package com.maskfill.app.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaskPngFilesTest {

    @TempDir
    Path dir;

    /** A one-row ARGB PNG of these pixels. */
    private Path argbRow(String name, int... pixels) throws IOException {
        BufferedImage argb = new BufferedImage(pixels.length, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, pixels.length, 1, pixels, 0, pixels.length);
        Path file = dir.resolve(name);
        ImageIO.write(argb, "png", file.toFile());
        return file;
    }

    @Test
    void savedMaskIsAn8BitGrayPngThatLoadsBackByteForByte() throws IOException {
        byte[] pixels = new byte[333 * 200];
        new Random(7).nextBytes(pixels);
        Mask mask = Mask.fromByteArray(333, 200, pixels);
        Path file = dir.resolve("mask.png");
        MaskPngFiles.write(mask, file);

        BufferedImage written = ImageIO.read(file.toFile());
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, written.getType());
        assertEquals(8, written.getColorModel().getPixelSize());

        MaskDocument doc = new MaskDocument(333, 200);
        Optional<String> notice = doc.loadPng(file);
        assertTrue(notice.isEmpty());
        assertArrayEquals(pixels, doc.mask().toByteArray());
        assertEquals("Load mask", doc.history().undoDescription());
    }

    @Test
    void colourPngLoadsByLuminanceWhiteMeaningRegenerate() throws IOException {
        BufferedImage rgb = new BufferedImage(4, 1, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, 0xFFFFFF);
        rgb.setRGB(1, 0, 0x000000);
        rgb.setRGB(2, 0, 0x808080);
        rgb.setRGB(3, 0, 0xFF0000);
        Path file = dir.resolve("rgb.png");
        ImageIO.write(rgb, "png", file.toFile());
        MaskPngFiles.LoadedMask loaded = MaskPngFiles.readLuminance(file, 4, 1);
        assertArrayEquals(new byte[] {(byte) 255, 0, (byte) 128, (byte) 76}, loaded.pixels());
        assertNull(loaded.notice());
    }

    @Test
    void alphaImportTurnsTransparentIntoRegenerate() throws IOException {
        Path file = argbRow("alpha.png", 0x00FFFFFF, 0xFF000000, 0x40123456);
        MaskDocument doc = new MaskDocument(3, 1);
        doc.importAlpha(file);
        assertEquals(255, doc.mask().get(0, 0));
        assertEquals(0, doc.mask().get(1, 0));
        assertEquals(255 - 0x40, doc.mask().get(2, 0));
    }

    @Test
    void alphaImportReadsAPalettePngWithATransparentEntry() throws IOException {
        byte[] grey = {0, (byte) 128};
        java.awt.image.IndexColorModel palette = new java.awt.image.IndexColorModel(8, 2, grey, grey, grey,
                new byte[] {0, (byte) 255});
        BufferedImage indexed = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED, palette);
        indexed.getRaster().setSample(1, 0, 0, 1);
        Path file = dir.resolve("palette.png");
        ImageIO.write(indexed, "png", file.toFile());
        MaskDocument doc = new MaskDocument(2, 1);
        doc.importAlpha(file);
        assertEquals(255, doc.mask().get(0, 0), "the transparent palette entry");
        assertEquals(0, doc.mask().get(1, 0));
    }

    @Test
    void whiteOnTransparentLoadsOnlyWhatWasDrawnEvenWhereTransparentPixelsStoreWhite() throws IOException {
        Path file = argbRow("drawing.png", 0x00FFFFFF, 0xFFFFFFFF, 0x80FFFFFF);
        assertArrayEquals(new byte[] {0, (byte) 255, (byte) 128}, MaskPngFiles.readLuminance(file, 3, 1).pixels());
    }

    @Test
    void aMaskFileLargerThanThePhotoLimitIsRefusedBeforeDecoding() throws IOException {
        // a PNG header claiming 20000 × 20000 px, without the pixels
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY), "png", png);
        byte[] bytes = png.toByteArray();
        java.nio.ByteBuffer.wrap(bytes, 16, 8).putInt(20_000).putInt(20_000);
        Path file = dir.resolve("huge.png");
        Files.write(file, bytes);
        IOException e = assertThrows(IOException.class, () -> MaskPngFiles.readLuminance(file, 2, 2));
        assertTrue(e.getMessage().contains("huge.png is too large"), e.getMessage());
    }

    @Test
    void alphaImportFromAnOpaqueFileNamesTheProblem() throws IOException {
        Path file = dir.resolve("opaque.png");
        ImageIO.write(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB), "png", file.toFile());
        IOException e = assertThrows(IOException.class, () -> MaskPngFiles.readAlpha(file, 2, 2));
        assertTrue(e.getMessage().contains("opaque.png") && e.getMessage().contains("no alpha"), e.getMessage());
    }

    @Test
    void maskOfAnotherSizeIsScaledToTheImageWithANotice() throws IOException {
        BufferedImage small = new BufferedImage(10, 5, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 5; y++) {
            for (int x = 5; x < 10; x++) {
                small.getRaster().setSample(x, y, 0, 255);
            }
        }
        Path file = dir.resolve("small.png");
        ImageIO.write(small, "png", file.toFile());
        MaskDocument doc = new MaskDocument(100, 50);
        Optional<String> notice = doc.loadPng(file);
        assertTrue(notice.isPresent());
        assertTrue(notice.get().contains("10×5") && notice.get().contains("100×50"), notice.get());
        assertEquals(0, doc.mask().get(10, 25));
        assertEquals(255, doc.mask().get(90, 25));
        assertEquals(255, doc.mask().get(99, 49));
        int mid = doc.mask().get(50, 25);
        assertTrue(mid > 0 && mid < 255, "a soft edge between the halves: " + mid);
    }

    @Test
    void stretchedMaskNoticeMentionsTheAspectRatio() throws IOException {
        Path file = dir.resolve("square.png");
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY), "png", file.toFile());
        String notice = MaskPngFiles.readLuminance(file, 16, 4).notice();
        assertTrue(notice.contains("aspect"), notice);
    }

    @Test
    void unreadableFileGivesAClearMessage() throws IOException {
        Path file = dir.resolve("not-an-image.png");
        Files.writeString(file, "hello");
        IOException e = assertThrows(IOException.class, () -> MaskPngFiles.readLuminance(file, 2, 2));
        assertTrue(e.getMessage().contains("not-an-image.png"), e.getMessage());
        IOException missing = assertThrows(IOException.class,
                () -> MaskPngFiles.readLuminance(dir.resolve("missing.png"), 2, 2));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }
}
