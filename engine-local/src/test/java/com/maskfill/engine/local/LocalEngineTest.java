package com.maskfill.engine.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.EngineContext;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.EngineProvider;
import com.maskfill.engine.api.engine.EngineProviders;
import com.maskfill.engine.api.engine.ProgressEvent;
import com.maskfill.engine.api.engine.ProgressListener;
import com.maskfill.engine.api.pipeline.FillPipeline;
import com.maskfill.engine.api.pipeline.FillResult;
import com.maskfill.engine.api.pipeline.Region;
import com.maskfill.engine.api.request.FillRequest;
import com.maskfill.engine.api.request.Lora;
import com.maskfill.engine.local.natives.FakeNativeSite;
import com.maskfill.engine.local.natives.LibraryDigests;
import com.maskfill.engine.local.natives.NativePlatform;
import com.maskfill.engine.local.natives.PyTorchNatives;
import com.maskfill.engine.local.pipeline.FluxFillPipeline;
import com.maskfill.engine.local.text.ClipTokenizer;
import com.maskfill.engine.local.text.PromptCache;
import com.maskfill.engine.local.weights.SafetensorsWriter;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local engine as the app uses it: found by id, created from options, run through the shared FillPipeline. */
class LocalEngineTest {

    @TempDir
    static Path dir;
    private static Path snapshot;
    private static BufferedImage image;
    private static BufferedImage mask;

    @BeforeAll
    static void writeSnapshot() throws IOException {
        snapshot = TinySnapshot.write(dir);
        image = ImageIO.read(TestData.fluxTinyA().resolve("image.png").toFile());
        mask = ImageIO.read(TestData.fluxTinyA().resolve("mask.png").toFile());
    }

    private static EngineContext.Builder options(String cacheName) {
        return EngineContext.builder().option("model-dir", snapshot.toString()).option("min-side", "64")
                .option("max-sequence-length", "8").option("cache-dir", dir.resolve(cacheName).toString());
    }

    private static LocalEngine create(EngineContext context) throws EngineException {
        return (LocalEngine) new LocalEngineProvider().create(context);
    }

    private static FillRequest request(String prompt, int steps, long seed) {
        return FillRequest.builder().image(image).mask(mask).prompt(prompt).steps(steps).guidance(30).seed(seed)
                .build();
    }

    @Test
    void providerIsFoundByItsIdAndNeedsNoCredentials() {
        EngineProvider provider = EngineProviders.find("local").orElseThrow();
        assertTrue(provider instanceof LocalEngineProvider);
        assertFalse(provider.capabilities().needsCredentials());
        assertTrue(provider.capabilities().reportsSteps() && provider.capabilities().cancellable());
        assertEquals(16, provider.capabilities().sizeMultiple());
        assertTrue(provider.capabilities().loraFiles(), "LoRAs are files on this computer, so the editor offers Browse");
    }

    @Test
    void missingComponentsAreNamedWithWhereToGetThem() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        EngineException e = assertThrows(EngineException.class, () -> create(EngineContext.builder()
                .option("model-dir", empty.toString()).build()));
        assertEquals(EngineException.Category.INVALID_INPUT, e.category());
        for (String part : List.of("transformer", "ae.safetensors", "text_encoder/model.safetensors",
                "text_encoder_2/model.safetensors.index.json", "tokenizer_2/tokenizer.json",
                "black-forest-labs/FLUX.1-Fill-dev")) {
            assertTrue(e.getMessage().contains(part), part + " in: " + e.getMessage());
        }
    }

    @Test
    void aSnapshotInTheHuggingFaceCacheIsUsedWhenNoModelFolderIsGiven() throws Exception {
        Path hub = dir.resolve("hf-home/hub");
        Path repo = hub.resolve("models--black-forest-labs--FLUX.1-Fill-dev");
        String commit = "89abcdef0123456789abcdef0123456789abcdef";
        Files.createDirectories(repo.resolve("snapshots"));
        Files.move(TinySnapshot.write(dir.resolve("hf-download")), repo.resolve("snapshots").resolve(commit));
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs/main"), commit);

        try (LocalEngine engine = create(EngineContext.builder().option("hub-cache", hub.toString())
                .option("min-side", "64").option("max-sequence-length", "8")
                .option("cache-dir", dir.resolve("hf-prompts").toString()).build())) {
            assertEquals(64, new FillPipeline().run(engine, request("a cat", 1, 2), ProgressListener.NONE,
                    new Cancellation()).engineOutputs().get(0).getWidth());
        }
    }

    @Test
    void withNothingInTheHuggingFaceCacheTheMessageSaysHowToDownloadIt() throws IOException {
        Path emptyHub = Files.createDirectories(dir.resolve("empty-hf/hub"));
        EngineException e = assertThrows(EngineException.class, () -> create(EngineContext.builder()
                .option("hub-cache", emptyHub.toString()).build()));
        assertEquals(EngineException.Category.INVALID_INPUT, e.category());
        assertTrue(e.getMessage().contains("maskfill models download"), e.getMessage());
        assertTrue(e.getMessage().contains(emptyHub.toString()), e.getMessage());
    }

    @Test
    void filesGivenOneByOneWinOverTheModelFolderAndAbsentOnesAreNamed() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("comfyui/models"));
        Path transformer = Files.copy(snapshot.resolve("flux1-fill-dev.safetensors"),
                elsewhere.resolve("flux1-fill-dev-copy.safetensors"));
        Files.createDirectories(elsewhere.resolve("transformer"));
        Files.copy(snapshot.resolve("transformer/config.json"), elsewhere.resolve("transformer/config.json"));
        try (LocalEngine engine = create(options("single").option("transformer", transformer.toString())
                .option("ae", snapshot.resolve("ae.safetensors").toString()).build())) {
            assertEquals(64, new FillPipeline().run(engine, request("a cat", 1, 2), ProgressListener.NONE,
                    new Cancellation()).engineOutputs().get(0).getWidth());
        }
        EngineException e = assertThrows(EngineException.class, () -> create(options("single")
                .option("t5", elsewhere.resolve("t5xxl_fp16.safetensors").toString()).build()));
        assertEquals(EngineException.Category.INVALID_INPUT, e.category());
        assertTrue(e.getMessage().contains("t5 = " + elsewhere.resolve("t5xxl_fp16.safetensors") + ": no such file"),
                e.getMessage());
    }

    @Test
    void aTextEncoderGivenAsAFileNeedsNoCompleteTextEncoderFolderInTheSnapshot() throws Exception {
        Path partial = TinySnapshot.write(dir.resolve("partial"));
        Files.delete(partial.resolve("text_encoder_2/model.safetensors")); // a download that stopped half-way
        try (LocalEngine engine = create(options("partial").option("model-dir", partial.toString())
                .option("t5", snapshot.resolve("text_encoder_2/model.safetensors").toString()).build())) {
            assertEquals(64, new FillPipeline().run(engine, request("a cat", 1, 2), ProgressListener.NONE,
                    new Cancellation()).engineOutputs().get(0).getWidth());
            assertEquals(1, engine.textEncoderRuns());
        }
    }

    @Test
    void wrongOptionsAreNamedWithTheirValuesAndWhatIsAllowed() {
        EngineException e = assertThrows(EngineException.class, () -> create(options("c").option("device", "tpu")
                .option("max-sequence-length", "1").option("precision", "fp8").option("native-url", "ftp://x/")
                .option("native-flavor", "cu118").option("native-sha256", dir.resolve("no.sha256").toString())
                .build()));
        assertEquals(EngineException.Category.INVALID_INPUT, e.category());
        assertTrue(e.getMessage().contains("device = \"tpu\"") && e.getMessage().contains("cpu, cuda, cuda:N"),
                e.getMessage());
        assertTrue(e.getMessage().contains("max-sequence-length = \"1\"") && e.getMessage().contains("2–512"),
                e.getMessage());
        assertTrue(e.getMessage().contains("precision = \"fp8\""), e.getMessage());
        assertTrue(e.getMessage().contains("native-url = \"ftp://x/\": “ftp://x/” is not an http(s) URL"),
                e.getMessage());
        assertTrue(e.getMessage().contains("native-sha256 = \"" + dir.resolve("no.sha256") + "\": no such file"),
                e.getMessage());
        EngineException http = assertThrows(EngineException.class, () -> create(options("c")
                .option("native-url", "http://mirror.example.com/pytorch/").build()));
        assertTrue(http.getMessage().contains("native-url = \"http://mirror.example.com/pytorch/\": plain http is "
                + "allowed only for localhost"), http.getMessage());
        assertTrue(e.getMessage().contains("native-flavor = \"cu118\"") && e.getMessage().contains("auto, cpu, cu128"),
                e.getMessage());
    }

    @Test
    void missingNativeLibrariesAreDownloadedWithByteProgressBeforeTheModelLoads() throws Exception {
        byte[] library = FakeNativeSite.library("libtorch", 50_000);
        byte[] gz = FakeNativeSite.gzip(library);
        // nothing is pinned for cu128: the native-sha256 file vouches for it
        Path sums = Files.writeString(dir.resolve("natives.sha256"), FakeNativeSite.sha256(library) + "  libtorch.so\n");
        List<String> pointed = new ArrayList<>();
        List<ProgressEvent> events = new ArrayList<>();
        try (FakeNativeSite site = new FakeNativeSite()) {
            site.put("cu128/linux-x86_64/native/lib/libtorch.so.gz", gz);
            site.index("cu128/linux-x86_64/native/lib/libtorch.so.gz");
            try (LocalEngine engine = create(options("natives").option("native-url", site.base().toString())
                    .option("native-flavor", "cu128").option("native-sha256", sums.toString()).build())) {
                // the fake build is only recorded, never loaded: DJL keeps the test class path's libtorch
                NativePlatform linux = new NativePlatform("2.7.1", "0.35.1", "linux-x86_64", "linux");
                engine.nativesFrom(new PyTorchNatives(linux, false, false, dir.resolve("unused"),
                        flavor -> LibraryDigests.pinned(linux, flavor), (folder, flavor) -> pointed.add(flavor + " "
                        + folder)));
                new FillPipeline().run(engine, request("a cat", 1, 3), events::add, new Cancellation());
                new FillPipeline().run(engine, request("a cat", 1, 4), events::add, new Cancellation());
            }
        }
        List<String> described = events.stream().map(ProgressEvent::describe).toList();
        String kib = (gz.length + 1023) / 1024 + " KiB";
        int firstDownload = described.indexOf("Downloading PyTorch's native libraries " + kib + " of " + kib);
        int loading = described.indexOf("Loading the transformer");
        assertTrue(firstDownload >= 0 && firstDownload < loading, described::toString);
        assertEquals(1, events.stream().filter(ev -> ev.stage() == ProgressEvent.Stage.DOWNLOADING).count(),
                "one small file, once for both jobs: " + described);
        assertEquals(List.of("cu128 " + dir.resolve("natives/pytorch/2.7.1-cu128-linux-x86_64").toAbsolutePath()),
                pointed);
    }

    @Test
    void promptToPictureThroughTheFillPipelineReportingLoadingStepsAndSeed() throws EngineException {
        List<ProgressEvent> events = new ArrayList<>();
        FillResult result;
        BufferedImage first;
        try (LocalEngine engine = create(options("prompts").build())) {
            result = new FillPipeline().run(engine, request("a cat", 3, 7), events::add, new Cancellation());
            first = result.engineOutputs().get(0);
            assertEquals(1, engine.textEncoderRuns());
        }
        assertEquals(7, result.seed());
        assertEquals(new Region(0, 0, 64, 64), result.crop().region());
        assertEquals(64, first.getWidth());
        List<String> described = events.stream().map(ProgressEvent::describe).toList();
        assertTrue(events.stream().anyMatch(ev -> ev.stage() == ProgressEvent.Stage.PREPARING && ev.total() == 2),
                "a loading stage: " + described);
        // the user is told what the planner chose, then what loads, before any step
        List<String> preparing = described.subList(0, described.indexOf("Running step 1 of 3"));
        assertTrue(preparing.stream().anyMatch(d -> d.startsWith("Memory plan: CPU with ")
                && d.contains("64x64") && d.contains("transformer fp32")), preparing::toString);
        assertTrue(preparing.containsAll(List.of("Model files: " + snapshot.toAbsolutePath().normalize(),
                "Loading the transformer", "Loading the autoencoder", "Encoding the prompt")), preparing::toString);
        // pytorch-native-cpu is on the test class path: DJL has its libraries, nothing is fetched
        assertTrue(events.stream().noneMatch(ev -> ev.stage() == ProgressEvent.Stage.DOWNLOADING), described::toString);
        assertEquals(List.of("Running step 1 of 3", "Running step 2 of 3", "Running step 3 of 3"),
                described.stream().filter(d -> d.startsWith("Running")).toList());
        assertEquals("Done", described.get(described.size() - 1));

        // the same prompt with a new engine over the same cache folder: no text encoder runs, same picture
        try (LocalEngine engine = create(options("prompts").build())) {
            BufferedImage again = new FillPipeline().run(engine, request("a cat", 3, 7), ProgressListener.NONE,
                    new Cancellation()).engineOutputs().get(0);
            assertEquals(0, engine.textEncoderRuns());
            assertArrayEquals(pixels(first), pixels(again));
            BufferedImage other = new FillPipeline().run(engine, request("cats!", 3, 7), ProgressListener.NONE,
                    new Cancellation()).engineOutputs().get(0);
            assertEquals(1, engine.textEncoderRuns());
            assertFalse(java.util.Arrays.equals(pixels(first), pixels(other)), "another prompt, another picture");
        }
    }

    @Test
    void eachImageOfAJobRecordsASeedThatMakesItAgainAlone() throws EngineException {
        try (LocalEngine engine = create(options("variations").build())) {
            FillRequest two = FillRequest.builder().image(image).mask(mask).prompt("a cat").steps(2).guidance(30)
                    .seed(FillRequest.MAX_SEED).imageCount(2).build();
            FillResult batch = new FillPipeline().run(engine, two, ProgressListener.NONE, new Cancellation());
            // the second image's seed wraps into the range every request accepts (the noise reads 32 bits)
            assertEquals(FillRequest.MAX_SEED, batch.imageSeed(0).orElseThrow());
            assertEquals(0, batch.imageSeed(1).orElseThrow());
            FillResult alone = new FillPipeline().run(engine, request("a cat", 2, batch.imageSeed(1).orElseThrow()),
                    ProgressListener.NONE, new Cancellation());
            assertArrayEquals(pixels(batch.engineOutputs().get(1)), pixels(alone.engineOutputs().get(0)),
                    "the second variation, re-run alone with its own seed");
            assertFalse(java.util.Arrays.equals(pixels(batch.engineOutputs().get(0)),
                    pixels(alone.engineOutputs().get(0))), "two seeds, two pictures");
        }
    }

    @Test
    void promptCacheKeysChangeWithTheTokenizersRevisionSoOldEncodingsAreNotReused() throws EngineException {
        LocalModelFiles files = LocalModelFiles.resolve(LocalEngineOptions.from(options("revision").build()));
        assertTrue(files.textEncoderIdentity().endsWith("clip tokenizer " + ClipTokenizer.REVISION + "\n"),
                files.textEncoderIdentity());
    }

    @Test
    void aPromptWhoseCacheFileWasCutShortIsEncodedAgainInsteadOfFailingTheJob() throws Exception {
        Path file;
        try (LocalEngine engine = create(options("prompts-cut").build())) {
            new FillPipeline().run(engine, request("a cat", 1, 7), ProgressListener.NONE, new Cancellation());
            file = engine.promptCache().fileFor("a cat").orElseThrow();
        }
        long whole = Files.size(file);
        Files.write(file, java.util.Arrays.copyOf(Files.readAllBytes(file), (int) whole / 2));

        try (LocalEngine engine = create(options("prompts-cut").build())) {
            FillResult result = new FillPipeline().run(engine, request("a cat", 1, 7), ProgressListener.NONE,
                    new Cancellation());
            assertEquals(64, result.engineOutputs().get(0).getWidth());
            assertEquals(1, engine.textEncoderRuns(), "encoded again");
        }
        assertEquals(whole, Files.size(file), "the entry is written whole again");
    }

    @Test
    void referenceConditioningThroughTheEngineReproducesTheReferenceLatentAndImage() throws EngineException {
        try (NDManager m = NDManager.newBaseManager()) {
            assertEngineReproduces("bf16-reference", ReferenceRun.load(m, "latent_out").toFloatArray(),
                    ReferenceRun.load(m, "decoded").toFloatArray(), 3e-2);
        }
    }

    @Test
    void inFp32TheEngineReproducesTheFp32ReferenceLatentAndImageWithinOneInTenThousand() throws EngineException {
        try (NDManager m = NDManager.newBaseManager()) {
            assertEngineReproduces("fp32",
                    ReferenceRun.loadFp32(m, TestData.fluxTinyA(), "latent_out_fp32").toFloatArray(),
                    ReferenceRun.loadFp32(m, TestData.fluxTinyA(), "decoded_fp32").toFloatArray(), 1e-4);
        }
    }

    @Test
    void withDefaultOptionsTheEngineReproducesTheBf16ReferenceFill() throws EngineException {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] latentOut = ReferenceRun.load(m, "latent_out").toFloatArray();
            float[] decodedOut = ReferenceRun.load(m, "decoded").toFloatArray();
            FluxFillPipeline.Output byDefault = referenceFill(null);
            double latent = ReferenceRun.relativeL2(byDefault.latent(), latentOut);
            double decoded = ReferenceRun.relativeL2(byDefault.decoded(), decodedOut);
            double[] levels = levelDifferences(byDefault.decoded(), decodedOut);
            System.out.printf("engine (default options) vs the bf16 reference: latent relL2 %.3e, decoded relL2 %.3e,"
                    + " levels mean %.3f max %.0f%n", latent, decoded, levels[0], levels[1]);
            // the tolerance of the bf16-reference test above
            assertTrue(latent < 3e-2, "latent " + latent);
            assertTrue(decoded < 3e-2, "decoded " + decoded);
            assertTrue(levels[0] < 0.5, "mean level difference " + levels[0]);
        }
    }

    @Test
    void theDefaultPolicyRoundsTheScalarsAsTheReferenceDoesAndFp32DoesNot() throws EngineException {
        assertEquals(LocalEngineOptions.Precision.BF16_REFERENCE,
                LocalEngineOptions.from(EngineContext.builder().build()).precision());
        FluxFillPipeline.Output byDefault = referenceFill(null);
        assertArrayEquals(referenceFill("bf16-reference").latent(), byDefault.latent(),
                "the default is the bf16-reference policy, bit for bit");
        try (NDManager m = NDManager.newBaseManager()) {
            float[] decodedOut = ReferenceRun.load(m, "decoded").toFloatArray();
            double[] rounded = levelDifferences(byDefault.decoded(), decodedOut);
            double[] exact = levelDifferences(referenceFill("fp32").decoded(), decodedOut);
            System.out.printf("vs the bf16 reference's picture: rounding mean %.3f max %.0f levels; fp32 (no rounding)"
                    + " mean %.3f max %.0f levels%n", rounded[0], rounded[1], exact[0], exact[1]);
            // without the scalar roundings the picture is several times further from the reference's
            assertTrue(exact[0] > 3 * rounded[0], "fp32 " + exact[0] + " vs default " + rounded[0]);
        }
    }

    @Test
    void withTheReferencesOwnLoraAtScale07TheFillMatchesTheReferenceRunWithIt() throws EngineException {
        Path data = TestData.fluxTinyALora();
        try (NDManager m = NDManager.newBaseManager()) {
            float[] latentOut = ReferenceRun.load(m, data, "latent_out")
                    .toFloatArray();
            float[] decodedOut = ReferenceRun.load(m, data, "decoded")
                    .toFloatArray();
            FluxFillPipeline.Output withLora = referenceFill(null,
                    Lora.of(data.resolve("lora-tiny.safetensors").toString(), 0.7));
            double latent = ReferenceRun.relativeL2(withLora.latent(), latentOut);
            double decoded = ReferenceRun.relativeL2(withLora.decoded(), decodedOut);
            double[] levels = levelDifferences(withLora.decoded(), decodedOut);
            double[] plainLevels = levelDifferences(ReferenceRun.load(m, "decoded").toFloatArray(), decodedOut);
            System.out.printf("engine with the LoRA at 0.7 vs the reference run with it: latent relL2 %.3e, decoded"
                    + " relL2 %.3e, levels mean %.3f max %.0f (the LoRA moves the reference's picture by mean %.2f"
                    + " levels)%n", latent, decoded, levels[0], levels[1], plainLevels[0]);
            assertTrue(latent < 3e-2, "latent " + latent);
            assertTrue(decoded < 3e-2, "decoded " + decoded);
            assertTrue(levels[0] < 0.5, "mean level difference " + levels[0]);
            assertTrue(plainLevels[0] > 4 * levels[0], "the LoRA matters: " + plainLevels[0]);
        }
    }

    /** Mean and largest difference of the 8-bit levels the two decodes become (the engine's own conversion). */
    private static double[] levelDifferences(float[] decoded, float[] reference) {
        double sum = 0;
        double max = 0;
        for (int i = 0; i < decoded.length; i++) {
            double d = Math.abs(level(decoded[i]) - level(reference[i]));
            sum += d;
            max = Math.max(max, d);
        }
        return new double[] {sum / decoded.length, max};
    }

    private static int level(float v) {
        return (int) (127.5f * (Math.max(-1f, Math.min(1f, v)) + 1f));
    }

    /** A 4-step fill of flux-tiny-a through the engine and the shared pipeline, with the run's fixed conditioning. */
    private static void assertEngineReproduces(String precision, float[] latentOut, float[] decodedOut, double limit)
            throws EngineException {
        FluxFillPipeline.Output output = referenceFill(precision);
        double latent = ReferenceRun.relativeL2(output.latent(), latentOut);
        double decoded = ReferenceRun.relativeL2(output.decoded(), decodedOut);
        System.out.printf("engine (%s) vs reference: latent relL2 %.3e, decoded relL2 %.3e%n", precision, latent,
                decoded);
        assertTrue(latent < limit, "latent " + latent);
        assertTrue(decoded < limit, "decoded " + decoded);
    }

    /**
     * The reference run's fill through the engine: its conditioning handed over as a cached prompt, 4 steps, seed 42.
     *
     * @param precision the policy, or null for the default (and the default weight storage)
     */
    private static FluxFillPipeline.Output referenceFill(String precision) throws EngineException {
        return referenceFill(precision, null);
    }

    /** As {@link #referenceFill(String)}, with a LoRA (or null). */
    private static FluxFillPipeline.Output referenceFill(String precision, Lora lora) throws EngineException {
        AtomicReference<FluxFillPipeline.Output> output = new AtomicReference<>();
        EngineContext.Builder context = options("reference-" + precision);
        if (precision != null) {
            context.option("precision", precision).option("weight-storage", "fp32");
        }
        try (LocalEngine engine = create(context.build());
                NDManager m = NDManager.newBaseManager()) {
            // the reference run's conditioning came from fixed tensors, not a prompt: hand them over as a cached prompt
            engine.promptCache().store("reference", new PromptCache.Entry(ReferenceRun.load(m, "txt").toFloatArray(),
                    ReferenceRun.load(m, "txt").getShape(), ReferenceRun.load(m, "vec").toFloatArray(),
                    ReferenceRun.load(m, "vec").getShape()));
            engine.onOutput(output::set);
            FillRequest.Builder request = FillRequest.builder().image(image).mask(mask).prompt("reference").steps(4)
                    .guidance(30).seed(42);
            if (lora != null) {
                request.addLora(lora);
            }
            FillResult result = new FillPipeline().run(engine, request.build(), ProgressListener.NONE,
                    new Cancellation());
            assertEquals(0, engine.textEncoderRuns());
            assertEquals(new Region(0, 0, 64, 64), result.crop().region(), "the engine sees the reference's input");
            return output.get();
        }
    }

    @Test
    void aLoraChangesTheFillAndAnotherLoraSetNeverReusesItsMergedWeights() throws Exception {
        java.util.Random random = new java.util.Random(5);
        float[] down = new float[4 * 64];
        float[] up = new float[256 * 4];
        for (float[] v : new float[][] {down, up}) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) random.nextGaussian() * 0.3f;
            }
        }
        Path lora = new SafetensorsWriter()
                .addF32("lora_unet_double_blocks_0_img_mlp_0.lora_down.weight", new long[] {4, 64}, down)
                .addF32("lora_unet_double_blocks_0_img_mlp_0.lora_up.weight", new long[] {256, 4}, up)
                .write(dir.resolve("a style lora.safetensors"));
        FillRequest plain = request("a cat", 2, 7);
        FillRequest styled = FillRequest.builder().image(image).mask(mask).prompt("a cat").steps(2).guidance(30)
                .seed(7).addLora(Lora.of(lora.toString(), 0.7)).build();
        float[] without;
        float[] with;
        // int8 weights with a cache folder: plain conversions are cached, merged ones never
        try (LocalEngine engine = create(options("lora").option("weight-storage", "int8").build())) {
            without = latent(engine, plain);
            with = latent(engine, styled);
            assertFalse(java.util.Arrays.equals(without, with), "the LoRA changes the fill");
            assertArrayEquals(without, latent(engine, plain), "dropping the LoRA gives the plain fill again");
        }
        try (LocalEngine engine = create(options("lora").option("weight-storage", "int8").build())) {
            assertArrayEquals(with, latent(engine, styled), "a new engine over the same caches, with the LoRA");
            assertArrayEquals(without, latent(engine, plain), "and without it");
        }
    }

    private static float[] latent(LocalEngine engine, FillRequest request) throws EngineException {
        AtomicReference<FluxFillPipeline.Output> output = new AtomicReference<>();
        engine.onOutput(output::set);
        new FillPipeline().run(engine, request, ProgressListener.NONE, new Cancellation());
        return output.get().latent();
    }

    @Test
    void aLoraThatFitsNoLayerOrIsNoLocalFileIsRefusedWithItsNameAndKey() throws Exception {
        Path lora = new SafetensorsWriter()
                .addF32("lora_unet_double_blocks_3_img_mlp_0.lora_down.weight", new long[] {4, 64}, new float[256])
                .addF32("lora_unet_double_blocks_3_img_mlp_0.lora_up.weight", new long[] {256, 4}, new float[1024])
                .write(dir.resolve("other model lora.safetensors"));
        try (LocalEngine engine = create(options("lora-bad").build())) {
            for (String source : new String[] {lora.toString(), "https://example.com/style.safetensors",
                dir.resolve("missing.safetensors").toString()}) {
                FillRequest request = FillRequest.builder().image(image).mask(mask).prompt("a cat").steps(1)
                        .guidance(30).seed(7).addLora(Lora.of(source, 1)).build();
                EngineException e = assertThrows(EngineException.class, () -> new FillPipeline().run(engine, request,
                        ProgressListener.NONE, new Cancellation()));
                assertEquals(EngineException.Category.INVALID_INPUT, e.category(), e.getMessage());
                assertTrue(e.getMessage().contains(source), e.getMessage());
            }
        }
        // the first tensor that fits no layer is named
        try (LocalEngine engine = create(options("lora-bad").build())) {
            FillRequest request = FillRequest.builder().image(image).mask(mask).prompt("a cat").steps(1).guidance(30)
                    .seed(7).addLora(Lora.of(lora.toString(), 1)).build();
            EngineException e = assertThrows(EngineException.class, () -> new FillPipeline().run(engine, request,
                    ProgressListener.NONE, new Cancellation()));
            assertTrue(e.getMessage().contains("'lora_unet_double_blocks_3_img_mlp_0.lora_"), e.getMessage());
        }
    }

    @Test
    void cancellingDuringAStepStopsBeforeTheNext() throws EngineException {
        try (LocalEngine engine = create(options("cancel").build())) {
            Cancellation cancellation = new Cancellation();
            List<Long> steps = new ArrayList<>();
            EngineException e = assertThrows(EngineException.class, () -> new FillPipeline().run(engine,
                    request("a cat", 10, 1), event -> {
                        if (event.stage() == ProgressEvent.Stage.RUNNING) {
                            steps.add(event.current());
                            if (event.current() == 2) {
                                cancellation.cancel();
                            }
                        }
                    }, cancellation));
            assertEquals(EngineException.Category.CANCELLED, e.category());
            assertEquals(List.of(1L, 2L), steps);
        }
    }

    @Test
    void cancellingWhileTheModelLoadsStopsBeforeAnyStep() throws EngineException {
        try (LocalEngine engine = create(options("cancel-load").build())) {
            Cancellation cancellation = new Cancellation();
            List<ProgressEvent> events = new ArrayList<>();
            EngineException e = assertThrows(EngineException.class, () -> new FillPipeline().run(engine,
                    request("a cat", 4, 1), event -> {
                        events.add(event);
                        if (event.stage() == ProgressEvent.Stage.PREPARING && event.total() == 2) {
                            cancellation.cancel();
                        }
                    }, cancellation));
            assertEquals(EngineException.Category.CANCELLED, e.category());
            assertTrue(events.stream().noneMatch(ev -> ev.stage() == ProgressEvent.Stage.RUNNING), events.toString());
            assertEquals(0, engine.textEncoderRuns());
        }
    }

    @Test
    void twentyStepsLeaveAsManyArraysBehindAsTwo() throws EngineException {
        try (LocalEngine engine = create(options("memory").build())) {
            new FillPipeline().run(engine, request("a cat", 2, 3), ProgressListener.NONE, new Cancellation());
            int afterTwo = engine.liveArrays();
            new FillPipeline().run(engine, request("a cat", 20, 3), ProgressListener.NONE, new Cancellation());
            assertEquals(afterTwo, engine.liveArrays());
            new FillPipeline().run(engine, request("a cat", 2, 3), ProgressListener.NONE, new Cancellation());
            assertEquals(afterTwo, engine.liveArrays());
        }
    }

    @Test
    void int8WeightsAreConvertedOnceAndThenLoadedFromTheCacheFolder() throws Exception {
        EngineContext context = options("int8").option("weight-storage", "int8").build();
        BufferedImage first;
        List<String> described = new ArrayList<>();
        try (LocalEngine engine = create(context)) {
            first = new FillPipeline().run(engine, request("a cat", 2, 5), e -> described.add(e.describe()),
                    new Cancellation()).engineOutputs().get(0);
        }
        assertTrue(described.stream().anyMatch(d -> d.startsWith("Memory plan: ") && d.contains("transformer int8")),
                described::toString);
        Path weights = dir.resolve("int8/weights");
        Path cached;
        try (var files = Files.list(weights)) {
            cached = files.filter(f -> f.toString().endsWith("-int8.safetensors")).findFirst().orElseThrow();
        }
        var written = Files.getLastModifiedTime(cached);
        try (LocalEngine engine = create(context)) {
            BufferedImage again = new FillPipeline().run(engine, request("a cat", 2, 5), ProgressListener.NONE,
                    new Cancellation()).engineOutputs().get(0);
            assertArrayEquals(pixels(first), pixels(again));
        }
        assertEquals(written, Files.getLastModifiedTime(cached), "the second engine only read the cache");
    }

    @Test
    void anInt8CacheThatCannotBeWrittenOrReadNeverStopsTheFill() throws Exception {
        Files.createDirectories(dir.resolve("int8-blocked"));
        Files.writeString(dir.resolve("int8-blocked/weights"), "a file where the cache folder should be");
        try (LocalEngine engine = create(options("int8-blocked").option("weight-storage", "int8").build())) {
            FillResult result = new FillPipeline().run(engine, request("a cat", 2, 5), ProgressListener.NONE,
                    new Cancellation());
            assertEquals(64, result.engineOutputs().get(0).getWidth(), "converted without a cache");
        }

        EngineContext cached = options("int8-corrupt").option("weight-storage", "int8").build();
        try (LocalEngine engine = create(cached)) {
            new FillPipeline().run(engine, request("a cat", 1, 5), ProgressListener.NONE, new Cancellation());
        }
        Path file;
        try (var files = Files.list(dir.resolve("int8-corrupt/weights"))) {
            file = files.filter(f -> f.toString().endsWith("-int8.safetensors")).findFirst().orElseThrow();
        }
        Files.write(file, new byte[] {1, 2, 3});
        try (LocalEngine engine = create(cached)) {
            new FillPipeline().run(engine, request("a cat", 1, 5), ProgressListener.NONE, new Cancellation());
        }
        assertTrue(Files.size(file) > 3, "a corrupt cache file is rebuilt");
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
