package com.maskfill.app.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.engine.api.pipeline.Region;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The layered export read back as Krita or GIMP would read it: the OpenRaster container, its stack and layers. */
class OraExportTest {

    private static final int W = 300;
    private static final int H = 200;

    @TempDir
    Path dir;

    private static BufferedImage solid(int w, int h, int argb) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, argb);
            }
        }
        return image;
    }

    @Test
    void theFileIsAnOpenRasterStackOfPhotoResultsAndAHiddenMask() throws Exception {
        byte[] mask = new byte[W * H];
        mask[50 * W + 60] = (byte) 255;
        Region crop = new Region(40, 30, 64, 48);
        Provenance provenance = new Provenance("a <red> & \"blue\" boat", 42, 28, 30, "test", "Test", null, null,
                null, null, null, null, crop, Instant.parse("2026-12-02T20:00:00Z"), List.of());
        ResultLayer first = new ResultLayer(UUID.randomUUID(), crop, solid(64, 48, 0x80FF0000), 42L);
        ResultLayer second = new ResultLayer(UUID.randomUUID(), crop, solid(64, 48, 0xFF0000FF), 43L);
        ResultGroup group = new ResultGroup(UUID.randomUUID(), provenance, new byte[64 * 48], List.of(first, second));
        Path file = dir.resolve("boat.ora");

        OraExport.write(file, solid(W, H, 0xFF00FF00), mask, List.of(group), second);

        // mimetype: the first entry, stored, exactly the media type
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(file))) {
            ZipEntry entry = in.getNextEntry();
            assertEquals("mimetype", entry.getName());
            assertEquals(ZipEntry.STORED, entry.getMethod());
            assertEquals("image/openraster", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        }
        byte[] raw = Files.readAllBytes(file);
        assertEquals("mimetypeimage/openraster", new String(raw, 30, 24, StandardCharsets.US_ASCII),
                "readable at the fixed offset file(1) looks at");

        try (ZipFile zip = new ZipFile(file.toFile())) {
            Element image = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(zip.getInputStream(zip.getEntry("stack.xml"))).getDocumentElement();
            assertEquals("image", image.getTagName());
            assertEquals(Integer.toString(W), image.getAttribute("w"));
            assertEquals(Integer.toString(H), image.getAttribute("h"));
            NodeList nodes = image.getElementsByTagName("layer");
            List<Element> layers = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                layers.add((Element) nodes.item(i));
            }
            assertEquals(4, layers.size(), "mask, two results, photo");

            Element maskLayer = layers.get(0);
            assertEquals("hidden", maskLayer.getAttribute("visibility"), "the mask is there but hidden");
            BufferedImage maskPng = png(zip, maskLayer.getAttribute("src"));
            assertEquals(W, maskPng.getWidth());
            assertEquals(255, maskPng.getRaster().getSample(60, 50, 0));
            assertEquals(0, maskPng.getRaster().getSample(61, 50, 0));

            Element top = layers.get(1);
            assertTrue(top.getAttribute("name").contains("a <red> & \"blue\" boat") && top.getAttribute("name")
                    .contains("seed 43"), "names survive XML escaping: " + top.getAttribute("name"));
            assertEquals("visible", top.getAttribute("visibility"), "the result shown in Maskfill");
            assertEquals("hidden", layers.get(2).getAttribute("visibility"));
            for (Element result : layers.subList(1, 3)) {
                assertEquals("40", result.getAttribute("x"));
                assertEquals("30", result.getAttribute("y"));
                BufferedImage pixels = png(zip, result.getAttribute("src"));
                assertEquals(64, pixels.getWidth());
                assertEquals(48, pixels.getHeight());
            }
            assertEquals(0x80, png(zip, layers.get(2).getAttribute("src")).getRGB(0, 0) >>> 24,
                    "a result keeps its blend weight as alpha");

            Element photo = layers.get(3);
            assertEquals("visible", photo.getAttribute("visibility"));
            assertEquals(0xFF00FF00, png(zip, photo.getAttribute("src")).getRGB(0, 0));

            BufferedImage merged = png(zip, "mergedimage.png");
            assertEquals(W, merged.getWidth());
            assertEquals(0xFF0000FF, merged.getRGB(50, 40), "the merged image shows the visible result");
            assertEquals(0xFF00FF00, merged.getRGB(5, 5));
            BufferedImage thumbnail = png(zip, "Thumbnails/thumbnail.png");
            assertEquals(256, thumbnail.getWidth(), "at most 256 px on the long side");
            assertEquals(171, thumbnail.getHeight());
        }
    }

    private static BufferedImage png(ZipFile zip, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        assertNotNull(entry, name);
        try (InputStream in = zip.getInputStream(entry)) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(in.readAllBytes()));
            assertNotNull(image, name + " decodes");
            return image;
        }
    }
}
