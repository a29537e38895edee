package com.maskfill.engine.api.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Fixtures under src/test/resources/images come from make-fixtures.sh there (ImageMagick). */
class ImageDecoderTest {

    private static final int RED = 0xFFFF0000;
    private static final int BLUE = 0xFF0000FF;
    private static final int GREEN = 0xFF00FF00;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"photo.png", "photo.jpg", "photo.bmp", "photo.gif", "photo.tif", "photo.webp"})
    void opensEverySupportedFormatUpright(String file) throws Exception {
        DecodedImage decoded = ImageDecoder.decode(fixture(file));

        assertEquals(32, decoded.width());
        assertEquals(16, decoded.height());
        assertEquals(BufferedImage.TYPE_INT_ARGB, decoded.image().getType());
        assertUprightPhoto(decoded.image(), 24);
    }

    @Test
    void namesTheFormatAsUsersKnowIt() throws Exception {
        assertEquals("JPEG", ImageDecoder.decode(fixture("photo.jpg")).formatName());
        assertEquals("TIFF", ImageDecoder.decode(fixture("photo.tif")).formatName());
        assertEquals("WebP", ImageDecoder.decode(fixture("photo.webp")).formatName());
        assertEquals("PNG", ImageDecoder.decode(fixture("photo.png")).formatName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cmyk.jpg", "cmyk.tif"})
    void convertsCmykToRgbAndSaysSo(String file) throws Exception {
        DecodedImage decoded = ImageDecoder.decode(fixture(file));

        // Through an ICC CMYK profile pure sRGB primaries come back only approximately.
        assertUprightPhoto(decoded.image(), 90);
        assertTrue(decoded.notices().stream().anyMatch(n -> n.contains("CMYK")), decoded.notices().toString());
    }

    @Test
    void scalesSixteenBitRgbToEightBitsExactly() throws Exception {
        DecodedImage decoded = ImageDecoder.decode(fixture("deep16.png"));

        assertUprightPhoto(decoded.image(), 0);
        assertTrue(decoded.notices().stream().anyMatch(n -> n.startsWith("16-bit")), decoded.notices().toString());
    }

    @Test
    void keepsSixteenBitGrayValuesGammaEncoded() throws Exception {
        // gray(50%) at 16 bits is 32768 (ImageMagick rounds 0.5 × 65535 up); 32768 × 255 / 65535 = 127.5 → 128.
        // Drawing it through Java2D's linear gray space would give about 188 instead.
        BufferedImage image = ImageDecoder.decode(fixture("gray16.png")).image();

        assertEquals(0xFF808080, image.getRGB(3, 3));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void appliesEveryExifOrientation(int orientation) throws Exception {
        BufferedImage upright = ImageIO.read(fixture("photo.png").toFile());
        BufferedImage stored = storedFor(upright, orientation);
        Path file = dir.resolve("oriented-" + orientation + ".jpg");
        Files.write(file, withExifOrientation(jpeg(stored), orientation));

        DecodedImage decoded = ImageDecoder.decode(file);

        assertEquals(32, decoded.width(), "width");
        assertEquals(16, decoded.height(), "height");
        assertUprightPhoto(decoded.image(), 40);
    }

    @Test
    void refusesAnEmptyFile() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.png"));

        ImageLoadException e = assertThrows(ImageLoadException.class, () -> ImageDecoder.decode(empty));

        assertEquals("empty.png is empty (0 bytes).", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"photo.png", "photo.jpg", "photo.webp", "photo.tif", "photo.gif"})
    void refusesATruncatedFile(String file) throws Exception {
        byte[] whole = Files.readAllBytes(fixture(file));
        Path cut = dir.resolve("cut-" + file);
        Files.write(cut, Arrays.copyOf(whole, whole.length * 2 / 3));

        ImageLoadException e = assertThrows(ImageLoadException.class, () -> ImageDecoder.decode(cut));

        assertTrue(e.getMessage().startsWith("cut-" + file + " is "), e.getMessage());
        assertTrue(e.getMessage().contains("truncated or damaged") || e.getMessage().contains("damaged"),
                e.getMessage());
    }

    @Test
    void refusesATextFileNamedPng() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.png"), "Remember to buy milk.\n");

        ImageLoadException e = assertThrows(ImageLoadException.class, () -> ImageDecoder.decode(text));

        assertEquals("notes.png is not an image: it contains text. Maskfill opens PNG, JPEG, BMP, GIF, TIFF or WebP"
                + " files.", e.getMessage());
    }

    @Test
    void refusesUnknownBinaryData() throws Exception {
        Path binary = Files.write(dir.resolve("data.jpg"), new byte[] {0, 1, 2, 3, 4, 5, 6, 7, (byte) 0xFE});

        ImageLoadException e = assertThrows(ImageLoadException.class, () -> ImageDecoder.decode(binary));

        assertTrue(e.getMessage().startsWith("data.jpg is not an image Maskfill can read."), e.getMessage());
    }

    @Test
    void refusesAHugeImageFromItsHeaderBeforeDecoding() throws Exception {
        Path huge = Files.write(dir.resolve("huge.png"), pngHeaderOnly(100_000, 100_000));

        ImageLoadException e = assertThrows(ImageLoadException.class, () -> ImageDecoder.decode(huge));

        assertEquals("huge.png is too large to open: it is 100000 × 100000 pixels; Maskfill opens images up to"
                + " 16384 pixels per side.", e.getMessage());
    }

    @Test
    void refusesTooManyMegapixelsWithinTheSideLimit() throws Exception {
        Path big = Files.write(dir.resolve("big.png"), pngHeaderOnly(16_000, 8_000));

        ImageLoadException e = assertThrows(ImageLoadException.class, () -> ImageDecoder.decode(big));

        assertTrue(e.getMessage().contains("128 megapixels"), e.getMessage());
        assertTrue(e.getMessage().contains("up to 120 megapixels"), e.getMessage());
    }

    @Test
    void refusesAMissingFileAndAFolder() {
        ImageLoadException missing = assertThrows(ImageLoadException.class,
                () -> ImageDecoder.decode(dir.resolve("nowhere.jpg")));
        ImageLoadException folder = assertThrows(ImageLoadException.class, () -> ImageDecoder.decode(dir));

        assertTrue(missing.getMessage().startsWith("nowhere.jpg does not exist"), missing.getMessage());
        assertTrue(folder.getMessage().endsWith("is a folder, not an image file."), folder.getMessage());
    }

    @Test
    void refusesAnUnreadableFile() throws Exception {
        Path locked = Files.copy(fixture("photo.png"), dir.resolve("locked.png"));
        boolean denied = locked.toFile().setReadable(false, false) && !Files.isReadable(locked);
        // root reads everything, so the refusal can only be seen as an ordinary user.
        org.junit.jupiter.api.Assumptions.assumeTrue(denied, "running as a user who can read any file");

        ImageLoadException e = assertThrows(ImageLoadException.class, () -> ImageDecoder.decode(locked));

        assertEquals("locked.png cannot be read: permission denied.", e.getMessage());
    }

    // --- helpers ---

    private static Path fixture(String name) throws Exception {
        return Path.of(ImageDecoderTest.class.getResource("/images/" + name).toURI());
    }

    /** Left half red, right half blue, green 8×8 block at the top-left: checked away from the edges. */
    private static void assertUprightPhoto(BufferedImage image, int tolerance) {
        assertColor(GREEN, image.getRGB(3, 3), tolerance, "top-left block");
        assertColor(RED, image.getRGB(10, 12), tolerance, "left half");
        assertColor(RED, image.getRGB(12, 4), tolerance, "left half, top");
        assertColor(BLUE, image.getRGB(26, 4), tolerance, "right half, top");
        assertColor(BLUE, image.getRGB(26, 12), tolerance, "right half, bottom");
    }

    private static void assertColor(int expected, int actual, int tolerance, String where) {
        for (int shift = 0; shift <= 24; shift += 8) {
            int e = expected >>> shift & 0xFF;
            int a = actual >>> shift & 0xFF;
            assertTrue(Math.abs(e - a) <= tolerance, where + ": expected " + Integer.toHexString(expected)
                    + " but was " + Integer.toHexString(actual));
        }
    }

    /**
     * The pixels a camera stores for an upright picture tagged with this orientation, drawn through Java2D
     * (independently of the decoder's index arithmetic): the inverse of the EXIF "how to show it" transform.
     */
    private static BufferedImage storedFor(BufferedImage upright, int orientation) throws Exception {
        // Stored-to-shown transforms of EXIF 1..8 (m00, m10, m01, m11), y pointing down.
        double[][] showing = {{1, 0, 0, 1}, {-1, 0, 0, 1}, {-1, 0, 0, -1}, {1, 0, 0, -1},
                {0, 1, 1, 0}, {0, 1, -1, 0}, {0, -1, -1, 0}, {0, -1, 1, 0}};
        double[] m = showing[orientation - 1];
        AffineTransform storing = new AffineTransform(m[0], m[1], m[2], m[3], 0, 0).createInverse();
        Rectangle2D bounds = storing.createTransformedShape(
                new Rectangle(0, 0, upright.getWidth(), upright.getHeight())).getBounds2D();
        AffineTransform placed = AffineTransform.getTranslateInstance(-bounds.getMinX(), -bounds.getMinY());
        placed.concatenate(storing);
        BufferedImage stored = new BufferedImage((int) bounds.getWidth(), (int) bounds.getHeight(),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = stored.createGraphics();
        g.drawImage(upright, placed, null);
        g.dispose();
        return stored;
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, "jpeg", out));
        return out.toByteArray();
    }

    /** Inserts a minimal big-endian EXIF APP1 segment (one IFD entry: Orientation) right after SOI. */
    private static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4);
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        byte[] exifId = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
        int length = 2 + exifId.length + tiff.capacity();
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 2 + length);
        out.put(jpeg, 0, 2);
        out.put((byte) 0xFF).put((byte) 0xE1).putShort((short) length).put(exifId).put(tiff.array());
        out.put(jpeg, 2, jpeg.length - 2);
        return out.array();
    }

    /** A PNG signature and IHDR chunk claiming the given size, with no pixel data. */
    private static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(4 + 13);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + ihdr.capacity() + 4);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        png.putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
        return png.array();
    }
}
