package com.maskfill.engine.remote.replicate;

import static com.maskfill.engine.remote.ScriptedServer.bytes;
import static com.maskfill.engine.remote.ScriptedServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.CredentialSource;
import com.maskfill.engine.api.engine.Engine;
import com.maskfill.engine.api.engine.EngineContext;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.EngineException.Category;
import com.maskfill.engine.api.engine.EngineInput;
import com.maskfill.engine.api.engine.EngineResult;
import com.maskfill.engine.api.engine.ProgressEvent;
import com.maskfill.engine.api.engine.ProgressEvent.Stage;
import com.maskfill.engine.api.engine.SubmittedJob;
import com.maskfill.engine.api.request.Lora;
import com.maskfill.engine.api.request.Mask;
import com.maskfill.engine.remote.EngineTestKit;
import com.maskfill.engine.remote.EngineTestKit.RecordingProgress;
import com.maskfill.engine.remote.ProviderContractTest;
import com.maskfill.engine.remote.ScriptedServer;
import com.maskfill.engine.remote.http.TestImages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;

/** FLUX.1 Fill [dev] and [pro] on Replicate against a fake that answers as the predictions API does (§3). */
class ReplicateEngineTest extends ProviderContractTest {

    private static final String TOKEN = "r8_test_token_0123456789";
    private static final String DEV = "/v1/models/black-forest-labs/flux-fill-dev/predictions";
    private static final String PRO = "/v1/models/black-forest-labs/flux-fill-pro/predictions";
    private static final String GET = "/v1/predictions/p1";
    private static final String CANCEL = "/v1/predictions/p1/cancel";

    private Engine engine(ReplicateEngineProvider provider) throws EngineException {
        return provider.create(EngineTestKit.context(server.root(), "REPLICATE_API_TOKEN", TOKEN),
                EngineTestKit.fastTuning(sleeper));
    }

    private Engine engine() throws EngineException {
        return engine(new ReplicateEngineProvider());
    }

    private MockResponse prediction(int code, String status, String output, String error, String logs) {
        return json(code, "{\"id\":\"p1\",\"model\":\"black-forest-labs/flux-fill-dev\",\"version\":\"hidden\","
                + "\"status\":\"" + status + "\",\"input\":{},\"output\":" + output + ",\"error\":" + error + ","
                + "\"logs\":\"" + logs + "\",\"metrics\":{\"predict_time\":2.5},"
                + "\"urls\":{\"get\":\"" + server.url(GET) + "\",\"cancel\":\"" + server.url(CANCEL) + "\"}}");
    }

    private MockResponse starting() {
        return prediction(201, "starting", "null", "null", "");
    }

    private MockResponse processing(String logs) {
        return prediction(200, "processing", "null", "null", logs);
    }

    private MockResponse succeeded(int outputs) {
        StringBuilder urls = new StringBuilder("[");
        for (int i = 0; i < outputs; i++) {
            urls.append(i == 0 ? "" : ",").append('"').append(server.url("/delivery/out-" + i + ".png")).append('"');
        }
        return prediction(200, "succeeded", urls + "]", "null", "");
    }

    private void scriptHappy() {
        server.on("POST", DEV, starting());
        server.on("GET", GET, processing(" 65%|######5   | 13/20 [00:02<00:01, 5.1it/s]"), succeeded(1));
        server.on("GET", "/delivery/out-0.png", bytes("image/png", TestImages.png(32, 16, Color.RED)));
    }

    private EngineException failure() {
        return assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
    }

    @Test
    void devCreatesOnePredictionWithDataUrlsPollsWithStepsAndDownloadsEveryOutput() throws Exception {
        server.on("POST", DEV, starting());
        server.on("GET", GET, processing("  5%|5 | 1/20 [00:00<?, ?it/s]\\n 65%|######5   | 13/20 [00:02<00:01, 5.1it/s]"),
                succeeded(2));
        server.on("GET", "/delivery/out-0.png", bytes("image/png", TestImages.png(32, 16, Color.RED)));
        server.on("GET", "/delivery/out-1.png", bytes("image/webp", TestImages.WEBP_4X3));
        RecordingProgress progress = new RecordingProgress();

        EngineResult result = engine().fill(EngineTestKit.input(2, List.of(Lora.of("fofr/flux-80s-cyberpunk", 0.8))),
                progress, new Cancellation());

        assertEquals(2, result.images().size());
        assertEquals(32, result.images().get(1).getWidth(), "outputs are brought to the size sent");
        assertEquals("p1", result.providerJobId().orElseThrow());
        assertEquals(Duration.ofMillis(2500), result.timings().inference().orElseThrow());
        assertTrue(progress.events().contains(ProgressEvent.running(13, 20)), progress.events().toString());
        assertEquals(List.of(Stage.QUEUED, Stage.RUNNING, Stage.DOWNLOADING), progress.stages());

        RecordedRequest submit = server.requests("POST", DEV).get(0);
        assertEquals("Bearer " + TOKEN, submit.getHeaders().get("Authorization"));
        assertEquals("wait=5", submit.getHeaders().get("Prefer"));
        assertEquals("1m", submit.getHeaders().get("Cancel-After"));
        JsonNode in = MAPPER.readTree(submit.getBody().utf8()).get("input");
        assertTrue(in.get("image").asText().startsWith("data:image/png;base64,"));
        assertTrue(in.get("mask").asText().startsWith("data:image/png;base64,"));
        assertEquals("a red apple", in.get("prompt").asText());
        assertEquals(2, in.get("num_outputs").asInt());
        assertEquals(20, in.get("num_inference_steps").asInt());
        assertEquals(30.0, in.get("guidance").asDouble());
        assertEquals(1234, in.get("seed").asLong());
        assertEquals("match_input", in.get("megapixels").asText());
        assertEquals("png", in.get("output_format").asText());
        assertEquals("fofr/flux-80s-cyberpunk", in.get("lora_weights").asText());
        assertEquals(0.8, in.get("lora_scale").asDouble());
        assertFalse(in.has("disable_safety_checker"), "the switch is sent only when it is off");
        for (RecordedRequest poll : server.requests("GET", GET)) {
            assertEquals("Bearer " + TOKEN, poll.getHeaders().get("Authorization"));
        }
        assertNull(server.requests("GET", "/delivery/out-0.png").get(0).getHeaders().get("Authorization"));
        assertEquals(1, server.count("POST", DEV));
    }

    @Test
    void answerThatArrivesWithTheSubmissionIsNotPolled() throws Exception {
        server.on("POST", DEV, succeeded(1));
        server.on("GET", "/delivery/out-0.png", bytes("image/png", TestImages.png(32, 16, Color.RED)));
        engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation());
        assertEquals(0, server.count("GET", GET));
    }

    @Test
    void proSendsItsOwnFieldsAndReadsItsSingleOutputUrl() throws Exception {
        server.on("POST", PRO, starting());
        server.on("GET", GET, prediction(200, "succeeded", "\"" + server.url("/delivery/out-0.png") + "\"", "null", ""));
        server.on("GET", "/delivery/out-0.png", bytes("image/png", TestImages.png(32, 16, Color.GREEN)));
        EngineContext context = EngineContext.builder().credentials(CredentialSource.of(Map.of("REPLICATE_API_TOKEN", TOKEN)))
                .endpoint(URI.create(server.root())).option("safety-tolerance", "4").build();

        EngineResult result = new ReplicateProEngineProvider().create(context, EngineTestKit.fastTuning(sleeper))
                .fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation());

        assertEquals(Color.GREEN.getRGB(), result.images().get(0).getRGB(0, 0));
        JsonNode in = MAPPER.readTree(server.requests("POST", PRO).get(0).getBody().utf8()).get("input");
        assertEquals(20, in.get("steps").asInt());
        assertEquals(30.0, in.get("guidance").asDouble());
        assertEquals(4, in.get("safety_tolerance").asInt());
        assertEquals("png", in.get("output_format").asText());
        assertFalse(in.has("num_outputs") || in.has("lora_weights") || in.has("megapixels"), in.toString());
    }

    @Test
    void capabilitiesFollowEachModel() {
        var dev = new ReplicateEngineProvider().capabilities();
        assertEquals(1440, dev.sideRange().max());
        assertEquals(32, dev.sizeMultiple(), "flux-fill-dev snaps sides to 32, so crops are planned that way");
        assertEquals(1, dev.maxLoras());
        assertEquals(4, dev.maxImages());
        var pro = new ReplicateProEngineProvider().capabilities();
        assertEquals(1, pro.maxImages());
        assertEquals(0, pro.maxLoras());
        assertFalse(pro.safetyCheckerOptional());
        assertEquals(List.of("REPLICATE_API_TOKEN"), pro.credentialNames());
    }

    @Test
    void inputsLargerThanTheInlineLimitGoThroughTheFilesApi() throws Exception {
        server.on("POST", "/v1/files", json(201, "{\"id\":\"f1\",\"urls\":{\"get\":\"https://api.replicate.com/v1/files/f1\"}}"));
        server.on("POST", DEV, succeeded(1));
        server.on("GET", "/delivery/out-0.png", bytes("image/png", TestImages.png(32, 16, Color.RED)));
        BufferedImage noisy = new BufferedImage(512, 512, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(1);
        for (int y = 0; y < 512; y++) {
            for (int x = 0; x < 512; x++) {
                noisy.setRGB(x, y, random.nextInt(0xFFFFFF));
            }
        }
        EngineInput big = new EngineInput(noisy, Mask.of(512, 512, new byte[512 * 512]), "x", 20, 30, 1, 1, List.of(), true);

        engine().fill(big, new RecordingProgress(), new Cancellation());

        RecordedRequest upload = server.requests("POST", "/v1/files").get(0);
        assertEquals("Bearer " + TOKEN, upload.getHeaders().get("Authorization"));
        assertTrue(upload.getBody().utf8().contains("name=\"content\"; filename=\"image.png\""));
        JsonNode in = MAPPER.readTree(server.requests("POST", DEV).get(0).getBody().utf8()).get("input");
        assertEquals("https://api.replicate.com/v1/files/f1", in.get("image").asText());
        assertTrue(in.get("mask").asText().startsWith("data:"), "the all-black mask is small enough to go inline");
        assertEquals(1, server.count("DELETE", "/v1/files/f1"), "the uploaded photo is deleted after the job");
    }

    @Test
    void uploadedPhotoIsKeptWhileAPredictionMayStillNeedIt() throws Exception {
        server.on("POST", "/v1/files", json(201, "{\"id\":\"f1\",\"urls\":{\"get\":\"https://api.replicate.com/v1/files/f1\"}}"));
        server.on("POST", DEV, new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
        assertThrows(EngineException.class, () -> engine().fill(bigInput(), new RecordingProgress(), new Cancellation()));
        assertEquals(0, server.count("DELETE", "/v1/files/f1"), "the submission may have reached Replicate");

        server.on("POST", DEV, json(422, "{\"detail\":\"bad\",\"invalid_fields\":[]}"));
        assertThrows(EngineException.class, () -> engine().fill(bigInput(), new RecordingProgress(), new Cancellation()));
        assertEquals(1, server.count("DELETE", "/v1/files/f1"), "a refused submission needs no inputs");
    }

    private static EngineInput bigInput() {
        BufferedImage noisy = new BufferedImage(512, 512, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(1);
        for (int y = 0; y < 512; y++) {
            for (int x = 0; x < 512; x++) {
                noisy.setRGB(x, y, random.nextInt(0xFFFFFF));
            }
        }
        return new EngineInput(noisy, Mask.of(512, 512, new byte[512 * 512]), "x", 20, 30, 1, 1, List.of(), true);
    }

    @Test
    void loraScaleOutsideTheModelsRangeIsRefusedBeforeAnythingIsSent() {
        EngineException e = assertThrows(EngineException.class, () -> engine().fill(
                EngineTestKit.input(1, List.of(Lora.of("fofr/flux-80s-cyberpunk", 3.5))), new RecordingProgress(),
                new Cancellation()));
        assertEquals(Category.INVALID_INPUT, e.category());
        assertTrue(e.getMessage().contains("lora scale") && e.getMessage().contains("-1–3"), e.getMessage());
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void submissionWhoseConnectionClosesAfterTheServerReadItIsSentOnceAndMayHaveBeenSubmitted() throws Exception {
        server.on("POST", DEV, new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build(),
                starting());
        EngineException e = failure();
        assertEquals(1, server.count("POST", DEV));
        assertEquals(Category.NETWORK, e.category());
        assertTrue(e.getMessage().contains("may have received the job"), e.getMessage());
    }

    @Test
    void pollWhoseConnectionDropsIsAskedAgainAndTheJobSucceeds() throws Exception {
        server.on("POST", DEV, starting());
        server.on("GET", GET, new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build(),
                succeeded(1));
        server.on("GET", "/delivery/out-0.png", bytes("image/png", TestImages.png(32, 16, Color.RED)));
        engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation());
        assertEquals(2, server.count("GET", GET));
        assertEquals(1, server.count("POST", DEV));
    }

    @Test
    void serverErrorOnAPollIsRetriedAndTheJobSucceeds() throws Exception {
        server.on("POST", DEV, starting());
        server.on("GET", GET, json(500, "{\"detail\":\"Internal server error\"}"), succeeded(1));
        server.on("GET", "/delivery/out-0.png", bytes("image/png", TestImages.png(32, 16, Color.RED)));
        engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation());
        assertEquals(2, server.count("GET", GET));
    }

    @Test
    void outputRedirectedToAnotherHostIsFollowedWithoutTheToken() throws Exception {
        try (ScriptedServer cdn = new ScriptedServer()) {
            cdn.on("GET", "/pbxt/out.png", bytes("image/png", TestImages.png(32, 16, Color.BLUE)));
            server.on("POST", DEV, succeeded(1));
            server.on("GET", "/delivery/out-0.png", new MockResponse.Builder().code(307)
                    .addHeader("Location", cdn.url("/pbxt/out.png")).build());
            EngineResult result = engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation());
            assertEquals(Color.BLUE.getRGB(), result.images().get(0).getRGB(0, 0));
            assertNull(cdn.requests("GET", "/pbxt/out.png").get(0).getHeaders().get("Authorization"));
        }
    }

    @Test
    void outputBodyCutShortIsFetchedAgain() throws Exception {
        byte[] png = TestImages.png(32, 16, Color.ORANGE);
        server.on("POST", DEV, succeeded(1));
        server.on("GET", "/delivery/out-0.png", new MockResponse.Builder().code(200).addHeader("Content-Type", "image/png")
                .body(new okio.Buffer().write(png)).onResponseBody(new SocketEffect.CloseSocket()).build(),
                bytes("image/png", png));
        EngineResult result = engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation());
        assertEquals(Color.ORANGE.getRGB(), result.images().get(0).getRGB(3, 3));
        assertEquals(2, server.count("GET", "/delivery/out-0.png"));
    }

    @Test
    void expiredOutputIsAProviderFailureSayingOutputsLiveAnHour() throws Exception {
        server.on("POST", DEV, succeeded(1));
        server.on("GET", "/delivery/out-0.png", json(404, "{\"detail\":\"Not found\"}"));
        EngineException e = failure();
        assertEquals(Category.PROVIDER_FAILED, e.category());
        assertTrue(e.getMessage().contains("an hour"), e.getMessage());
    }

    @Test
    void unauthenticatedTokenIsAnAuthenticationFailureThatNeverShowsTheToken() throws Exception {
        server.on("POST", DEV, json(401, "{\"title\":\"Unauthenticated\",\"detail\":\"Invalid token " + TOKEN
                + "\",\"status\":401}"));
        EngineException e = failure();
        assertEquals(Category.AUTHENTICATION, e.category());
        assertTrue(e.getMessage().contains("REPLICATE_API_TOKEN"), e.getMessage());
        EngineTestKit.assertNoSecret(e, TOKEN);
    }

    @Test
    void forbiddenTokenIsAnAuthenticationFailure() throws Exception {
        server.on("POST", DEV, json(403, "{\"title\":\"Forbidden\",\"detail\":\"You do not have permission\","
                + "\"status\":403}"));
        EngineException e = failure();
        assertEquals(Category.AUTHENTICATION, e.category());
        assertTrue(e.getMessage().contains("REPLICATE_API_TOKEN"), e.getMessage());
    }

    @Test
    void insufficientCreditIsQuotaInReplicatesWords() throws Exception {
        server.on("POST", DEV, json(402, "{\"title\":\"Insufficient credit\",\"detail\":\"You have insufficient credit "
                + "to run this model. Go to https://replicate.com/account/billing#billing to purchase credit.\",\"status\":402}"));
        EngineException e = failure();
        assertEquals(Category.QUOTA, e.category());
        assertTrue(e.getMessage().contains("insufficient credit to run this model"), e.getMessage());
        assertEquals(1, server.count("POST", DEV));
    }

    @Test
    void invalidInputIsReportedNamingTheField() throws Exception {
        server.on("POST", DEV, json(422, "{\"detail\":\"- input.guidance: Must be less than or equal to 5\\n\","
                + "\"status\":422,\"title\":\"Input validation failed\",\"invalid_fields\":[{\"type\":\"less_than_equal\","
                + "\"field\":\"input.guidance\",\"description\":\"Must be less than or equal to 5\"}]}"));
        EngineException e = failure();
        assertEquals(Category.INVALID_INPUT, e.category());
        assertTrue(e.getMessage().contains("rejected guidance") && e.getMessage().contains("less than or equal to 5"),
                e.getMessage());
    }

    @Test
    void throttledSubmissionIsQuotaAndIsNotRepeated() throws Exception {
        server.on("POST", DEV, new MockResponse.Builder().code(429).addHeader("Retry-After", "30")
                .body("{\"detail\":\"Request was throttled. Your rate limit resets in ~30s.\",\"status\":429}").build());
        EngineException e = failure();
        assertEquals(Category.QUOTA, e.category());
        assertTrue(e.getMessage().contains("30 s"), e.getMessage());
        assertEquals(1, server.count("POST", DEV));
    }

    @Test
    void serverErrorOnSubmitIsNotRepeated() throws Exception {
        server.on("POST", DEV, json(502, "{}"), starting());
        EngineException e = failure();
        assertEquals(Category.PROVIDER_FAILED, e.category());
        assertEquals(1, server.count("POST", DEV));
    }

    @Test
    void failedPredictionCarriesReplicatesErrorAndASafetyRefusalIsFlagged() throws Exception {
        server.on("POST", DEV, starting());
        server.on("GET", GET, prediction(200, "failed", "null", "\"CUDA out of memory\"", ""));
        EngineException failed = failure();
        assertEquals(Category.PROVIDER_FAILED, failed.category());
        assertEquals("CUDA out of memory", failed.providerDetail().orElseThrow());

        server.on("GET", GET, prediction(200, "failed", "null",
                "\"Prediction failed: the input or output was flagged as sensitive (E005)\"", ""));
        assertEquals(Category.SAFETY_FLAGGED, failure().category());
    }

    @Test
    void cancellingMidJobCancelsThePredictionThroughItsCancelUrl() throws Exception {
        server.on("POST", DEV, starting());
        server.on("GET", GET, processing(""));
        server.on("POST", CANCEL, prediction(200, "canceled", "null", "null", ""));
        Cancellation cancellation = new Cancellation();
        RecordingProgress progress = new RecordingProgress(Stage.RUNNING, cancellation::cancel);
        EngineException e = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), progress, cancellation));
        assertEquals(Category.CANCELLED, e.category());
        assertEquals(1, server.count("POST", CANCEL));
        assertEquals("Bearer " + TOKEN, server.requests("POST", CANCEL).get(0).getHeaders().get("Authorization"));
    }

    @Test
    void pollOutageLongerThanThePatienceLeavesThePredictionRunningAndResumeFetchesItById() throws Exception {
        server.on("POST", DEV, starting());
        server.on("GET", GET, json(503, "{}"));
        server.on("POST", CANCEL, prediction(200, "canceled", "null", "null", ""));
        Engine engine = engine();
        EngineException e = assertThrows(EngineException.class,
                () -> engine.fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
        assertEquals(0, server.count("POST", CANCEL), "a prediction that may still deliver is not cancelled");
        SubmittedJob job = e.submittedJob().orElseThrow();
        assertEquals("p1", job.jobId());
        assertEquals("replicate", job.engineId());

        server.on("GET", GET, succeeded(1));
        server.on("GET", "/delivery/out-0.png", bytes("image/png", TestImages.png(32, 16, Color.RED)));
        EngineResult result = engine.resume(job, EngineTestKit.input(), new RecordingProgress(), new Cancellation());
        assertEquals(Color.RED.getRGB(), result.images().get(0).getRGB(0, 0));
        assertEquals(1, server.count("POST", DEV), "resuming creates nothing");
    }

    @Test
    void stepsAreReadFromTheLastProgressLineOfTheLogs() {
        assertEquals(ProgressEvent.running(28, 28), ReplicateEngine.lastStep(
                "Using seed: 1\n  0%|          | 0/28 [00:00<?, ?it/s]\n100%|##########| 28/28 [00:05<00:00, 5.0it/s]\n")
                .orElseThrow());
        assertTrue(ReplicateEngine.lastStep("Loading LoRA weights").isEmpty());
    }
}
