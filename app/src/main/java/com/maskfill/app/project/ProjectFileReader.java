package com.maskfill.app.project;

import com.fasterxml.jackson.core.JacksonException;
import com.maskfill.engine.api.image.ImageLimits;
import com.maskfill.engine.api.pipeline.Region;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Reads one project, refusing what does not fit: more than {@value #MAX_ENTRIES} entries, a {@code project.json}
 * over {@value #MAX_JSON_BYTES} bytes, a PNG larger than its pixels can need or whose header claims a size other
 * than the JSON's (checked before any pixel is decoded), a photo over {@link ImageLimits}, more than
 * {@value #MAX_TOTAL_BYTES} bytes in all, layers outside the photo, missing or malformed fields. Only the entries
 * the JSON names are read.
 */
final class ProjectFileReader {

    static final int MAX_ENTRIES = 10_000;
    static final long MAX_JSON_BYTES = 16L << 20;
    static final long MAX_TOTAL_BYTES = 4L << 30;

    private final ZipFile zip;
    private final String name;
    private long total;

    ProjectFileReader(ZipFile zip, String name) {
        this.zip = zip;
        this.name = name;
    }

    Project project() throws IOException {
        ProjectFile.ProjectJson json = json();
        int w = json.width();
        int h = json.height();
        String refused = ImageLimits.whyRefused(w, h);
        if (refused != null) {
            throw damaged("its photo cannot be opened: " + refused);
        }
        BufferedImage image = ProjectFile.argb(png(json.image(), w, h));
        byte[] mask = grayBytes(png(json.mask(), w, h), w, h, json.mask());
        List<ResultGroup> groups = new ArrayList<>();
        for (ProjectFile.GroupJson g : json.groups() == null ? List.<ProjectFile.GroupJson>of() : json.groups()) {
            groups.add(group(g, w, h, json.schemaVersion()));
        }
        JobSettings settings = json.settings() == null ? JobSettings.DEFAULTS : json.settings();
        if (settings.prompt() == null || settings.loras() == null) {
            // a project from before the LoRA list had none
            settings = new JobSettings(settings.prompt() == null ? "" : settings.prompt(), settings.steps(),
                    settings.guidance(), settings.seed(), settings.seedLocked(), settings.imageCount(),
                    settings.engineId(), settings.loras() == null ? List.of() : settings.loras());
        }
        return new Project(image, mask, settings, groups);
    }

    /** The checked {@code project.json} alone; no picture is read. */
    ProjectFile.ProjectJson json() throws IOException {
        if (zip.size() == 0) {
            throw new ProjectFileException(name + " is not a Maskfill project: it is empty or not a zip archive.");
        }
        if (zip.size() > MAX_ENTRIES) {
            throw damaged("it has " + zip.size() + " entries; a project has at most " + MAX_ENTRIES);
        }
        if (zip.getEntry(ProjectFile.JSON) == null) {
            throw new ProjectFileException(name + " is not a Maskfill project: it has no " + ProjectFile.JSON + ".");
        }
        ProjectFile.ProjectJson json;
        try {
            json = ProjectFile.MAPPER.readValue(bytes(ProjectFile.JSON, MAX_JSON_BYTES),
                    ProjectFile.ProjectJson.class);
        } catch (ProjectFileException e) {
            throw e;
        } catch (IOException e) {
            throw new ProjectFileException(name + " is damaged: its " + ProjectFile.JSON + " cannot be read ("
                    + (e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage()) + ").", e);
        }
        if (json == null || json.schemaVersion() == null) {
            throw damaged("its " + ProjectFile.JSON + " has no schemaVersion");
        }
        if (json.schemaVersion() > ProjectFile.SCHEMA_VERSION) {
            throw new ProjectFileException(name + " was saved by a newer Maskfill (project format "
                    + json.schemaVersion() + "); this version reads format " + ProjectFile.SCHEMA_VERSION
                    + ". Update Maskfill.");
        }
        if (json.schemaVersion() < 1) {
            throw damaged("its schemaVersion " + json.schemaVersion() + " is not a project format");
        }
        return json;
    }

    private ResultGroup group(ProjectFile.GroupJson g, int w, int h, int schemaVersion) throws IOException {
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
        for (ProjectFile.LayerJson l : g.layers()) {
            if (l == null || l.id() == null || l.region() == null) {
                throw damaged("a layer of job " + g.id() + " lacks its id or area");
            }
            Region r = l.region().toRegion();
            if (r.width() <= 0 || r.height() <= 0 || r.x() < 0 || r.y() < 0
                    || (long) r.x() + r.width() > w || (long) r.y() + r.height() > h) {
                throw damaged("layer " + l.file() + " covers " + r + ", outside the " + w + "×" + h + " photo");
            }
            BufferedImage pixels = ProjectFile.argb(png(l.file(), r.width(), r.height()));
            layers.add(schemaVersion < 2 ? ResultLayer.fromBlendedCrop(l.id(), r, pixels, maskInCrop)
                    : new ResultLayer(l.id(), r, pixels, l.seed(), l.matched(), l.starred()));
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
            String what = entry == null ? "a file its " + ProjectFile.JSON + " should name" : entry;
            throw damaged(what + " is missing");
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
