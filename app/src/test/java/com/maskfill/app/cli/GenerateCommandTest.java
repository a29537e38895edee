package com.maskfill.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code maskfill generate} end to end through the real pipeline, with engines registered for tests. */
class GenerateCommandTest {

    private static final int W = 640;
    private static final int H = 480;

    @TempDir
    Path dir;

    private Path image;
    private Path mask;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Map<String, String> environment = Map.of();

    @BeforeEach
    void writeInputs() throws Exception {
        BufferedImage photo = new BufferedImage(W, H, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                photo.setRGB(x, y, 0xFF000000 | (x % 256) << 16 | (y % 256) << 8 | 0x40);
            }
        }
        image = dir.resolve("photo.png");
        ImageIO.write(photo, "png", image.toFile());
        mask = dir.resolve("mask.png");
        ImageIO.write(maskImage(W, H), "png", mask.toFile());
    }

    /** White 60 × 40 rectangle at (300, 200). */
    private static BufferedImage maskImage(int w, int h) {
        BufferedImage m = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = m.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(300 * w / W, 200 * h / H, 60 * w / W, 40 * h / H);
        g.dispose();
        return m;
    }

    private int run(String... args) {
        CommandLine cli = new CommandLine(new MaskfillCommand(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == GenerateCommand.class) {
                    return type.cast(new GenerateCommand(() -> environment));
                }
                return CommandLine.defaultFactory().create(type);
            }
        });
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private String[] args(String... extra) {
        List<String> all = new ArrayList<>(List.of("generate", "--image", image.toString(), "--mask",
                mask.toString(), "--prompt", "a red kite", "--out", dir.resolve("out.png").toString()));
        all.addAll(List.of(extra));
        return all.toArray(String[]::new);
    }

    @Test
    void writesTheFullSizeResultWithOnlyTheMaskedAreaChanged() throws Exception {
        int exit = run(args("--engine", "test-fill", "--seed", "7", "--steps", "4"));

        assertEquals(ExitCode.DONE, exit, err.toString());
        BufferedImage result = ImageIO.read(dir.resolve("out.png").toFile());
        BufferedImage source = ImageIO.read(image.toFile());
        assertEquals(W, result.getWidth());
        assertEquals(H, result.getHeight());
        assertEquals(TestEngines.FILL, result.getRGB(330, 220), "inside the mask");
        assertEquals(source.getRGB(10, 10), result.getRGB(10, 10), "far from the mask");
        assertEquals(source.getRGB(600, 450), result.getRGB(600, 450), "far from the mask");
        assertTrue(err.toString().contains("Running step 4 of 4"), err.toString());
        assertTrue(err.toString().contains("Seed 7"), err.toString());
        assertEquals("", out.toString(), "stdout stays clean without --json");
    }

    @Test
    void jsonSummaryNamesEngineJobSeedLorasAndOutputs() throws Exception {
        int exit = run(args("--engine", "test-fill", "--seed", "1234", "--lora", "ink.safetensors:0.7", "--json"));

        assertEquals(ExitCode.DONE, exit, err.toString());
        JsonNode summary = new ObjectMapper().readTree(out.toString());
        assertEquals("test-fill", summary.get("engine").asText());
        assertEquals("job-42", summary.get("jobId").asText());
        assertEquals(1234, summary.get("seed").asLong());
        assertEquals("ink.safetensors", summary.get("loras").get(0).get("source").asText());
        assertEquals(0.7, summary.get("loras").get(0).get("scale").asDouble());
        assertEquals(dir.resolve("out.png").toString(), summary.get("outputs").get(0).asText());
        assertTrue(summary.get("timings").has("totalMs"));
        assertTrue(summary.get("crop").get("width").asInt() < W, "a small mask sends a small crop");
    }

    /** Mean of result − photo per channel over the mask's 60 × 40 rectangle at (300, 200). */
    private double[] meanErrorInTheMask(Path result) throws Exception {
        BufferedImage out = ImageIO.read(result.toFile());
        BufferedImage photo = ImageIO.read(image.toFile());
        double[] sum = new double[3];
        for (int y = 200; y < 240; y++) {
            for (int x = 300; x < 360; x++) {
                for (int c = 0; c < 3; c++) {
                    int shift = 16 - 8 * c;
                    sum[c] += ((out.getRGB(x, y) >> shift) & 0xff) - ((photo.getRGB(x, y) >> shift) & 0xff);
                }
            }
        }
        for (int c = 0; c < 3; c++) {
            sum[c] /= 60 * 40;
        }
        return sum;
    }

    @Test
    void colorMatchOnBringsADriftingEnginesResultBackToThePhotoAndOffLeavesTheDrift() throws Exception {
        int on = run(args("--engine", "test-drift", "--seed", "5", "--json", "--project",
                dir.resolve("p.maskfill").toString()));
        assertEquals(ExitCode.DONE, on, err.toString());
        double[] matched = meanErrorInTheMask(dir.resolve("out.png"));
        assertTrue(new ObjectMapper().readTree(out.toString()).get("colorMatched").get(0).asBoolean());
        out.getBuffer().setLength(0);

        int off = run("generate", "--image", image.toString(), "--mask", mask.toString(), "--prompt", "a red kite",
                "--out", dir.resolve("off.png").toString(), "--engine", "test-drift", "--seed", "5", "--json",
                "--color-match", "off", "--project", dir.resolve("p.maskfill").toString());
        assertEquals(ExitCode.DONE, off, err.toString());
        double[] drifted = meanErrorInTheMask(dir.resolve("off.png"));
        assertFalse(new ObjectMapper().readTree(out.toString()).get("colorMatched").get(0).asBoolean());

        for (int c = 0; c < 3; c++) {
            assertTrue(Math.abs(matched[c]) <= 2, "on: " + java.util.Arrays.toString(matched));
            assertEquals(TestEngines.DRIFT[c], drifted[c], 1, "off: " + java.util.Arrays.toString(drifted));
        }
        var groups = com.maskfill.app.project.ProjectFile.load(dir.resolve("p.maskfill")).groups();
        assertTrue(groups.get(0).layers().get(0).colorMatched(), "the project records it was matched");
        assertFalse(groups.get(1).layers().get(0).colorMatched(), "and that it was not");
    }

    @Test
    void colorMatchTakesOnlyOnOrOff() {
        assertEquals(ExitCode.INVALID_INPUT, run(args("--engine", "test-drift", "--color-match", "maybe")));
        assertTrue(err.toString().contains("--color-match must be on or off"), err.toString());
    }

    @Test
    void resolutionModelSendsASmallAreaAtTheModelsResolutionAndAsIsAtItsOwnSize() throws Exception {
        assertEquals(ExitCode.DONE, run(args("--engine", "test-megapixel", "--json")), err.toString());
        JsonNode model = new ObjectMapper().readTree(out.toString()).get("crop");
        out.getBuffer().setLength(0);
        assertEquals(ExitCode.DONE, run(args("--engine", "test-megapixel", "--json", "--resolution", "as-is")),
                err.toString());
        JsonNode asIs = new ObjectMapper().readTree(out.toString()).get("crop");

        long modelArea = model.get("workWidth").asLong() * model.get("workHeight").asLong();
        assertTrue(modelArea > 900_000 && modelArea < 1_200_000, model.toString());
        assertEquals(asIs.get("width").asInt(), asIs.get("workWidth").asInt(), "as is: " + asIs);
        assertEquals(ExitCode.INVALID_INPUT, run(args("--engine", "test-megapixel", "--resolution", "max")));
        assertTrue(err.toString().contains("--resolution must be model or as-is"), err.toString());
    }

    @Test
    void jsonGivesEachImagesOwnSeedOnlyWhenTheEngineKnowsIt() throws Exception {
        assertEquals(ExitCode.DONE, run(args("--engine", "test-variations", "--seed", "50", "--num-images", "2",
                "--json")), err.toString());
        JsonNode own = new ObjectMapper().readTree(out.toString()).get("imageSeeds");
        assertEquals(50, own.get(0).asLong());
        assertEquals(51, own.get(1).asLong());

        out.getBuffer().setLength(0);
        assertEquals(ExitCode.DONE, run(args("--engine", "test-fill", "--seed", "50", "--num-images", "2", "--json")),
                err.toString());
        JsonNode batch = new ObjectMapper().readTree(out.toString()).get("imageSeeds");
        assertEquals(2, batch.size());
        assertTrue(batch.get(0).isNull() && batch.get(1).isNull(), "one seed for the batch: none claimed per image");
    }

    @Test
    void severalImagesAreNumbered() {
        int exit = run(args("--engine", "test-fill", "--num-images", "3"));

        assertEquals(ExitCode.DONE, exit, err.toString());
        for (int i = 1; i <= 3; i++) {
            assertTrue(Files.exists(dir.resolve("out-" + i + ".png")), "out-" + i + ".png");
        }
        assertFalse(Files.exists(dir.resolve("out.png")));
    }

    @Test
    void anOutOfRangeSettingExitsWithTwoAndNamesIt() {
        int exit = run(args("--engine", "test-fill", "--steps", "60"));

        assertEquals(ExitCode.INVALID_INPUT, exit);
        assertTrue(err.toString().contains("steps = 60"), err.toString());
        assertFalse(Files.exists(dir.resolve("out.png")));
    }

    @Test
    void anUnknownEngineListsTheInstalledOnes() {
        int exit = run(args("--engine", "nope"));

        assertEquals(ExitCode.INVALID_INPUT, exit);
        assertTrue(err.toString().contains("no engine \"nope\""), err.toString());
        assertTrue(err.toString().contains("test-fill"), err.toString());
    }

    @Test
    void aBadImageFileExitsWithTwoAndSaysWhy() throws Exception {
        Files.write(image, new byte[0]);

        int exit = run(args("--engine", "test-fill"));

        assertEquals(ExitCode.INVALID_INPUT, exit);
        assertTrue(err.toString().contains("--image: photo.png is empty (0 bytes)."), err.toString());
    }

    @Test
    void aMaskOfAnotherSizeIsScaledWithANote() throws Exception {
        ImageIO.write(maskImage(W / 2, H / 2), "png", mask.toFile());

        int exit = run(args("--engine", "test-fill"));

        assertEquals(ExitCode.DONE, exit, err.toString());
        assertTrue(err.toString().contains("the mask was scaled to the image"), err.toString());
        assertEquals(TestEngines.FILL, ImageIO.read(dir.resolve("out.png").toFile()).getRGB(330, 220));
    }

    @Test
    void aProviderFailureExitsWithThreeAndPrintsItsMessage() {
        int exit = run(args("--engine", "test-fails"));

        assertEquals(ExitCode.PROVIDER_FAILED, exit);
        assertTrue(err.toString().contains("The provider could not finish the job."), err.toString());
        assertTrue(err.toString().contains("Provider said: worker crashed: CUDA out of memory"), err.toString());
    }

    @Test
    void aJobLeftAtTheProviderIsFetchedWithResumeJobWithoutANewSubmission() throws Exception {
        int lost = run(args("--engine", "test-lost", "--seed", "31"));

        assertEquals(ExitCode.NETWORK, lost, err.toString());
        assertTrue(err.toString().contains("run the same command with --resume-job job-77 --seed 31"), err.toString());
        assertFalse(Files.exists(dir.resolve("out.png")));

        int resumed = run(args("--engine", "test-lost", "--seed", "31", "--resume-job", "job-77", "--json"));

        assertEquals(ExitCode.DONE, resumed, err.toString());
        assertEquals(TestEngines.FILL, ImageIO.read(dir.resolve("out.png").toFile()).getRGB(330, 220));
        JsonNode summary = new ObjectMapper().readTree(out.toString());
        assertEquals("job-77", summary.get("jobId").asText());
        assertEquals(31, summary.get("seed").asLong());
    }

    @Test
    void resumeJobWithoutTheSeedItWasSentWithIsAUsageError() {
        int exit = run(args("--engine", "test-lost", "--resume-job", "job-77"));

        assertEquals(ExitCode.INVALID_INPUT, exit);
        assertTrue(err.toString().contains("--resume-job needs the --seed"), err.toString());
    }

    @Test
    void aMissingKeyExitsWithFive() {
        int exit = run(args("--engine", "test-keyed"));

        assertEquals(ExitCode.AUTHENTICATION, exit);
        assertTrue(err.toString().contains("TEST_API_KEY"), err.toString());
    }

    @Test
    void theKeyComesFromTheEnvironment() {
        environment = Map.of("TEST_API_KEY", "sk-live-do-not-print");

        int exit = run(args("--engine", "test-keyed", "--json"));

        assertEquals(ExitCode.DONE, exit, err.toString());
        assertFalse((out.toString() + err).contains("sk-live-do-not-print"));
    }

    @Test
    void badOptionValuesAreUsageErrors() {
        assertEquals(ExitCode.INVALID_INPUT, run(args("--engine", "test-fill", "--size", "huge")));
        assertTrue(err.toString().contains("--size must be WxH or N"), err.toString());
        assertEquals(ExitCode.INVALID_INPUT, run(args("--engine", "test-fill", "--lora", "style")));
        assertEquals(ExitCode.INVALID_INPUT, run(args("--engine", "test-fill", "--crop", "tight")));
        assertEquals(ExitCode.INVALID_INPUT, run(args("--engine", "test-fill", "--endpoint", "not a url")));
    }

    @Test
    void projectIsCreatedThenEachJobAddsAGroupOfLayers() throws Exception {
        Path project = dir.resolve("review.maskfill");

        assertEquals(ExitCode.DONE, run(args("--engine", "test-fill", "--seed", "5", "--project", project.toString())),
                err.toString());
        assertEquals(ExitCode.DONE, run(args("--engine", "test-fill", "--num-images", "2", "--project",
                project.toString())), err.toString());

        com.maskfill.app.project.Project saved = com.maskfill.app.project.ProjectFile.load(project);
        assertEquals(W, saved.image().getWidth());
        assertEquals(2, saved.groups().size(), "one group per job, oldest first");
        assertEquals(5, saved.groups().get(0).provenance().seed());
        assertEquals("a red kite", saved.groups().get(0).provenance().prompt());
        assertEquals("test-fill", saved.groups().get(0).provenance().engineId());
        assertEquals("job-42", saved.groups().get(0).provenance().providerJobId());
        assertEquals(1, saved.groups().get(0).layers().size());
        assertEquals(2, saved.groups().get(1).layers().size());
        com.maskfill.app.project.ResultLayer layer = saved.groups().get(0).layers().get(0);
        assertEquals(TestEngines.FILL, layer.pixels().getRGB(330 - layer.region().x(), 220 - layer.region().y()));
        assertEquals("a red kite", saved.settings().prompt());
    }

    @Test
    void aProjectOfAnotherPhotoIsRefused() throws Exception {
        Path project = dir.resolve("other.maskfill");
        com.maskfill.app.project.ProjectFile.save(new com.maskfill.app.project.Project(
                new BufferedImage(10, 10, BufferedImage.TYPE_INT_ARGB), new byte[100],
                com.maskfill.app.project.JobSettings.DEFAULTS, List.of()), project);

        int exit = run(args("--engine", "test-fill", "--project", project.toString()));

        assertEquals(ExitCode.INVALID_INPUT, exit);
        assertTrue(err.toString().contains("--project: the project's photo is 10 × 10 but this photo is 640 × 480"), err.toString());
    }

    @Test
    void engineSettingsOnTheCommandLineReachTheEngine() throws Exception {
        int exit = run(args("--engine", "test-options", "--model-dir", "/models/flux-fill", "--json"));

        assertEquals(ExitCode.DONE, exit, err.toString());
        assertEquals("/models/flux-fill", new ObjectMapper().readTree(out.toString()).get("jobId").asText());
    }

    @Test
    void theLocalEngineNamesWhatIsMissingAndWhereToGetIt() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("no-weights"));

        int exit = run(args("--engine", "local", "--model-dir", empty.toString()));

        assertEquals(ExitCode.INVALID_INPUT, exit, err.toString());
        assertTrue(err.toString().contains("black-forest-labs/FLUX.1-Fill-dev"), err.toString());
    }

    @Test
    void cropNoneSendsTheWholeImage() throws Exception {
        int exit = run(args("--engine", "test-fill", "--crop", "none", "--json"));

        assertEquals(ExitCode.DONE, exit, err.toString());
        JsonNode crop = new ObjectMapper().readTree(out.toString()).get("crop");
        assertEquals(W, crop.get("width").asInt());
        assertEquals(H, crop.get("height").asInt());
    }

    private String[] argsWithOut(Path target, String... extra) {
        List<String> all = new ArrayList<>(List.of("generate", "--image", image.toString(), "--mask",
                mask.toString(), "--prompt", "a red kite", "--out", target.toString()));
        all.addAll(List.of(extra));
        return all.toArray(String[]::new);
    }

    @Test
    void anOutThatCannotBeWrittenIsRefusedBeforeTheJobRuns() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("notes.txt"), "x");
        Path aFolder = Files.createDirectories(dir.resolve("already-a-folder.png"));

        assertEquals(ExitCode.INVALID_INPUT, run(argsWithOut(notAFolder.resolve("out.png"), "--engine", "test-fill")));
        assertTrue(err.toString().contains("--out: cannot write in " + notAFolder), err.toString());
        assertEquals(ExitCode.INVALID_INPUT, run(argsWithOut(aFolder, "--engine", "test-fill")));
        assertTrue(err.toString().contains("--out: " + aFolder + " is a folder."), err.toString());
        assertFalse(err.toString().contains("Running step"), "nothing was sent: " + err);
    }

    @Test
    void aDamagedProjectIsRefusedBeforeTheJobRunsWithoutAStackTrace() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.maskfill"), "just text");
        Path good = dir.resolve("good.maskfill");
        com.maskfill.app.project.ProjectFile.save(new com.maskfill.app.project.Project(
                new BufferedImage(W, H, BufferedImage.TYPE_INT_ARGB), new byte[W * H],
                com.maskfill.app.project.JobSettings.DEFAULTS, List.of()), good);
        Path noSchema = dir.resolve("noschema.maskfill");
        try (var in = new java.util.zip.ZipFile(good.toFile());
                var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(noSchema))) {
            for (var entry : java.util.Collections.list(in.entries())) {
                byte[] data = in.getInputStream(entry).readAllBytes();
                if (entry.getName().equals("project.json")) {
                    data = new String(data, java.nio.charset.StandardCharsets.UTF_8)
                            .replace("\"schemaVersion\" : " + com.maskfill.app.project.ProjectFile.SCHEMA_VERSION + ",", "").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                }
                zip.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                zip.write(data);
                zip.closeEntry();
            }
        }

        assertEquals(ExitCode.INVALID_INPUT, run(args("--engine", "test-fill", "--project", text.toString())));
        assertTrue(err.toString().contains("--project: notes.maskfill is not a Maskfill project"), err.toString());
        assertEquals(ExitCode.INVALID_INPUT, run(args("--engine", "test-fill", "--project", noSchema.toString())));
        assertTrue(err.toString().contains("--project: noschema.maskfill is damaged: its project.json has no "
                + "schemaVersion."), err.toString());
        assertFalse(err.toString().contains("Running step"), "nothing was sent: " + err);
        assertFalse(err.toString().contains("Exception"), err.toString());
        assertFalse(Files.exists(dir.resolve("out.png")));
    }

    @Test
    void resultsThatCannotGoToOutAfterTheJobAreKeptInAFileNamedOnStderr() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("results"));
        System.clearProperty(TestEngines.Gated.GATE);
        java.util.concurrent.CompletableFuture<Integer> exit = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> run(argsWithOut(folder.resolve("out.png"), "--engine", "test-gated")));
        try {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!err.toString().contains("Running step 1") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(err.toString().contains("Running step 1"), err.toString());
            // While the job runs, the folder goes away and a file takes its name.
            Files.delete(folder);
            Files.writeString(folder, "in the way");
        } finally {
            System.setProperty(TestEngines.Gated.GATE, "open");
        }
        try {
            assertEquals(ExitCode.OUTPUT_FAILED, exit.get(30, java.util.concurrent.TimeUnit.SECONDS), err.toString());
        } finally {
            System.clearProperty(TestEngines.Gated.GATE);
        }

        java.util.regex.Matcher kept = java.util.regex.Pattern.compile("The result is kept in (\\S+) instead")
                .matcher(err.toString());
        assertTrue(kept.find(), err.toString());
        Path fallback = Path.of(kept.group(1));
        try {
            BufferedImage result = ImageIO.read(fallback.toFile());
            assertEquals(W, result.getWidth());
            assertEquals(TestEngines.FILL, result.getRGB(330, 220), "the paid result, whole");
        } finally {
            Files.deleteIfExists(fallback);
        }
    }
}
