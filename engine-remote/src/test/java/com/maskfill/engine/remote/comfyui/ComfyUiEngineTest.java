package com.maskfill.engine.remote.comfyui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.ConnectionCheck;
import com.maskfill.engine.api.engine.CredentialSource;
import com.maskfill.engine.api.engine.DiscoveredChoices;
import com.maskfill.engine.api.engine.Engine;
import com.maskfill.engine.api.engine.EngineContext;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.EngineException.Category;
import com.maskfill.engine.api.engine.EngineResult;
import com.maskfill.engine.api.engine.ProgressEvent.Stage;
import com.maskfill.engine.api.engine.SubmittedJob;
import com.maskfill.engine.remote.EngineTestKit;
import com.maskfill.engine.remote.EngineTestKit.RecordingProgress;
import com.maskfill.engine.remote.http.RecordingSleeper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ComfyUI engine against a fake server that keeps a queue and a history as ComfyUI does (§4). */
class ComfyUiEngineTest {

    private final RecordingSleeper sleeper = RecordingSleeper.fast();
    private ComfyUiFake comfy;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        comfy = new ComfyUiFake();
    }

    @AfterEach
    void stop() {
        comfy.close();
    }

    private Engine engine(Map<String, String> options, Map<String, String> credentials) throws EngineException {
        EngineContext.Builder context = EngineContext.builder().credentials(CredentialSource.of(credentials))
                .endpoint(URI.create(comfy.root()));
        options.forEach(context::option);
        return new ComfyUiEngineProvider().create(context.build(), EngineTestKit.fastTuning(sleeper));
    }

    private Engine engine() throws EngineException {
        return engine(Map.of(), Map.of());
    }

    private static String link(JsonNode node, String input) {
        return node.path("inputs").path(input).path(0).asText() + ":" + node.path("inputs").path(input).path(1).asInt();
    }

    @Test
    void fillQueuesTheOfficialFillWorkflowOnceAndFetchesTheSavedImage() throws Exception {
        RecordingProgress progress = new RecordingProgress();

        EngineResult result = engine().fill(EngineTestKit.input(), progress, new Cancellation());

        assertEquals(ComfyUiFake.OUTPUT.getRGB(), result.images().get(0).getRGB(5, 5));
        assertTrue(result.providerJobId().orElseThrow().endsWith("/prompt-1"), result.providerJobId().toString());
        assertEquals(1, comfy.count("POST", "/prompt"));
        assertEquals(2, comfy.count("POST", "/upload/image"));
        assertTrue(progress.stages().containsAll(List.of(Stage.UPLOADING, Stage.QUEUED, Stage.RUNNING,
                Stage.DOWNLOADING)), progress.stages().toString());

        JsonNode g = comfy.graphs.get(0);
        assertEquals("UNETLoader", g.path("1").path("class_type").asText());
        assertEquals("flux1-fill-dev.safetensors", g.path("1").path("inputs").path("unet_name").asText(),
                "the model with \"fill\" in its name, not flux1-dev");
        assertEquals("clip_l.safetensors", g.path("2").path("inputs").path("clip_name1").asText());
        assertEquals("t5xxl_fp16.safetensors", g.path("2").path("inputs").path("clip_name2").asText());
        assertEquals("flux", g.path("2").path("inputs").path("type").asText());
        assertEquals("ae.safetensors", g.path("3").path("inputs").path("vae_name").asText());
        assertTrue(g.path("4").path("inputs").path("image").asText().endsWith("-image.png"));
        assertEquals("LoadImageMask", g.path("5").path("class_type").asText());
        assertTrue(g.path("5").path("inputs").path("image").asText().endsWith("-mask.png"));
        assertEquals("red", g.path("5").path("inputs").path("channel").asText());
        assertEquals("a red apple", g.path("6").path("inputs").path("text").asText());
        assertEquals("2:0", link(g.path("6"), "clip"));
        assertEquals("FluxGuidance", g.path("7").path("class_type").asText());
        assertEquals(30.0, g.path("7").path("inputs").path("guidance").asDouble());
        assertEquals("ConditioningZeroOut", g.path("8").path("class_type").asText());
        JsonNode inpaint = g.path("9");
        assertEquals("InpaintModelConditioning", inpaint.path("class_type").asText());
        assertEquals("7:0", link(inpaint, "positive"));
        assertEquals("8:0", link(inpaint, "negative"));
        assertEquals("3:0", link(inpaint, "vae"));
        assertEquals("4:0", link(inpaint, "pixels"));
        assertEquals("5:0", link(inpaint, "mask"));
        assertTrue(inpaint.path("inputs").path("noise_mask").asBoolean());
        assertEquals("DifferentialDiffusion", g.path("10").path("class_type").asText());
        JsonNode sampler = g.path("11");
        assertEquals("KSampler", sampler.path("class_type").asText());
        assertEquals("10:0", link(sampler, "model"));
        assertEquals("9:0", link(sampler, "positive"));
        assertEquals("9:1", link(sampler, "negative"));
        assertEquals("9:2", link(sampler, "latent_image"));
        assertEquals(1234, sampler.path("inputs").path("seed").asLong());
        assertEquals(20, sampler.path("inputs").path("steps").asInt());
        assertEquals(1.0, sampler.path("inputs").path("cfg").asDouble());
        assertEquals("euler", sampler.path("inputs").path("sampler_name").asText());
        assertEquals("11:0", link(g.path("12"), "samples"));
        assertEquals("SaveImage", g.path("13").path("class_type").asText());
        assertEquals("12:0", link(g.path("13"), "images"));
        assertEquals(13, g.size());

        RecordedRequest view = comfy.requests.stream().filter(r -> r.getUrl().encodedPath().equals("/view"))
                .findFirst().orElseThrow();
        assertEquals("maskfill_00001_.png", view.getUrl().queryParameter("filename"));
        assertEquals("output", view.getUrl().queryParameter("type"), "previews of type temp are not results");
    }

    @Test
    void theSamplersStepsComeFromTheWebsocketOfTheClientThatQueuedThePrompt() throws Exception {
        comfy.runFor = 6;
        RecordingProgress progress = new RecordingProgress();

        engine().fill(EngineTestKit.input(), progress, new Cancellation());

        assertEquals(1, comfy.socketClientIds.size());
        String clientId = comfy.socketClientIds.get(0);
        assertEquals(clientId, comfy.promptClientIds.get(0), "the socket listens for the client id the prompt names");
        List<String> steps = progress.events().stream().filter(e -> e.stage() == Stage.RUNNING && e.total() == 20)
                .map(e -> e.current() + "/" + e.total()).distinct().toList();
        assertFalse(steps.isEmpty(), progress.events().toString());
        assertTrue(steps.stream().allMatch(s -> List.of("5/20", "10/20", "15/20", "20/20").contains(s)), steps.toString());
    }

    @Test
    void withoutAWebsocketTheJobStillEndsByPolling() throws Exception {
        comfy.refuseSocket = true;

        EngineResult result = engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation());

        assertEquals(1, result.images().size());
    }

    @Test
    void anOlderServerWithoutDifferentialDiffusionGetsTheGraphWithoutIt() throws Exception {
        comfy.differentialDiffusion = false;

        engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation());

        JsonNode g = comfy.graphs.get(0);
        assertTrue(g.path("10").isMissingNode());
        assertEquals("1:0", link(g.path("11"), "model"));
    }

    @Test
    void fourImagesAreFourPromptsWithConsecutiveSeedsComingBackAsOneGroup() throws Exception {
        EngineResult result = engine().fill(EngineTestKit.input(4, List.of()), new RecordingProgress(),
                new Cancellation());

        assertEquals(4, result.images().size());
        assertEquals(4, comfy.graphs.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(1234 + i, comfy.graphs.get(i).path("11").path("inputs").path("seed").asLong());
        }
        assertEquals(4, result.providerJobId().orElseThrow().split(",").length);
        assertEquals(List.of(1234L, 1235L, 1236L, 1237L), result.imageSeeds(), "each image can be made again alone");
        assertEquals(2, comfy.count("POST", "/upload/image"), "the crop and mask are uploaded once for all four");
    }

    @Test
    void fourImagesSpreadOverTwoServersByTheirQueuesAndComeBackAsOneGroup() throws Exception {
        try (ComfyUiFake second = new ComfyUiFake()) {
            comfy.backlog = 3;
            Engine engine = engine(Map.of("servers", second.root()), Map.of());

            EngineResult result = engine.fill(EngineTestKit.input(4, List.of()), new RecordingProgress(),
                    new Cancellation());

            assertEquals(4, result.images().size());
            assertEquals(3, second.graphs.size(), "the idle server takes images until its queue is as long");
            assertEquals(1, comfy.graphs.size());
            List<Long> seeds = new java.util.ArrayList<>();
            second.graphs.forEach(g -> seeds.add(g.path("11").path("inputs").path("seed").asLong()));
            comfy.graphs.forEach(g -> seeds.add(g.path("11").path("inputs").path("seed").asLong()));
            assertEquals(List.of(1234L, 1235L, 1236L, 1237L), seeds.stream().sorted().toList());
            assertEquals(2, second.count("POST", "/upload/image"));
            assertEquals(2, comfy.count("POST", "/upload/image"));
        }
    }

    @Test
    void aServerThatDoesNotAnswerIsSkippedAndTheJobRunsOnTheOther() throws Exception {
        ComfyUiFake gone = new ComfyUiFake();
        String goneRoot = gone.root();
        gone.close();
        Engine engine = engine(Map.of("servers", goneRoot + "," + comfy.root()), Map.of());

        EngineResult first = engine.fill(EngineTestKit.input(2, List.of()), new RecordingProgress(),
                new Cancellation());

        assertEquals(2, first.images().size());
        assertEquals(2, comfy.graphs.size());
    }

    @Test
    void resumeFindsEachPromptOnItsServer() throws Exception {
        try (ComfyUiFake second = new ComfyUiFake()) {
            Engine engine = engine(Map.of("servers", second.root()), Map.of());
            EngineResult result = engine.fill(EngineTestKit.input(2, List.of()), new RecordingProgress(),
                    new Cancellation());

            EngineResult again = engine.resume(SubmittedJob.accepted("comfyui", result.providerJobId().orElseThrow(),
                    1234), EngineTestKit.input(2, List.of()), new RecordingProgress(), new Cancellation());

            assertEquals(2, again.images().size());
            assertEquals(1, comfy.count("POST", "/prompt"));
            assertEquals(1, second.count("POST", "/prompt"));
        }
    }

    @Test
    void aServerWithoutAFillModelSaysSoAndQueuesNothing() throws Exception {
        comfy.unets = List.of("flux1-dev.safetensors", "sdxl.safetensors");

        EngineException e = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));

        assertEquals(Category.INVALID_INPUT, e.category());
        assertTrue(e.getMessage().contains("no FLUX.1 Fill diffusion model") && e.getMessage().contains("flux1-dev")
                && e.getMessage().contains("models/diffusion_models"), e.getMessage());
        assertEquals(0, comfy.count("POST", "/prompt"));
    }

    @Test
    void aChosenModelTheServerLacksIsNamed() throws Exception {
        EngineException e = assertThrows(EngineException.class, () -> engine(Map.of("unet", "fill-v2.safetensors"),
                Map.of()).fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));

        assertTrue(e.getMessage().contains("no diffusion model named \"fill-v2.safetensors\""), e.getMessage());
    }

    @Test
    void anErrorMidGraphGivesTheNodeAndTheServersWords() throws Exception {
        comfy.executionError = "CUDA out of memory. Tried to allocate 2.00 GiB";

        EngineException e = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));

        assertEquals(Category.PROVIDER_FAILED, e.category());
        assertTrue(e.getMessage().contains("node 11 (KSampler)") && e.getMessage().contains("CUDA out of memory"),
                e.getMessage());
    }

    @Test
    void aWebsocketThatDropsMidJobCostsOnlyTheStepsAndTheJobEndsByPolling() throws Exception {
        comfy.dropSocketsMidJob = true;
        comfy.runFor = 4;

        EngineResult result = engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation());

        assertEquals(1, result.images().size());
        assertEquals(1, comfy.socketsDropped, "the server dropped the socket while the prompt ran");
        assertEquals(1, comfy.count("POST", "/prompt"), "never queued again");
        assertTrue(comfy.count("GET", "/history/prompt-1") > 2, "the history was polled to the end");
    }

    @Test
    void anUnreachableServerIsNamedAndNothingIsSent() throws Exception {
        ComfyUiFake gone = new ComfyUiFake();
        String goneRoot = gone.root();
        gone.close();
        EngineContext context = EngineContext.builder().credentials(CredentialSource.none())
                .endpoint(URI.create(goneRoot)).build();

        EngineException e = assertThrows(EngineException.class, () -> new ComfyUiEngineProvider().create(context,
                EngineTestKit.fastTuning(sleeper)).fill(EngineTestKit.input(), new RecordingProgress(),
                new Cancellation()));

        assertEquals(Category.NETWORK, e.category(), e.getMessage());
        assertTrue(e.getMessage().contains("ComfyUI") && e.getMessage().contains(URI.create(goneRoot).getHost()),
                e.getMessage());
    }

    @Test
    void aMissingModelMidGraphNamesTheLoaderAndTheServersWords() throws Exception {
        comfy.executionError = "Error while deserializing header: MetadataIncompleteBuffer";
        comfy.errorNode = "1";
        comfy.errorNodeType = "UNETLoader";

        EngineException e = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));

        assertEquals(Category.PROVIDER_FAILED, e.category());
        assertTrue(e.getMessage().contains("node 1 (UNETLoader)") && e.getMessage().contains("MetadataIncompleteBuffer"),
                e.getMessage());
    }

    @Test
    void aPromptInterruptedOnTheServerSaysSoAndWhere() throws Exception {
        comfy.interrupted = true;

        EngineException e = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));

        assertEquals(Category.PROVIDER_FAILED, e.category());
        assertTrue(e.getMessage().contains("was interrupted on the ComfyUI server")
                && e.getMessage().contains("node 11 (KSampler)"), e.getMessage());
        assertEquals(0, comfy.count("GET", "/view"));
    }

    @Test
    void aFinishedPromptWithoutASavedImageSaysSo() throws Exception {
        comfy.noOutputs = true;

        EngineException e = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));

        assertTrue(e.getMessage().contains("without a saved image") && e.getMessage().contains("SaveImage"),
                e.getMessage());
        assertEquals(0, comfy.count("GET", "/view"), "a preview of type temp is not taken for a result");
    }

    @Test
    void cancelWithOneImageRunningAndOneWaitingDeletesTheWaitingOneAndInterruptsOnce() throws Exception {
        Cancellation cancellation = new Cancellation();
        RecordingProgress progress = new RecordingProgress(Stage.RUNNING, cancellation::cancel);

        EngineException e = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(2, List.of()), progress, cancellation));

        assertEquals(Category.CANCELLED, e.category());
        assertEquals(List.of("prompt-2"), comfy.deleted, "the waiting image leaves the queue");
        assertEquals(1, comfy.interrupts, "the running one is ours: interrupted once");
    }

    @Test
    void cancelWhileAnotherUsersPromptRunsAndOursWaitNeverInterrupts() throws Exception {
        comfy.othersRunning = "someone-else";
        Cancellation cancellation = new Cancellation();
        RecordingProgress progress = new RecordingProgress(Stage.QUEUED, cancellation::cancel);

        assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(3, List.of()), progress, cancellation));

        assertEquals(List.of("prompt-1", "prompt-2", "prompt-3"), comfy.deleted.stream().sorted().toList());
        assertEquals(0, comfy.interrupts);
        assertTrue(comfy.requests.stream().noneMatch(r -> r.getUrl().encodedPath().equals("/interrupt")));
    }

    @Test
    void aRefusedWorkflowNamesTheNodeAndWhatIsWrong() throws Exception {
        comfy.refusal = "{\"error\":{\"type\":\"prompt_outputs_failed_validation\",\"message\":\"Prompt outputs failed "
                + "validation\",\"details\":\"\",\"extra_info\":{}},\"node_errors\":{\"1\":{\"errors\":[{\"type\":"
                + "\"value_not_in_list\",\"message\":\"Value not in list\",\"details\":\"unet_name: 'x' not in []\"}],"
                + "\"dependent_outputs\":[\"13\"],\"class_type\":\"UNETLoader\"}}}";

        EngineException e = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));

        assertEquals(Category.INVALID_INPUT, e.category());
        assertTrue(e.getMessage().contains("node 1 (UNETLoader): Value not in list — unet_name"), e.getMessage());
    }

    @Test
    void aNodeClassTheServerLacksIsNamedWithItsNodeAndNothingRuns() throws Exception {
        comfy.refusal = "{\"error\":{\"type\":\"invalid_prompt\",\"message\":\"Cannot execute because node "
                + "InpaintModelConditioning does not exist.\",\"details\":\"Node ID '#9'\",\"extra_info\":{}},"
                + "\"node_errors\":{}}";

        EngineException e = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));

        assertEquals(Category.INVALID_INPUT, e.category());
        assertTrue(e.getMessage().contains("node InpaintModelConditioning does not exist")
                && e.getMessage().contains("Node ID '#9'"), e.getMessage());
    }

    @Test
    void aPromptWhoseAnswerWasLostIsNeverQueuedTwice() throws Exception {
        comfy.dropPromptAnswer = true;

        EngineException e = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));

        assertEquals(1, comfy.count("POST", "/prompt"));
        assertTrue(e.getMessage().contains("may have received the job"), e.getMessage());
    }

    @Test
    void aServerRestartedWhileTheJobRanSaysSo() throws Exception {
        comfy.forgetful = true;

        EngineException e = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));

        assertTrue(e.getMessage().contains("no longer knows prompt prompt-1"), e.getMessage());
        assertTrue(e.getMessage().contains(comfy.server.getHostName() + ":" + comfy.server.getPort()), e.getMessage());
        assertEquals(1, comfy.count("POST", "/prompt"), "never queued again on its own");
    }

    @Test
    void cancelRemovesOurPendingPromptAndNeverInterruptsAnotherUsersJob() throws Exception {
        comfy.othersRunning = "someone-else";
        Cancellation cancellation = new Cancellation();
        RecordingProgress progress = new RecordingProgress(Stage.QUEUED, cancellation::cancel);

        EngineException e = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), progress, cancellation));

        assertEquals(Category.CANCELLED, e.category());
        assertEquals(List.of("prompt-1"), comfy.deleted);
        assertEquals(0, comfy.interrupts);
    }

    @Test
    void cancelInterruptsTheRunningPromptWhenItIsOurs() throws Exception {
        Cancellation cancellation = new Cancellation();
        RecordingProgress progress = new RecordingProgress(Stage.RUNNING, cancellation::cancel);

        EngineException e = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), progress, cancellation));

        assertEquals(Category.CANCELLED, e.category());
        assertEquals(1, comfy.interrupts);
        assertTrue(comfy.deleted.isEmpty());
    }

    @Test
    void resumeFetchesTheResultsOfQueuedPromptsWithoutQueueingAgain() throws Exception {
        engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation());
        long prompts = comfy.count("POST", "/prompt");

        EngineResult again = engine().resume(SubmittedJob.accepted("comfyui", "prompt-1", 1234),
                EngineTestKit.input(), new RecordingProgress(), new Cancellation());

        assertEquals(prompts, comfy.count("POST", "/prompt"));
        assertEquals(ComfyUiFake.OUTPUT.getRGB(), again.images().get(0).getRGB(3, 3));
    }

    @Test
    void aWorkflowOfOnesOwnGetsItsPlaceholdersFilledWithTypedValues() throws Exception {
        Path workflow = dir.resolve("mine.json");
        Files.writeString(workflow, "{\"3\":{\"class_type\":\"KSampler\",\"inputs\":{\"seed\":\"{{seed}}\","
                + "\"steps\":\"{{steps}}\"}},\"4\":{\"class_type\":\"LoadImage\",\"inputs\":{\"image\":\"{{image}}\"}},"
                + "\"5\":{\"class_type\":\"LoadImageMask\",\"inputs\":{\"image\":\"{{mask}}\",\"channel\":\"red\"}},"
                + "\"6\":{\"class_type\":\"CLIPTextEncode\",\"inputs\":{\"text\":\"{{prompt}}\"}},"
                + "\"9\":{\"class_type\":\"SaveImage\",\"inputs\":{\"images\":[\"8\",0]}}}");

        engine(Map.of("workflow", workflow.toString()), Map.of()).fill(EngineTestKit.input(), new RecordingProgress(),
                new Cancellation());

        JsonNode g = comfy.graphs.get(0);
        assertTrue(g.path("3").path("inputs").path("seed").isNumber());
        assertEquals(1234, g.path("3").path("inputs").path("seed").asLong());
        assertEquals(20, g.path("3").path("inputs").path("steps").asInt());
        assertEquals("a red apple", g.path("6").path("inputs").path("text").asText());
        assertTrue(g.path("4").path("inputs").path("image").asText().endsWith("-image.png"));
        assertEquals("8", g.path("9").path("inputs").path("images").path(0).asText(), "links are left alone");
        assertEquals(0, comfy.count("GET", "/object_info/UNETLoader"), "the workflow names its own models");
    }

    @Test
    void aWorkflowInTheEditorsFormatOrWithoutPlaceholdersIsRefusedBeforeAnythingIsSent() throws Exception {
        Path ui = dir.resolve("ui.json");
        Files.writeString(ui, "{\"last_node_id\":9,\"nodes\":[],\"links\":[]}");
        Path partial = dir.resolve("partial.json");
        Files.writeString(partial, "{\"6\":{\"class_type\":\"CLIPTextEncode\",\"inputs\":{\"text\":\"{{prompt}}\"}},"
                + "\"9\":{\"class_type\":\"SaveImage\",\"inputs\":{}}}");

        EngineException format = assertThrows(EngineException.class,
                () -> engine(Map.of("workflow", ui.toString()), Map.of()));
        EngineException missing = assertThrows(EngineException.class,
                () -> engine(Map.of("workflow", partial.toString()), Map.of()));

        assertTrue(format.getMessage().contains("Export (API)"), format.getMessage());
        assertTrue(missing.getMessage().contains("{{image}}, {{mask}}, {{seed}}"), missing.getMessage());
        assertTrue(comfy.requests.isEmpty());
    }

    @Test
    void theEngineIsSetUpOnceItKnowsAServerThePlainHttpRuleIncluded() {
        ComfyUiEngineProvider provider = new ComfyUiEngineProvider();
        EngineContext none = EngineContext.builder().credentials(CredentialSource.none()).build();
        assertFalse(provider.readiness(none).ready());
        assertTrue(provider.readiness(none).reason().contains("address of your ComfyUI server"));
        EngineContext lan = EngineContext.builder().credentials(CredentialSource.none())
                .endpoint(URI.create("http://192.168.1.20:8188")).build();
        assertTrue(provider.readiness(lan).reason().contains("trustPlainHttp=true"), provider.readiness(lan).reason());
        EngineContext local = EngineContext.builder().credentials(CredentialSource.none())
                .endpoint(URI.create(comfy.root())).build();
        assertTrue(provider.readiness(local).ready());
        assertTrue(comfy.requests.isEmpty(), "readiness is judged offline");
    }

    @Test
    void testConnectionSaysWhichModelsEachServerWouldUseOrWhatIsWrong() throws Exception {
        ComfyUiEngineProvider provider = new ComfyUiEngineProvider();
        EngineContext context = EngineContext.builder().credentials(CredentialSource.none())
                .endpoint(URI.create(comfy.root())).build();

        ConnectionCheck passed = provider.testConnection(context);
        comfy.unets = List.of("sdxl.safetensors");
        ConnectionCheck noFill = provider.testConnection(context);
        ConnectionCheck gone = provider.testConnection(EngineContext.builder().credentials(CredentialSource.none())
                .endpoint(URI.create("http://127.0.0.1:1")).build());

        assertEquals(ConnectionCheck.Outcome.PASSED, passed.outcome(), passed.message());
        assertTrue(passed.message().contains("flux1-fill-dev.safetensors"), passed.message());
        assertEquals(ConnectionCheck.Outcome.FAILED, noFill.outcome());
        assertTrue(noFill.message().contains("no FLUX.1 Fill diffusion model"), noFill.message());
        assertEquals(ConnectionCheck.Outcome.FAILED, gone.outcome());
        assertTrue(gone.message().contains("Cannot reach the ComfyUI server 127.0.0.1:1"), gone.message());
        assertEquals(0, comfy.count("POST", "/prompt"), "nothing is queued");
    }

    @Test
    void theSettingsListsAreTheModelFilesEveryServerHasWithTheEnginesPicks() throws Exception {
        try (ComfyUiFake second = new ComfyUiFake()) {
            second.unets = List.of("flux1-fill-dev.safetensors", "flux1-fill-dev-fp8.safetensors");
            EngineContext context = EngineContext.builder().credentials(CredentialSource.none())
                    .endpoint(URI.create(comfy.root())).option("servers", second.root()).build();

            DiscoveredChoices found = new ComfyUiEngineProvider().discoverChoices(context);

            assertFalse(found.problem(), found.message());
            assertEquals(List.of("flux1-fill-dev.safetensors"), found.choicesOf("unet"), "a job may go to either");
            assertEquals(List.of("clip_l.safetensors", "t5xxl_fp8_e4m3fn.safetensors", "t5xxl_fp16.safetensors"),
                    found.choicesOf("clipL"));
            assertEquals(List.of("pixel_space", "ae.safetensors"), found.choicesOf("vae"));
            assertEquals(Map.of("unet", "flux1-fill-dev.safetensors", "clipL", "clip_l.safetensors",
                    "t5", "t5xxl_fp16.safetensors", "vae", "ae.safetensors"), found.picks());
            assertEquals(0, comfy.count("POST", "/prompt") + second.count("POST", "/prompt"), "nothing is queued");
        }
    }

    @Test
    void theSettingsListsOfAServerWithoutAFillModelSaySoAndStillOfferTheRest() throws Exception {
        comfy.unets = List.of("flux1-dev.safetensors");
        EngineContext context = EngineContext.builder().credentials(CredentialSource.none())
                .endpoint(URI.create(comfy.root())).build();

        DiscoveredChoices found = new ComfyUiEngineProvider().discoverChoices(context);
        DiscoveredChoices gone = new ComfyUiEngineProvider().discoverChoices(EngineContext.builder()
                .credentials(CredentialSource.none()).endpoint(URI.create("http://127.0.0.1:1")).build());

        assertTrue(found.problem());
        assertTrue(found.message().contains("no FLUX.1 Fill diffusion model") && found.message().contains(
                "flux1-dev.safetensors"), found.message());
        assertEquals(List.of("flux1-dev.safetensors"), found.choicesOf("unet"));
        assertFalse(found.picks().containsKey("unet"));
        assertEquals("ae.safetensors", found.picks().get("vae"));
        assertTrue(gone.problem());
        assertTrue(gone.message().contains("Cannot reach the ComfyUI server 127.0.0.1:1"), gone.message());
        assertTrue(gone.choices().isEmpty());
    }

    @Test
    void plainHttpToAnotherComputerNeedsTheUsersTrust() throws Exception {
        EngineContext lan = EngineContext.builder().credentials(CredentialSource.none())
                .endpoint(URI.create("http://192.168.1.20:8188")).build();
        EngineException refused = assertThrows(EngineException.class, () -> new ComfyUiEngineProvider().create(lan));
        assertTrue(refused.getMessage().contains("trustPlainHttp=true"), refused.getMessage());

        EngineContext trusted = EngineContext.builder().credentials(CredentialSource.none())
                .endpoint(URI.create("http://192.168.1.20:8188")).option("trustPlainHttp", "true").build();
        new ComfyUiEngineProvider().create(trusted).close();
    }

    @Test
    void aProxyTokenTravelsAsBearerAndUserPasswordAsBasicButNeverInAMessage() throws Exception {
        engine(Map.of(), Map.of("COMFYUI_TOKEN", "proxy-token-5150")).fill(EngineTestKit.input(),
                new RecordingProgress(), new Cancellation());
        assertTrue(comfy.requests.stream().allMatch(r -> "Bearer proxy-token-5150".equals(
                r.getHeaders().get("Authorization"))), "every call, /view included, passes the proxy");

        comfy.executionError = "failed with proxy-token-5150 in the text";
        EngineException e = assertThrows(EngineException.class, () -> engine(Map.of(),
                Map.of("COMFYUI_TOKEN", "proxy-token-5150")).fill(EngineTestKit.input(), new RecordingProgress(),
                new Cancellation()));
        EngineTestKit.assertNoSecret(e, "proxy-token-5150");

        comfy.executionError = null;
        comfy.requests.clear();
        engine(Map.of(), Map.of("COMFYUI_TOKEN", "studio:s3cret")).fill(EngineTestKit.input(),
                new RecordingProgress(), new Cancellation());
        assertEquals("Basic c3R1ZGlvOnMzY3JldA==", comfy.requests.get(0).getHeaders().get("Authorization"));
        assertNull(comfy.requests.stream().filter(r -> r.getHeaders().get("Authorization") == null).findAny()
                .orElse(null));
        assertFalse(comfy.requests.isEmpty());
    }
}
