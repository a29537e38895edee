package com.maskfill.app.project;

import com.maskfill.app.io.AtomicFiles;
import com.maskfill.engine.api.pipeline.PasteBack;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes the work as a layered OpenRaster file ({@code .ora}), which Krita, GIMP and MyPaint open: the photo at the
 * bottom, every result still in the history above it as a layer of its own at its crop (with the blend weight as
 * alpha, so it lies over the photo as Apply would put it), and the mask on top as a hidden layer. The result on
 * screen is the visible one; the others are hidden, so the picture opens looking as it did in Maskfill.
 *
 * <p>The container follows the OpenRaster 0.0.5 spec: {@code mimetype} first and stored, {@code stack.xml} (first
 * layer on top), the layers as PNG under {@code data/}, {@code mergedimage.png} (what the visible layers give) and
 * {@code Thumbnails/thumbnail.png} (at most 256 px on its long side).
 */
public final class OraExport {

    public static final String EXTENSION = ".ora";
    static final String MIMETYPE = "image/openraster";
    static final int THUMBNAIL_SIDE = 256;

    private OraExport() {
    }

    /**
     * @param photo  the photo as it is now (applied results included)
     * @param mask   8-bit, one byte per photo pixel
     * @param groups every result group still in the history, oldest first
     * @param shown  the result on screen, or null
     */
    public static void write(Path target, BufferedImage photo, byte[] mask, List<ResultGroup> groups,
                             ResultLayer shown) throws IOException {
        AtomicFiles.write(target, temp -> {
            try (OutputStream file = Files.newOutputStream(temp); ZipOutputStream zip = new ZipOutputStream(file)) {
                write(zip, photo, mask, groups, shown);
            }
        });
    }

    private record Layer(String name, String src, int x, int y, boolean visible) {
    }

    private static void write(ZipOutputStream zip, BufferedImage photo, byte[] mask, List<ResultGroup> groups,
                              ResultLayer shown) throws IOException {
        putMimetype(zip);
        int w = photo.getWidth();
        int h = photo.getHeight();
        List<Layer> stack = new ArrayList<>(); // top first, as stack.xml lists them
        putPng(zip, "data/mask.png", gray(mask, w, h));
        stack.add(new Layer("Mask (white = regenerate)", "data/mask.png", 0, 0, false));
        for (int g = groups.size() - 1; g >= 0; g--) {
            ResultGroup group = groups.get(g);
            for (int i = group.layers().size() - 1; i >= 0; i--) {
                ResultLayer layer = group.layers().get(i);
                String src = "data/result-" + layer.id() + ".png";
                putPng(zip, src, layer.pixels());
                stack.add(new Layer(name(group, layer, i), src, layer.region().x(), layer.region().y(),
                        layer.equals(shown)));
            }
        }
        putPng(zip, "data/photo.png", photo);
        stack.add(new Layer("Photo", "data/photo.png", 0, 0, true));

        put(zip, "stack.xml", stackXml(w, h, stack));
        BufferedImage merged = copy(photo);
        if (shown != null) {
            PasteBack.blendInto(merged, shown.region(), shown.pixels());
        }
        putPng(zip, "mergedimage.png", merged);
        putPng(zip, "Thumbnails/thumbnail.png", thumbnail(merged));
    }

    private static String name(ResultGroup group, ResultLayer layer, int index) {
        long seed = layer.seed().orElse(group.provenance().seed());
        String prompt = group.provenance().prompt();
        return "Result " + (index + 1) + ": " + (prompt.length() > 60 ? prompt.substring(0, 60) + "…" : prompt)
                + " (seed " + seed + ")";
    }

    /** The spec asks for {@code mimetype} as the first entry, uncompressed, so the file type shows at byte 38. */
    private static void putMimetype(ZipOutputStream zip) throws IOException {
        byte[] bytes = MIMETYPE.getBytes(StandardCharsets.US_ASCII);
        ZipEntry entry = new ZipEntry("mimetype");
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        entry.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }

    private static byte[] stackXml(int w, int h, List<Layer> stack) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("image");
            xml.writeAttribute("version", "0.0.5");
            xml.writeAttribute("w", Integer.toString(w));
            xml.writeAttribute("h", Integer.toString(h));
            xml.writeStartElement("stack");
            for (Layer layer : stack) {
                xml.writeEmptyElement("layer");
                xml.writeAttribute("name", layer.name());
                xml.writeAttribute("src", layer.src());
                xml.writeAttribute("x", Integer.toString(layer.x()));
                xml.writeAttribute("y", Integer.toString(layer.y()));
                xml.writeAttribute("opacity", "1.0");
                xml.writeAttribute("visibility", layer.visible() ? "visible" : "hidden");
            }
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write stack.xml: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    private static void putPng(ZipOutputStream zip, String name, BufferedImage image) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", png)) {
            throw new IOException("no PNG writer for " + name);
        }
        put(zip, name, png.toByteArray());
    }

    private static BufferedImage gray(byte[] pixels, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        System.arraycopy(pixels, 0, ((DataBufferByte) image.getRaster().getDataBuffer()).getData(), 0,
                pixels.length);
        return image;
    }

    private static BufferedImage copy(BufferedImage photo) {
        BufferedImage out = new BufferedImage(photo.getWidth(), photo.getHeight(), BufferedImage.TYPE_INT_ARGB);
        out.setData(photo.getRaster());
        return out;
    }

    private static BufferedImage thumbnail(BufferedImage merged) {
        double scale = Math.min(1.0, (double) THUMBNAIL_SIDE / Math.max(merged.getWidth(), merged.getHeight()));
        int tw = Math.max(1, (int) Math.round(merged.getWidth() * scale));
        int th = Math.max(1, (int) Math.round(merged.getHeight() * scale));
        BufferedImage thumb = new BufferedImage(tw, th, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = thumb.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(merged, 0, 0, tw, th, null);
        g.dispose();
        return thumb;
    }
}
