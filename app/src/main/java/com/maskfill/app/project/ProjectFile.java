package com.maskfill.app.project;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.maskfill.app.Version;
import com.maskfill.app.io.AtomicFiles;
import com.maskfill.engine.api.pipeline.Region;
import com.maskfill.engine.api.request.Lora;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
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

    static final String JSON = "project.json";
    static final String IMAGE = "image.png";
    static final String MASK = "mask.png";
    /** The signature and the IHDR chunk's width and height: bytes 16–23 of every PNG. */
    private static final int PNG_HEADER = 24;

    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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
        save(project, target, photoFrom, Notes.NONE);
    }

    /**
     * What the editor notes about the work beside the project itself.
     *
     * @param origin        the project file or photo the work belongs to: a recovery file keeps it, so restored work
     *                      is saved where it came from; null when the work has no file (pasted) or for a project
     *                      the user saved
     * @param lastJobNumber the highest job number given so far, so numbers continue when the project is reopened
     *                      (0: none)
     */
    public record Notes(Path origin, long lastJobNumber) {
        public static final Notes NONE = new Notes(null, 0);
    }

    /** As {@link #save(Project, Path, Path)}, with the editor's {@code notes} ({@link #notes(Path)} reads them). */
    public static void save(Project project, Path target, Path photoFrom, Notes notes) throws IOException {
        AtomicFiles.write(target, temp -> {
            try (OutputStream file = Files.newOutputStream(temp); ZipOutputStream zip = new ZipOutputStream(file)) {
                write(project, zip, photoFrom, notes);
            }
        });
    }

    /** The notes {@link #save(Project, Path, Path, Notes)} wrote; {@link Notes#NONE}'s values where absent. */
    public static Notes notes(Path file) throws ProjectFileException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ProjectJson json = new ProjectFileReader(zip, String.valueOf(file.getFileName())).json();
            String origin = json.origin();
            return new Notes(origin == null || origin.isBlank() ? null : Path.of(origin),
                    json.lastJobNumber() == null ? 0 : Math.max(0, json.lastJobNumber()));
        } catch (ProjectFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ProjectFileException(file.getFileName() + " is not a Maskfill project or is damaged ("
                    + e.getMessage() + ").", e);
        }
    }

    private static void write(Project project, ZipOutputStream zip, Path photoFrom, Notes notes) throws IOException {
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
                layers.add(new LayerJson(layer.id(), name, RegionJson.of(layer.region()),
                        layer.seed().isPresent() ? layer.seed().getAsLong() : null, layer.colorMatched(),
                        layer.favourite() ? Boolean.TRUE : null));
            }
            groups.add(new GroupJson(group.id(), ProvenanceJson.of(group.provenance()), folder + MASK, layers));
        }
        ProjectJson json = new ProjectJson(SCHEMA_VERSION, "Maskfill " + Version.get(), IMAGE, w, h, MASK,
                project.settings(), groups, notes.origin() == null ? null : notes.origin().toAbsolutePath().toString(),
                notes.lastJobNumber() > 0 ? notes.lastJobNumber() : null);
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
     * Reads a project within the limits {@link ProjectFileReader} sets; every problem, whatever the content breaks,
     * is a {@link ProjectFileException} naming the file.
     */
    public static Project load(Path file) throws ProjectFileException {
        String name = String.valueOf(file.getFileName());
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return new ProjectFileReader(zip, name).project();
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

    static BufferedImage argb(BufferedImage image) {
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
    /**
     * @param origin        the file the work belongs to (recovery files); absent in a project the user saved
     * @param lastJobNumber the editor's highest job number; absent when none ran (and in older files)
     */
    record ProjectJson(Integer schemaVersion, String app, String image, int width, int height, String mask,
                       JobSettings settings, List<GroupJson> groups, String origin, Long lastJobNumber) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record GroupJson(UUID id, ProvenanceJson provenance, String mask, List<LayerJson> layers) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    /**
     * @param seed         the image's own seed ({@link ResultLayer#seed()}); absent when unknown and in older files
     * @param colorMatched absent in projects from before colour matching: read as not matched
     * @param favourite    true when starred; absent otherwise and in projects from before the variation board
     */
    record LayerJson(UUID id, String file, RegionJson region, Long seed, Boolean colorMatched, Boolean favourite) {

        boolean matched() {
            return Boolean.TRUE.equals(colorMatched);
        }

        boolean starred() {
            return Boolean.TRUE.equals(favourite);
        }
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

    /** Written field by field so the file format does not follow changes of engine-api's Lora. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record LoraJson(String source, double scale) {

        static LoraJson of(Lora l) {
            return new LoraJson(l.source(), l.scale());
        }
    }

    /**
     * @param loras the LoRAs the job was sent; absent in projects saved before provenance kept them (read as not
     *              recorded, see {@link Provenance#loras()})
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ProvenanceJson(String prompt, long seed, int steps, double guidance, String engineId, String engineName,
                          String providerJobId, String costAmount, String costUnit, Long queueMs, Long inferenceMs,
                          Long totalMs, RegionJson crop, String created, List<LoraJson> loras) {

        static ProvenanceJson of(Provenance p) {
            return new ProvenanceJson(p.prompt(), p.seed(), p.steps(), p.guidance(), p.engineId(), p.engineName(),
                    p.providerJobId(), p.costAmount(), p.costUnit(), p.queueMs(), p.inferenceMs(), p.totalMs(),
                    RegionJson.of(p.crop()), p.created() == null ? null : p.created().toString(),
                    p.loras() == null ? null : p.loras().stream().map(LoraJson::of).toList());
        }

        Provenance toProvenance() {
            // an entry without a source names no LoRA: skipped rather than refusing the whole project
            List<Lora> sent = loras == null ? null : loras.stream()
                    .filter(l -> l != null && l.source() != null && !l.source().isBlank())
                    .map(l -> Lora.of(l.source(), l.scale())).toList();
            return new Provenance(prompt, seed, steps, guidance, engineId, engineName, providerJobId, costAmount,
                    costUnit, queueMs, inferenceMs, totalMs, crop.toRegion(),
                    created == null ? null : Instant.parse(created), sent);
        }
    }
}
