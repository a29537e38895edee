package com.maskfill.app.project;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.app.io.PartialWrites;
import com.maskfill.engine.api.pipeline.Region;
import java.awt.image.BufferedImage;
import java.io.OutputStream;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectFileTest {

    @TempDir
    Path dir;

    @Test
    void openingRestoresExactlyWhatWasSaved() throws Exception {
        Project saved = ProjectSamples.project(300, 200, "a lighthouse");
        Path file = dir.resolve("lighthouse.maskfill");

        ProjectFile.save(saved, file);
        Project loaded = ProjectFile.load(file);

        assertSamePixels(saved.image(), loaded.image());
        assertArrayEquals(saved.mask(), loaded.mask());
        assertEquals(saved.settings(), loaded.settings());
        assertEquals(1, loaded.groups().size());
        ResultGroup before = saved.groups().get(0);
        ResultGroup after = loaded.groups().get(0);
        assertEquals(before.id(), after.id());
        assertEquals(before.provenance(), after.provenance());
        assertArrayEquals(before.maskInCrop(), after.maskInCrop());
        assertEquals(2, after.layers().size());
        for (int i = 0; i < 2; i++) {
            assertEquals(before.layers().get(i).id(), after.layers().get(i).id(), "history order");
            assertEquals(before.layers().get(i).region(), after.layers().get(i).region());
            assertSamePixels(before.layers().get(i).pixels(), after.layers().get(i).pixels());
        }
    }

    @Test
    void eachLayersOwnSeedIsSavedAndAnUnknownOneStaysUnknown() throws Exception {
        Project sample = ProjectSamples.project(120, 80, "two variations");
        ResultGroup group = sample.groups().get(0);
        ResultLayer first = group.layers().get(0);
        ResultLayer second = group.layers().get(1);
        ResultGroup seeded = new ResultGroup(group.id(), group.provenance(), group.maskInCrop(), List.of(
                new ResultLayer(first.id(), first.region(), first.pixels(), 4_294_967_295L), second));
        Path file = dir.resolve("seeds.maskfill");

        ProjectFile.save(sample.withGroups(List.of(seeded)), file);
        List<ResultLayer> loaded = ProjectFile.load(file).groups().get(0).layers();

        assertEquals(4_294_967_295L, loaded.get(0).seed().orElseThrow());
        assertTrue(loaded.get(1).seed().isEmpty(), "no seed is made up for a layer that had none");
        assertEquals(4_294_967_295L, loaded.get(0).shifted(5, 5).seed().orElseThrow(), "moving keeps it");
    }

    @Test
    void theJsonHasASchemaVersionAndNoPixels() throws Exception {
        Path file = dir.resolve("p.maskfill");
        ProjectFile.save(ProjectSamples.project(64, 48, "x"), file);

        String json = new String(entry(file, "project.json"), StandardCharsets.UTF_8);

        assertTrue(json.contains("\"schemaVersion\" : " + ProjectFile.SCHEMA_VERSION), json);
        assertTrue(json.contains("\"providerJobId\" : \"pred_1\""), json);
        assertTrue(json.length() < 4000, "pixels live in PNG entries, not in the JSON");
    }

    @Test
    void aSaveKilledHalfWayLeavesThePreviousProjectIntact() throws Exception {
        Path file = dir.resolve("crash.maskfill");
        Project first = ProjectSamples.project(120, 80, "first version");
        ProjectFile.save(first, file);
        byte[] firstBytes = Files.readAllBytes(file);

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SaveInChildProcess.class.getName(), file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!savingInProgress(file) && System.nanoTime() < deadline && child.isAlive()) {
                Thread.sleep(5);
            }
            assertTrue(savingInProgress(file), "the child process started saving: " + Files.readString(
                    dir.resolve("child.log")));
            Thread.sleep(150);
        } finally {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }

        Project afterCrash = ProjectFile.load(file);
        String prompt = afterCrash.settings().prompt();
        assertTrue(prompt.equals("first version") || prompt.equals("second version"), prompt);
        if (prompt.equals("first version")) {
            assertArrayEquals(firstBytes, Files.readAllBytes(file), "the old project, byte for byte");
        }
        ProjectFile.save(first, file);
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".partial")),
                    "the next save clears what the killed one left");
        }
    }

    @Test
    void layerWeightsAndTheColoursUnderAZeroWeightSurviveSaving() throws Exception {
        Project sample = ProjectSamples.project(120, 90, "weights");
        ResultGroup group = sample.groups().get(0);
        Region crop = group.provenance().crop();
        BufferedImage weighted = ProjectSamples.noise(crop.width(), crop.height(), 9);
        for (int y = 0; y < crop.height(); y++) {
            for (int x = 0; x < crop.width(); x++) {
                // weights 0, partial and full, and a colour kept under a zero weight
                weighted.setRGB(x, y, ((x * 37) % 256) << 24 | (weighted.getRGB(x, y) & 0xffffff));
            }
        }
        ResultLayer layer = new ResultLayer(UUID.randomUUID(), crop, weighted);
        Path file = dir.resolve("weights.maskfill");
        ProjectFile.save(sample.withGroups(List.of(new ResultGroup(group.id(), group.provenance(),
                group.maskInCrop(), List.of(layer)))), file);

        assertSamePixels(weighted, ProjectFile.load(file).groups().get(0).layers().get(0).pixels());
    }

    @Test
    void aFormatOneLayerWeighsOnlyWhereItsMaskAndFeatherReachSoApplyingItKeepsLaterChanges() throws Exception {
        // Format 1 kept the output already blended into the photo over the whole crop, with the photo's
        // surroundings as they were when the job started.
        Project sample = ProjectSamples.project(120, 90, "format 1");
        ResultGroup group = sample.groups().get(0);
        Region crop = group.provenance().crop();
        byte[] mask = new byte[crop.width() * crop.height()];
        for (int y = 10; y < 20; y++) {
            for (int x = 20; x < 30; x++) {
                mask[y * crop.width() + x] = (byte) 255;
            }
        }
        BufferedImage blended = ProjectSamples.noise(crop.width(), crop.height(), 4);
        ResultGroup old = new ResultGroup(group.id(), group.provenance(), mask,
                List.of(new ResultLayer(UUID.randomUUID(), crop, blended)));
        Path file = dir.resolve("old.maskfill");
        ProjectFile.save(sample.withGroups(List.of(old)), file);
        rewriteEntry(file, "project.json", json -> json.replace("\"schemaVersion\" : " + ProjectFile.SCHEMA_VERSION,
                "\"schemaVersion\" : 1"));

        ResultLayer loaded = ProjectFile.load(file).groups().get(0).layers().get(0);

        BufferedImage pixels = loaded.pixels();
        assertEquals(255, pixels.getRGB(25, 15) >>> 24, "inside the mask");
        assertEquals(255, pixels.getRGB(30 + 7, 15) >>> 24, "within the 8 px feather it once had");
        assertEquals(0, pixels.getRGB(30 + 8, 15) >>> 24, "beyond it: the photo as it is now");
        assertEquals(0, pixels.getRGB(0, 0) >>> 24);
        assertEquals(blended.getRGB(25, 15), pixels.getRGB(25, 15), "colours as saved");
    }

    @Test
    void whetherALayersColoursWereMatchedIsSavedAndOlderProjectsReadAsNotMatched() throws Exception {
        Project sample = ProjectSamples.project(120, 90, "colour match");
        ResultGroup group = sample.groups().get(0);
        ResultLayer first = group.layers().get(0);
        ResultLayer matched = new ResultLayer(first.id(), first.region(), first.pixels(), true);
        ResultGroup mixed = new ResultGroup(group.id(), group.provenance(), group.maskInCrop(),
                List.of(matched, group.layers().get(1)));
        Path file = dir.resolve("matched.maskfill");
        ProjectFile.save(sample.withGroups(List.of(mixed)), file);

        List<ResultLayer> loaded = ProjectFile.load(file).groups().get(0).layers();
        assertTrue(loaded.get(0).colorMatched());
        assertTrue(!loaded.get(1).colorMatched());
        assertTrue(loaded.get(0).shifted(3, 4).colorMatched(), "moving a layer keeps what it records");

        // A project saved before colour matching has no such field.
        rewriteEntry(file, "project.json", json -> json.replaceAll(",\\s*\"colorMatched\"\\s*:\\s*(true|false)", ""));
        assertTrue(!new String(entry(file, "project.json"), StandardCharsets.UTF_8).contains("colorMatched"));
        assertTrue(ProjectFile.load(file).groups().get(0).layers().stream().noneMatch(ResultLayer::colorMatched));
    }

    @Test
    void aStarIsSavedAndProjectsFromBeforeTheBoardOpenWithNoStars() throws Exception {
        Project sample = ProjectSamples.project(120, 90, "stars");
        ResultGroup group = sample.groups().get(0);
        ResultGroup starred = group.with(group.layers().get(1).withFavourite(true));
        Path file = dir.resolve("starred.maskfill");
        ProjectFile.save(sample.withGroups(List.of(starred)), file);

        List<ResultLayer> loaded = ProjectFile.load(file).groups().get(0).layers();
        assertTrue(!loaded.get(0).favourite());
        assertTrue(loaded.get(1).favourite());
        assertTrue(loaded.get(1).shifted(3, 4).favourite(), "moving a layer keeps its star");

        // A project saved before the variation board has no such field.
        rewriteEntry(file, "project.json", json -> json.replaceAll(",\\s*\"favourite\"\\s*:\\s*(true|false|null)", ""));
        assertTrue(!new String(entry(file, "project.json"), StandardCharsets.UTF_8).contains("favourite"));
        assertTrue(ProjectFile.load(file).groups().get(0).layers().stream().noneMatch(ResultLayer::favourite));
    }

    @Test
    void theLoraListIsSavedWithItsScalesAndOlderProjectsReadWithNone() throws Exception {
        Project sample = ProjectSamples.project(120, 90, "an ink drawing");
        JobSettings s = sample.settings();
        List<com.maskfill.engine.api.request.Lora> loras = List.of(
                com.maskfill.engine.api.request.Lora.of("/home/ana/loras/ink style.safetensors", 0.7),
                com.maskfill.engine.api.request.Lora.of("https://example.com/film.safetensors", 2.25));
        Project withLoras = new Project(sample.image(), sample.mask(), new JobSettings(s.prompt(), s.steps(),
                s.guidance(), s.seed(), s.seedLocked(), s.imageCount(), s.engineId(), loras), sample.groups());
        Path file = dir.resolve("loras.maskfill");
        ProjectFile.save(withLoras, file);
        assertEquals(loras, ProjectFile.load(file).settings().loras());

        // A project saved before the LoRA list has no such field.
        rewriteEntry(file, "project.json", json -> json.replaceAll(",\\s*\"loras\"\\s*:\\s*\\[[^\\]]*\\]", ""));
        assertTrue(!new String(entry(file, "project.json"), StandardCharsets.UTF_8).contains("\"loras\""));
        Project older = ProjectFile.load(file);
        assertEquals(List.of(), older.settings().loras());
        assertEquals(s.prompt(), older.settings().prompt());
    }

    @Test
    void eachResultKeepsTheLorasItsJobWasSentAndOlderProjectsLeaveThemUnrecorded() throws Exception {
        Project sample = ProjectSamples.project(120, 90, "an ink drawing");
        ResultGroup group = sample.groups().get(0);
        Provenance p = group.provenance();
        List<com.maskfill.engine.api.request.Lora> sent = List.of(
                com.maskfill.engine.api.request.Lora.of("/home/ana/loras/ink style.safetensors", 0.7),
                com.maskfill.engine.api.request.Lora.of("https://example.com/film.safetensors", 2.25));
        assertEquals(sent, p.loras());
        ResultGroup none = new ResultGroup(UUID.randomUUID(), new Provenance(p.prompt(), p.seed(), p.steps(),
                p.guidance(), p.engineId(), p.engineName(), p.providerJobId(), p.costAmount(), p.costUnit(),
                p.queueMs(), p.inferenceMs(), p.totalMs(), p.crop(), p.created(), List.of()), group.maskInCrop(),
                group.layers());
        Path file = dir.resolve("provenance-loras.maskfill");
        ProjectFile.save(sample.withGroups(List.of(group, none)), file);

        // A later Maskfill may add fields to a LoRA.
        rewriteEntry(file, "project.json", json -> json.replaceFirst("\"scale\"\\s*:\\s*0\\.7",
                "\"scale\" : 0.7, \"weightName\" : \"ink\""));
        assertTrue(new String(entry(file, "project.json"), StandardCharsets.UTF_8).contains("weightName"));
        List<ResultGroup> loaded = ProjectFile.load(file).groups();
        assertEquals(sent, loaded.get(0).provenance().loras());
        assertEquals(sent, loaded.get(0).shifted(5, 0).provenance().loras(), "moving a job keeps its LoRAs");
        assertEquals(List.of(), loaded.get(1).provenance().loras(), "a job sent none says so");

        // A project saved before provenance kept LoRAs has no such field there (the settings' list aside).
        rewriteEntry(file, "project.json", json -> json.replaceAll(
                ",\\s*\"loras\"\\s*:\\s*\\[[^\\]]*\\]\\s*(?=}\\s*,\\s*\"mask\")", ""));
        String json = new String(entry(file, "project.json"), StandardCharsets.UTF_8);
        assertEquals(1, json.split("\"loras\"", -1).length - 1, "only the settings' list is left: " + json);
        Project older = ProjectFile.load(file);
        assertNull(older.groups().get(0).provenance().loras(), "not recorded, rather than none");
        assertNull(older.groups().get(1).provenance().loras());
        assertEquals(List.of(), older.settings().loras());
        assertEquals(p.prompt(), older.groups().get(0).provenance().prompt());
    }

    private static void rewriteEntry(Path file, String name, java.util.function.UnaryOperator<String> change)
            throws Exception {
        java.util.Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        try (var zip = new java.util.zip.ZipInputStream(Files.newInputStream(file))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        entries.put(name, change.apply(new String(entries.get(name), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8));
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
    }

    @Test
    void damagedFilesAreRefusedWithTheirNameAndTheReason() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.maskfill"), "just text");
        Path empty = Files.createFile(dir.resolve("empty.maskfill"));
        Path noJson = zip("nojson.maskfill", "image.png", new byte[] {1, 2, 3});
        Path badJson = zip("badjson.maskfill", "project.json", "{\"schemaVersion\": ".getBytes(StandardCharsets.UTF_8));
        Path newer = zip("newer.maskfill", "project.json", "{\"schemaVersion\": 99}".getBytes(StandardCharsets.UTF_8));
        Path missingImage = zip("noimage.maskfill", "project.json",
                "{\"schemaVersion\":1,\"image\":\"image.png\",\"width\":4,\"height\":4,\"mask\":\"mask.png\"}"
                        .getBytes(StandardCharsets.UTF_8));

        assertRefused(text, "notes.maskfill is not a Maskfill project");
        assertRefused(empty, "empty.maskfill is not a Maskfill project");
        assertRefused(noJson, "nojson.maskfill is not a Maskfill project: it has no project.json.");
        assertRefused(badJson, "badjson.maskfill is damaged: its project.json cannot be read");
        assertRefused(newer, "newer.maskfill was saved by a newer Maskfill (project format 99)");
        assertRefused(missingImage, "noimage.maskfill is damaged: image.png is missing.");
        assertRefused(dir.resolve("absent.maskfill"), "absent.maskfill does not exist");
    }

    @Test
    void anEntryThatInflatesFarPastWhatItsPixelsNeedIsRefusedUnread() throws Exception {
        Path bomb = zip("bomb.maskfill", Map.of(
                "project.json", json(4, 4, "image.png"),
                "image.png", new byte[64 << 20])); // 64 MiB of zeros: a few kilobytes in the zip

        assertRefused(bomb, "bomb.maskfill is damaged: entry image.png is too large.");
    }

    @Test
    void aProjectWithTooManyEntriesIsRefused() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("project.json", json(4, 4, "image.png"));
        for (int i = 0; i <= ProjectFileReader.MAX_ENTRIES; i++) {
            entries.put("junk/" + i, new byte[0]);
        }
        assertRefused(zip("many.maskfill", entries), "many.maskfill is damaged: it has 10002 entries");
    }

    @Test
    void aPhotoHeaderIsCheckedBeforeAnyPixelIsDecoded() throws Exception {
        // 30000 × 30000 would be 3.6 GB decoded; the header alone says so.
        Path huge = zip("huge.maskfill", Map.of("project.json", json(30000, 30000, "image.png"),
                "image.png", pngHeaderOnly(30000, 30000)));
        Path lying = zip("lying.maskfill", Map.of("project.json", json(100, 100, "image.png"),
                "image.png", pngHeaderOnly(30000, 30000)));

        assertRefused(huge, "huge.maskfill is damaged: its photo cannot be opened: it is 30000 × 30000 pixels");
        assertRefused(lying, "lying.maskfill is damaged: image.png is 30000×30000 but the project says 100×100.");
    }

    @Test
    void entriesTheProjectDoesNotNameAreNeverRead() throws Exception {
        Path file = dir.resolve("extra.maskfill");
        ProjectFile.save(ProjectSamples.project(64, 48, "x"), file);
        Map<String, byte[]> entries = entries(file);
        byte[] payload = "an entry no Maskfill wrote".getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(payload);
        Path withJunk = dir.resolve("junk.maskfill");
        try (OutputStream out = Files.newOutputStream(withJunk); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
            ZipEntry junk = new ZipEntry("thumbnails/unknown.bin");
            junk.setMethod(ZipEntry.STORED);
            junk.setSize(payload.length);
            junk.setCompressedSize(payload.length);
            junk.setCrc(crc.getValue());
            zip.putNextEntry(junk);
            zip.write(payload);
            zip.closeEntry();
        }
        // Damage the unnamed entry's bytes: reading it would fail its checksum.
        byte[] raw = Files.readAllBytes(withJunk);
        int at = indexOf(raw, payload);
        raw[at] ^= 1;
        Files.write(withJunk, raw);

        assertEquals("x", ProjectFile.load(withJunk).settings().prompt());
    }

    @Test
    void malformedJsonIsADamagedProjectNeverAnotherException() throws Exception {
        Path file = dir.resolve("good.maskfill");
        ProjectFile.save(ProjectSamples.project(64, 48, "x"), file);

        assertDamaged(file, "noschema", json -> json.remove("schemaVersion"));
        assertDamaged(file, "nullprovenance", json -> group(json).putNull("provenance"));
        assertDamaged(file, "nullcrop", json -> ((ObjectNode) group(json).get("provenance")).putNull("crop"));
        assertDamaged(file, "nulllayers", json -> group(json).putNull("layers"));
        assertDamaged(file, "nullgroup", json -> json.putArray("groups").addNull());
        assertDamaged(file, "baddate", json -> ((ObjectNode) group(json).get("provenance"))
                .put("created", "yesterday"));
        assertDamaged(file, "outside", json -> ((ObjectNode) group(json).get("layers").get(0).get("region"))
                .put("x", 64));
        assertDamaged(file, "negative", json -> ((ObjectNode) group(json).get("layers").get(0).get("region"))
                .put("width", -1));
    }

    private void assertDamaged(Path good, String name, java.util.function.Consumer<ObjectNode> damage)
            throws Exception {
        Map<String, byte[]> entries = entries(good);
        ObjectNode json = (ObjectNode) MAPPER.readTree(entries.get("project.json"));
        damage.accept(json);
        entries.put("project.json", MAPPER.writeValueAsBytes(json));
        assertRefused(zip(name + ".maskfill", entries), name + ".maskfill is damaged: ");
    }

    private static ObjectNode group(ObjectNode json) {
        return (ObjectNode) json.get("groups").get(0);
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static byte[] json(int width, int height, String image) {
        return ("{\"schemaVersion\":1,\"image\":\"" + image + "\",\"width\":" + width + ",\"height\":" + height
                + ",\"mask\":\"mask.png\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** A PNG signature and IHDR chunk claiming a size, with no pixel data after it. */
    private static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII))
                .putInt(width).putInt(height).put((byte) 8).put((byte) 6).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        return ByteBuffer.allocate(8 + 4 + 17 + 4).put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})
                .putInt(13).put(ihdr.array()).putInt((int) crc.getValue()).array();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    private static Map<String, byte[]> entries(Path file) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (var zip = new java.util.zip.ZipInputStream(Files.newInputStream(file))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    private Path zip(String name, Map<String, byte[]> entries) throws Exception {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    private static void assertRefused(Path file, String expectedStart) {
        ProjectFileException e = assertThrows(ProjectFileException.class, () -> ProjectFile.load(file));
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }

    private Path zip(String name, String entry, byte[] data) throws Exception {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(data);
            zip.closeEntry();
        }
        return file;
    }

    private static byte[] entry(Path file, String name) throws Exception {
        try (var zip = new java.util.zip.ZipInputStream(Files.newInputStream(file))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (e.getName().equals(name)) {
                    return zip.readAllBytes();
                }
            }
        }
        throw new AssertionError(name + " not in " + file);
    }

    private static boolean savingInProgress(Path file) throws Exception {
        return PartialWrites.exist(file);
    }

    private static void assertSamePixels(BufferedImage expected, BufferedImage actual) {
        assertEquals(expected.getWidth(), actual.getWidth());
        assertEquals(expected.getHeight(), actual.getHeight());
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                if (expected.getRGB(x, y) != actual.getRGB(x, y)) {
                    throw new AssertionError("pixel " + x + "," + y + " differs");
                }
            }
        }
    }
}
