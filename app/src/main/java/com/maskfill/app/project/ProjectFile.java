package com.maskfill.app.project;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.maskfill.app.Version;
import com.maskfill.app.io.AtomicFiles;
import com.maskfill.engine.api.image.ImageLimits;
import com.maskfill.engine.api.pipeline.Region;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Reads and writes {@code .maskfill} projects: a zip holding {@code project.json} (settings, provenance, history
 * order, schema version), the photo and the mask as PNG, and every result layer as a PNG of its region.
 *
 * <p>Saving goes through {@link AtomicFiles}, so a crash or a full disk during a save leaves the previous project
 * as it was.
 */
public final class ProjectFile {

    public static final int SCHEMA_VERSION = 1;
    public static final String EXTENSION = ".maskfill";

    private static final String JSON = "project.json";
    private static final String IMAGE = "image.png";
    private static final String MASK = "mask.png";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ProjectFile() {
    }

    // --- saving ---

    public static void save(Project project, Path target) throws IOException {
        save(project, target, null);
    }

    /**
     * As {@link #save(Project, Path)}, with the photo's entry copied from {@code photoFrom}, a project this class
     * wrote with the same photo, instead of encoding {@code project.image()} again: only the image's size is read,
     * so it may be the photo on screen rather than a copy. Autosave uses it while only the mask or the results
     * changed. Null {@code photoFrom} encodes the photo.
     *
     * @throws IOException when {@code photoFrom} has no photo of that size
     */
    public static void save(Project project, Path target, Path photoFrom) throws IOException {
        AtomicFiles.write(target, temp -> {
            try (OutputStream file = Files.newOutputStream(temp); ZipOutputStream zip = new ZipOutputStream(file)) {
                write(project, zip, photoFrom);
            }
        });
    }

    private static void write(Project project, ZipOutputStream zip, Path photoFrom) throws IOException {
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
        if (photoFrom == null) {
            putPng(zip, IMAGE, project.image());
        } else {
            copyPhoto(photoFrom, zip, w, h);
        }
        putPng(zip, MASK, gray(project.mask(), w, h));
    }

    /** The photo's PNG bytes as they are, stored (a PNG does not shrink when deflated again). */
    private static void copyPhoto(Path from, ZipOutputStream zip, int width, int height) throws IOException {
        try (ZipFile previous = new ZipFile(from.toFile())) {
            ZipEntry entry = previous.getEntry(IMAGE);
            if (entry == null || entry.getSize() < 0 || entry.getCrc() < 0) {
                throw new IOException(from.getFileName() + " has no photo to carry over");
            }
            try (InputStream in = previous.getInputStream(entry)) {
                byte[] header = in.readNBytes(PNG_HEADER);
                if (header.length < PNG_HEADER || pngWidth(header) != width || pngHeight(header) != height) {
                    throw new IOException(from.getFileName() + " holds another photo than " + width + "×" + height);
                }
                ZipEntry copy = new ZipEntry(IMAGE);
                copy.setMethod(ZipEntry.STORED);
                copy.setSize(entry.getSize());
                copy.setCompressedSize(entry.getSize());
                copy.setCrc(entry.getCrc());
                zip.putNextEntry(copy);
                zip.write(header);
                in.transferTo(zip);
                zip.closeEntry();
            }
        }
    }

    /** The signature and the IHDR chunk's width and height: bytes 16–23 of every PNG. */
    private static final int PNG_HEADER = 24;

    private static long pngWidth(byte[] header) {
        return ByteBuffer.wrap(header, 16, 4).getInt() & 0xFFFFFFFFL;
    }

    private static long pngHeight(byte[] header) {
        return ByteBuffer.wrap(header, 20, 4).getInt() & 0xFFFFFFFFL;
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
     * @throws ProjectFileException when the project is damaged or holds another photo (a different size)
     */
    public static void append(Path file, BufferedImage image, byte[] mask, JobSettings settings, ResultGroup group)
            throws IOException {
        Project updated;
        if (Files.exists(file)) {
            Project existing = load(file);
            checkSamePhoto(existing, image);
            List<ResultGroup> groups = new ArrayList<>(existing.groups());
            groups.add(group);
            updated = existing.withGroups(groups);
        } else {
            updated = new Project(image, mask, settings, List.of(group));
        }
        save(updated, file);
    }

    /** Refuses results of another photo (a different size) for {@code project}. */
    public static void checkSamePhoto(Project project, BufferedImage image) throws ProjectFileException {
        if (project.image().getWidth() != image.getWidth() || project.image().getHeight() != image.getHeight()) {
            throw new ProjectFileException("the project's photo is " + project.image().getWidth() + " × "
                    + project.image().getHeight() + " but this photo is " + image.getWidth() + " × "
                    + image.getHeight() + "; results can only join a project of the same photo.");
        }
    }

    // --- loading ---

    /**
     * Reads a project, refusing what does not fit: more than {@value #MAX_ENTRIES} entries, a {@code project.json}
     * over {@value #MAX_JSON_BYTES} bytes, a PNG larger than its pixels can need or whose header claims a size other
     * than the JSON's, a photo over {@link ImageLimits}, more than {@value #MAX_TOTAL_BYTES} bytes in all, layers
     * outside the photo, missing or malformed fields. Only the entries the JSON names are read. Every problem is
     * a {@link ProjectFileException} naming the file.
     */
    public static Project load(Path file) throws ProjectFileException {
        String name = String.valueOf(file.getFileName());
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return new Reader(zip, name).project();
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw new ProjectFileException(name + " does not exist (" + file.toAbsolutePath() + ").", e);
        } catch (ProjectFileException e) {
            throw e;
        } catch (ZipException e) {
            throw new ProjectFileException(name + " is not a Maskfill project: it is empty or not a zip archive.", e);
        } catch (IOException e) {
            throw new ProjectFileException(name + " is not a Maskfill project or is damaged (" + e.getMessage()
                    + ").", e);
        } catch (RuntimeException e) {
            // Whatever else the content breaks (a value no record accepts), the user hears it is damaged.
            throw new ProjectFileException(name + " is damaged: " + e.getMessage(), e);
        }
    }

    static final int MAX_ENTRIES = 10_000;
    static final long MAX_JSON_BYTES = 16L << 20;
    static final long MAX_TOTAL_BYTES = 4L << 30;

    /** One project being read: counts what it inflates against the limits. */
    private static final class Reader {
        private final ZipFile zip;
        private final String name;
        private long total;

        Reader(ZipFile zip, String name) {
            this.zip = zip;
            this.name = name;
        }

        Project project() throws IOException {
            if (zip.size() == 0) {
                throw new ProjectFileException(name + " is not a Maskfill project: it is empty or not a zip archive.");
            }
            if (zip.size() > MAX_ENTRIES) {
                throw damaged("it has " + zip.size() + " entries; a project has at most " + MAX_ENTRIES);
            }
            if (zip.getEntry(JSON) == null) {
                throw new ProjectFileException(name + " is not a Maskfill project: it has no " + JSON + ".");
            }
            ProjectJson json;
            try {
                json = MAPPER.readValue(bytes(JSON, MAX_JSON_BYTES), ProjectJson.class);
            } catch (ProjectFileException e) {
                throw e;
            } catch (IOException e) {
                throw new ProjectFileException(name + " is damaged: its " + JSON + " cannot be read ("
                        + (e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage()) + ").", e);
            }
            if (json == null || json.schemaVersion() == null) {
                throw damaged("its " + JSON + " has no schemaVersion");
            }
            if (json.schemaVersion() > SCHEMA_VERSION) {
                throw new ProjectFileException(name + " was saved by a newer Maskfill (project format "
                        + json.schemaVersion() + "); this version reads format " + SCHEMA_VERSION
                        + ". Update Maskfill.");
            }
            if (json.schemaVersion() < 1) {
                throw damaged("its schemaVersion " + json.schemaVersion() + " is not a project format");
            }
            int w = json.width();
            int h = json.height();
            String refused = ImageLimits.whyRefused(w, h);
            if (refused != null) {
                throw damaged("its photo cannot be opened: " + refused);
            }
            BufferedImage image = argb(png(json.image(), w, h));
            byte[] mask = grayBytes(png(json.mask(), w, h), w, h, json.mask());
            List<ResultGroup> groups = new ArrayList<>();
            for (GroupJson g : json.groups() == null ? List.<GroupJson>of() : json.groups()) {
                groups.add(group(g, w, h));
            }
            JobSettings settings = json.settings() == null ? JobSettings.DEFAULTS : json.settings();
            if (settings.prompt() == null) {
                settings = new JobSettings("", settings.steps(), settings.guidance(), settings.seed(),
                        settings.seedLocked(), settings.imageCount(), settings.engineId());
            }
            return new Project(image, mask, settings, groups);
        }

        private ResultGroup group(GroupJson g, int w, int h) throws IOException {
            if (g == null || g.id() == null || g.provenance() == null || g.provenance().crop() == null
                    || g.layers() == null) {
                throw damaged("a job's results lack their id, provenance, area or layers");
            }
            Provenance provenance;
            try {
                provenance = g.provenance().toProvenance();
            } catch (DateTimeParseException e) {
                throw damaged("job " + g.id() + " has the date \"" + g.provenance().created()
                        + "\", which is not a date and time");
            }
            Region crop = provenance.crop();
            if (ImageLimits.whyRefused(crop.width(), crop.height()) != null) {
                throw damaged("job " + g.id() + " has the area " + crop);
            }
            byte[] maskInCrop = grayBytes(png(g.mask(), crop.width(), crop.height()), crop.width(), crop.height(),
                    g.mask());
            List<ResultLayer> layers = new ArrayList<>();
            for (LayerJson l : g.layers()) {
                if (l == null || l.id() == null || l.region() == null) {
                    throw damaged("a layer of job " + g.id() + " lacks its id or area");
                }
                Region r = l.region().toRegion();
                if (r.width() <= 0 || r.height() <= 0 || r.x() < 0 || r.y() < 0
                        || (long) r.x() + r.width() > w || (long) r.y() + r.height() > h) {
                    throw damaged("layer " + l.file() + " covers " + r + ", outside the " + w + "×" + h + " photo");
                }
                layers.add(new ResultLayer(l.id(), r, argb(png(l.file(), r.width(), r.height()))));
            }
            return new ResultGroup(g.id(), provenance, maskInCrop, layers);
        }

        /** A PNG entry of the given size: its header is checked before any pixel is decoded. */
        private BufferedImage png(String entry, int width, int height) throws IOException {
            // 16-bit RGBA with a filter byte per row, stored uncompressed, is the most a PNG of this size needs.
            long budget = 8L * width * height + 2L * height + (1 << 20);
            byte[] data = bytes(entry, budget);
            ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
            try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w != width || h != height) {
                    throw damaged(entry + " is " + w + "×" + h + " but the project says " + width + "×" + height);
                }
                return reader.read(0);
            } catch (ProjectFileException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw new ProjectFileException(name + " is damaged: " + entry + " is not a PNG image that can be "
                        + "decoded.", e);
            } finally {
                reader.dispose();
            }
        }

        /** An entry's bytes, refused as soon as it inflates past {@code limit} or the project's total. */
        private byte[] bytes(String entry, long limit) throws IOException {
            ZipEntry found = entry == null ? null : zip.getEntry(entry);
            if (found == null) {
                throw damaged(entry + " is missing");
            }
            long cap = Math.min(limit, Integer.MAX_VALUE - 8);
            try (InputStream in = zip.getInputStream(found)) {
                byte[] data = in.readNBytes((int) cap);
                if (in.read() != -1) {
                    throw damaged("entry " + entry + " is too large");
                }
                total += data.length;
                if (total > MAX_TOTAL_BYTES) {
                    throw damaged("it holds more than " + (MAX_TOTAL_BYTES >> 30) + " GiB");
                }
                return data;
            }
        }

        private byte[] grayBytes(BufferedImage image, int width, int height, String entry)
                throws ProjectFileException {
            if (image.getRaster().getNumBands() != 1 || image.getColorModel().getComponentSize(0) != 8) {
                throw damaged(entry + " is not an 8-bit " + width + "×" + height + " mask");
            }
            byte[] out = new byte[width * height];
            image.getRaster().getDataElements(0, 0, width, height, out);
            return out;
        }

        private ProjectFileException damaged(String why) {
            return new ProjectFileException(name + " is damaged: " + why + ".");
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
    record ProjectJson(Integer schemaVersion, String app, String image, int width, int height, String mask,
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
