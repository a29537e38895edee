package com.maskfill.app.project;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.maskfill.app.Version;
import com.maskfill.app.io.AtomicFiles;
import com.maskfill.engine.api.pipeline.Region;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/**
 * Reads and writes {@code .maskfill} projects: a zip holding {@code project.json} (settings, provenance, history
 * order, schema version), the photo and the mask as PNG, and every result layer as a PNG of its region.
 *
 * <p>Saving goes through {@link AtomicFiles}, so a crash or a full disk during a save leaves the previous project
 * as it was.
 */
public final class ProjectFile {

    /**
     * 2: a layer is the output with its blend weight as alpha (see {@link ResultLayer}). 1: a layer was the output
     * already blended into the photo over its whole crop; still read (see {@link ResultLayer#fromBlendedCrop}).
     */
    public static final int SCHEMA_VERSION = 2;
    public static final String EXTENSION = ".maskfill";

    private static final String JSON = "project.json";
    private static final String IMAGE = "image.png";
    private static final String MASK = "mask.png";
    /** Refuse absurd entries before reading them into memory: a project is photos, not gigabytes of JSON. */
    private static final long MAX_ENTRY_BYTES = 1L << 31;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ProjectFile() {
    }

    // --- saving ---

    public static void save(Project project, Path target) throws IOException {
        AtomicFiles.write(target, temp -> {
            try (OutputStream file = Files.newOutputStream(temp); ZipOutputStream zip = new ZipOutputStream(file)) {
                write(project, zip);
            }
        });
    }

    private static void write(Project project, ZipOutputStream zip) throws IOException {
        int w = project.image().getWidth();
        int h = project.image().getHeight();
        List<GroupJson> groups = new ArrayList<>();
        for (ResultGroup group : project.groups()) {
            String folder = "groups/" + group.id() + "/";
            Region crop = group.provenance().crop();
            putPng(zip, folder + MASK, gray(group.maskInCrop(), crop.width(), crop.height()));
            List<LayerJson> layers = new ArrayList<>();
            for (ResultLayer layer : group.layers()) {
                String name = folder + layer.id() + ".png";
                putPng(zip, name, layer.pixels());
                layers.add(new LayerJson(layer.id(), name, RegionJson.of(layer.region())));
            }
            groups.add(new GroupJson(group.id(), ProvenanceJson.of(group.provenance()), folder + MASK, layers));
        }
        ProjectJson json = new ProjectJson(SCHEMA_VERSION, "Maskfill " + Version.get(), IMAGE, w, h, MASK,
                project.settings(), groups);
        zip.putNextEntry(new ZipEntry(JSON));
        zip.write(MAPPER.writeValueAsBytes(json));
        zip.closeEntry();
        putPng(zip, IMAGE, project.image());
        putPng(zip, MASK, gray(project.mask(), w, h));
    }

    private static void putPng(ZipOutputStream zip, String name, BufferedImage image) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        if (!ImageIO.write(image, "png", new NonClosing(zip))) {
            throw new IOException("no PNG writer for " + name);
        }
        zip.closeEntry();
    }

    private static BufferedImage gray(byte[] pixels, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(pixels, 0, data, 0, pixels.length);
        return image;
    }

    /**
     * Adds a job's results to a project as a new group of layers, creating the project (with this photo, mask and
     * settings) when the file does not exist yet.
     *
     * @throws IllegalArgumentException when the project holds another photo (a different size)
     */
    public static void append(Path file, BufferedImage image, byte[] mask, JobSettings settings, ResultGroup group)
            throws IOException {
        Project updated;
        if (Files.exists(file)) {
            Project existing = load(file);
            if (existing.image().getWidth() != image.getWidth() || existing.image().getHeight() != image.getHeight()) {
                throw new IllegalArgumentException("the project's photo is " + existing.image().getWidth() + " × "
                        + existing.image().getHeight() + " but this photo is " + image.getWidth() + " × "
                        + image.getHeight() + "; results can only join a project of the same photo.");
            }
            List<ResultGroup> groups = new ArrayList<>(existing.groups());
            groups.add(group);
            updated = existing.withGroups(groups);
        } else {
            updated = new Project(image, mask, settings, List.of(group));
        }
        save(updated, file);
    }

    // --- loading ---

    public static Project load(Path file) throws ProjectFileException {
        String name = String.valueOf(file.getFileName());
        Map<String, byte[]> entries = readEntries(file, name);
        byte[] jsonBytes = entries.get(JSON);
        if (jsonBytes == null) {
            throw new ProjectFileException(name + " is not a Maskfill project: it has no " + JSON + ".");
        }
        ProjectJson json;
        try {
            json = MAPPER.readValue(jsonBytes, ProjectJson.class);
        } catch (IOException e) {
            throw new ProjectFileException(name + " is damaged: its " + JSON + " cannot be read ("
                    + (e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage()) + ").", e);
        }
        if (json.schemaVersion() > SCHEMA_VERSION) {
            throw new ProjectFileException(name + " was saved by a newer Maskfill (project format "
                    + json.schemaVersion() + "); this version reads format " + SCHEMA_VERSION + ". Update Maskfill.");
        }
        BufferedImage image = argb(readPng(entries, json.image(), name));
        if (image.getWidth() != json.width() || image.getHeight() != json.height()) {
            throw new ProjectFileException(name + " is damaged: its photo is " + image.getWidth() + "×"
                    + image.getHeight() + " but the project says " + json.width() + "×" + json.height() + ".");
        }
        byte[] mask = grayBytes(readPng(entries, json.mask(), name), json.width(), json.height(), json.mask(), name);
        List<ResultGroup> groups = new ArrayList<>();
        for (GroupJson g : json.groups() == null ? List.<GroupJson>of() : json.groups()) {
            Provenance provenance = g.provenance().toProvenance();
            Region crop = provenance.crop();
            byte[] maskInCrop = grayBytes(readPng(entries, g.mask(), name), crop.width(), crop.height(), g.mask(),
                    name);
            List<ResultLayer> layers = new ArrayList<>();
            for (LayerJson l : g.layers()) {
                BufferedImage pixels = argb(readPng(entries, l.file(), name));
                try {
                    layers.add(json.schemaVersion() < 2
                            ? ResultLayer.fromBlendedCrop(l.id(), l.region().toRegion(), pixels, maskInCrop)
                            : new ResultLayer(l.id(), l.region().toRegion(), pixels));
                } catch (IllegalArgumentException e) {
                    throw new ProjectFileException(name + " is damaged: layer " + l.file() + ": " + e.getMessage(), e);
                }
            }
            groups.add(new ResultGroup(g.id(), provenance, maskInCrop, layers));
        }
        JobSettings settings = json.settings() == null ? JobSettings.DEFAULTS : json.settings();
        return new Project(image, mask, settings, groups);
    }

    private static Map<String, byte[]> readEntries(Path file, String name) throws ProjectFileException {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                byte[] data = zip.readNBytes((int) Math.min(MAX_ENTRY_BYTES, Integer.MAX_VALUE - 8));
                if (zip.read() != -1) {
                    throw new ProjectFileException(name + " is damaged: entry " + entry.getName() + " is too large.");
                }
                entries.put(entry.getName(), data);
            }
        } catch (NoSuchFileException e) {
            throw new ProjectFileException(name + " does not exist (" + file.toAbsolutePath() + ").", e);
        } catch (ProjectFileException e) {
            throw e;
        } catch (IOException e) {
            throw new ProjectFileException(name + " is not a Maskfill project or is damaged (" + e.getMessage()
                    + ").", e);
        }
        if (entries.isEmpty()) {
            throw new ProjectFileException(name + " is not a Maskfill project: it is empty or not a zip archive.");
        }
        return entries;
    }

    private static BufferedImage readPng(Map<String, byte[]> entries, String entry, String name)
            throws ProjectFileException {
        byte[] data = entry == null ? null : entries.get(entry);
        if (data == null) {
            throw new ProjectFileException(name + " is damaged: " + entry + " is missing.");
        }
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(data));
            if (image == null) {
                throw new ProjectFileException(name + " is damaged: " + entry + " is not a PNG image.");
            }
            return image;
        } catch (IOException e) {
            throw new ProjectFileException(name + " is damaged: " + entry + " cannot be decoded.", e);
        }
    }

    private static BufferedImage argb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_ARGB) {
            return image;
        }
        BufferedImage argb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_ARGB);
        int[] row = new int[image.getWidth()];
        for (int y = 0; y < image.getHeight(); y++) {
            image.getRGB(0, y, image.getWidth(), 1, row, 0, image.getWidth());
            argb.setRGB(0, y, image.getWidth(), 1, row, 0, image.getWidth());
        }
        return argb;
    }

    private static byte[] grayBytes(BufferedImage image, int width, int height, String entry, String name)
            throws ProjectFileException {
        if (image.getWidth() != width || image.getHeight() != height
                || image.getRaster().getNumBands() != 1 || image.getColorModel().getComponentSize(0) != 8) {
            throw new ProjectFileException(name + " is damaged: " + entry + " is not an 8-bit " + width + "×"
                    + height + " mask.");
        }
        byte[] out = new byte[width * height];
        image.getRaster().getDataElements(0, 0, width, height, out);
        return out;
    }

    /** ImageIO closes the stream it writes to; a zip entry must stay open for the next one. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    // --- JSON shapes (schema version 1) ---

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ProjectJson(int schemaVersion, String app, String image, int width, int height, String mask,
                       JobSettings settings, List<GroupJson> groups) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record GroupJson(UUID id, ProvenanceJson provenance, String mask, List<LayerJson> layers) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record LayerJson(UUID id, String file, RegionJson region) {
    }

    /** Written field by field so the file format does not follow changes of engine-api's Region. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record RegionJson(int x, int y, int width, int height) {

        static RegionJson of(Region r) {
            return new RegionJson(r.x(), r.y(), r.width(), r.height());
        }

        Region toRegion() {
            return new Region(x, y, width, height);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ProvenanceJson(String prompt, long seed, int steps, double guidance, String engineId, String engineName,
                          String providerJobId, String costAmount, String costUnit, Long queueMs, Long inferenceMs,
                          Long totalMs, RegionJson crop, String created) {

        static ProvenanceJson of(Provenance p) {
            return new ProvenanceJson(p.prompt(), p.seed(), p.steps(), p.guidance(), p.engineId(), p.engineName(),
                    p.providerJobId(), p.costAmount(), p.costUnit(), p.queueMs(), p.inferenceMs(), p.totalMs(),
                    RegionJson.of(p.crop()), p.created() == null ? null : p.created().toString());
        }

        Provenance toProvenance() {
            return new Provenance(prompt, seed, steps, guidance, engineId, engineName, providerJobId, costAmount,
                    costUnit, queueMs, inferenceMs, totalMs, crop.toRegion(),
                    created == null ? null : Instant.parse(created));
        }
    }
}
