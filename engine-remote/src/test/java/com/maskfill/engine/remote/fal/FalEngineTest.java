package com.maskfill.engine.remote.fal;

import static com.maskfill.engine.remote.ScriptedServer.bytes;
import static com.maskfill.engine.remote.ScriptedServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.Engine;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.EngineException.Category;
import com.maskfill.engine.api.engine.EngineResult;
import com.maskfill.engine.api.engine.ProgressEvent;
import com.maskfill.engine.api.engine.ProgressEvent.Stage;
import com.maskfill.engine.api.engine.SubmittedJob;
import com.maskfill.engine.api.request.Lora;
import com.maskfill.engine.remote.EngineTestKit;
import com.maskfill.engine.remote.EngineTestKit.RecordingProgress;
import com.maskfill.engine.remote.ProviderContractTest;
import com.maskfill.engine.remote.ScriptedServer;
import com.maskfill.engine.remote.http.TestImages;
import java.awt.Color;
import java.time.Duration;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;

/** fal's queue with FLUX.1 Fill [dev] (LoRA) and [pro], against a fake that answers as fal-js expects (§2). */
class FalEngineTest extends ProviderContractTest {

    private static final String KEY = "fal-key-id:fal-key-secret-0123456789";
    private static final String INITIATE = "/storage/upload/initiate";
    private static final String DEV = "/fal-ai/flux-lora-fill";
    private static final String REQUEST = DEV + "/requests/r1";
    private static final String STATUS = REQUEST + "/status";
    private static final String CANCEL = REQUEST + "/cancel";

    private Engine engine(FalEngineProvider provider) throws EngineException {
        return provider.create(EngineTestKit.context(server.root(), "FAL_KEY", KEY), EngineTestKit.fastTuning(sleeper));
    }

    private Engine engine() throws EngineException {
        return engine(new FalEngineProvider());
    }

    private MockResponse ticket(String name) {
        return json(200, "{\"upload_url\":\"" + server.url("/upload/" + name) + "\","
                + "\"file_url\":\"https://v3.fal.media/files/" + name + "\"}");
    }

    private MockResponse queued(String request) {
        return json(200, "{\"request_id\":\"r1\",\"response_url\":\"" + server.url(request) + "\","
                + "\"status_url\":\"" + server.url(request + "/status") + "\",\"cancel_url\":\""
                + server.url(request + "/cancel") + "\",\"status\":\"IN_QUEUE\",\"queue_position\":2}");
    }

    private static MockResponse status(String status, String extra) {
        return json(status.equals("COMPLETED") ? 200 : 202, "{\"status\":\"" + status + "\"" + extra + "}");
    }

    private static MockResponse inProgress(String log) {
        return status("IN_PROGRESS", ",\"logs\":[{\"message\":\"" + log + "\",\"level\":\"INFO\",\"source\":\"user\","
                + "\"timestamp\":\"2026-12-02T20:00:00Z\"}]");
    }

    private static MockResponse completed() {
        return status("COMPLETED", ",\"logs\":[],\"metrics\":{\"inference_time\":3.25}");
    }

    private MockResponse output(int images, String nsfw) {
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < images; i++) {
            list.append(i == 0 ? "" : ",").append("{\"url\":\"").append(server.url("/media/out-" + i + ".png"))
                    .append("\",\"width\":32,\"height\":16,\"content_type\":\"image/png\"}");
        }
        return json(200, "{\"images\":" + list + "],\"seed\":1234,\"has_nsfw_concepts\":" + nsfw
                + ",\"prompt\":\"a red apple\",\"timings\":{\"inference\":3.2}}");
    }

    private void scriptUploads() {
        server.on("POST", INITIATE, ticket("image.png"), ticket("mask.png"));
        server.on("PUT", "/upload/image.png", json(200, ""));
        server.on("PUT", "/upload/mask.png", json(200, ""));
    }

    private void scriptHappy() {
        scriptUploads();
        server.on("POST", DEV, queued(REQUEST));
        server.on("GET", STATUS, status("IN_QUEUE", ",\"queue_position\":0"), inProgress("Loading LoRA weights"),
                completed());
        server.on("GET", REQUEST, output(1, "[false]"));
        server.on("GET", "/media/out-0.png", bytes("image/png", TestImages.png(32, 16, Color.RED)));
    }

    private EngineException failure() {
        return assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
    }

    @Test
    void devUploadsToTheCdnSubmitsOnceFollowsTheQueueAndFetchesTheOutputs() throws Exception {
        scriptHappy();
        RecordingProgress progress = new RecordingProgress();

        EngineResult result = engine().fill(EngineTestKit.input(1, List.of(Lora.of("https://example.com/yarn.safetensors", 1.2))),
                progress, new Cancellation());

        assertEquals(Color.RED.getRGB(), result.images().get(0).getRGB(0, 0));
        assertEquals("r1", result.providerJobId().orElseThrow());
        assertEquals(1234L, result.seed().getAsLong());
        assertEquals(List.of(false), result.nsfwFlags());
        assertEquals(Duration.ofMillis(3250), result.timings().inference().orElseThrow());
        assertTrue(progress.events().contains(ProgressEvent.queued(3)), "fal's position 2 is third in line");
        assertTrue(progress.events().contains(ProgressEvent.queued(1)));
        assertTrue(progress.events().stream().anyMatch(e -> e.stage() == Stage.RUNNING
                && "Loading LoRA weights".equals(e.detail())), progress.events().toString());
        assertEquals(List.of(Stage.UPLOADING, Stage.QUEUED, Stage.RUNNING, Stage.DOWNLOADING), progress.stages());

        RecordedRequest initiate = server.requests("POST", INITIATE).get(0);
        assertEquals("Key " + KEY, initiate.getHeaders().get("Authorization"));
        assertEquals("fal-cdn-v3", initiate.getUrl().queryParameter("storage_type"));
        assertEquals(FalApi.UPLOAD_LIFECYCLE, initiate.getHeaders().get("X-Fal-Object-Lifecycle"));
        assertEquals("image.png", MAPPER.readTree(initiate.getBody().utf8()).get("file_name").asText());
        RecordedRequest put = server.requests("PUT", "/upload/image.png").get(0);
        assertNull(put.getHeaders().get("Authorization"), "the signed storage URL gets no key");
        assertEquals("image/png", put.getHeaders().get("Content-Type"));

        RecordedRequest submit = server.requests("POST", DEV).get(0);
        assertEquals("Key " + KEY, submit.getHeaders().get("Authorization"));
        JsonNode body = MAPPER.readTree(submit.getBody().utf8());
        assertEquals("https://v3.fal.media/files/image.png", body.get("image_url").asText());
        assertEquals("https://v3.fal.media/files/mask.png", body.get("mask_url").asText());
        assertEquals(20, body.get("num_inference_steps").asInt());
        assertEquals(30.0, body.get("guidance_scale").asDouble());
        assertEquals(32, body.get("image_size").get("width").asInt());
        assertTrue(body.get("resize_to_original").asBoolean());
        assertTrue(body.get("paste_back").asBoolean());
        assertEquals("https://example.com/yarn.safetensors", body.get("loras").get(0).get("path").asText());
        assertEquals(1.2, body.get("loras").get(0).get("scale").asDouble());
        assertEquals("png", body.get("output_format").asText());
        assertTrue(body.get("enable_safety_checker").asBoolean());
        assertFalse(body.get("sync_mode").asBoolean());
        for (RecordedRequest poll : server.requests("GET", STATUS)) {
            assertEquals("1", poll.getUrl().queryParameter("logs"));
            assertEquals("Key " + KEY, poll.getHeaders().get("Authorization"));
        }
        assertNull(server.requests("GET", "/media/out-0.png").get(0).getHeaders().get("Authorization"));
        assertEquals(1, server.count("POST", DEV));
    }

    @Test
    void proSubmitsToItsSubpathAndFollowsTheRequestWithoutIt() throws Exception {
        scriptUploads();
        server.on("POST", "/fal-ai/flux-pro/v1/fill", json(200, "{\"request_id\":\"r1\",\"status\":\"IN_QUEUE\"}"));
        server.on("GET", "/fal-ai/flux-pro/requests/r1/status", completed());
        server.on("GET", "/fal-ai/flux-pro/requests/r1", output(1, "[false]"));
        server.on("GET", "/media/out-0.png", bytes("image/png", TestImages.png(32, 16, Color.GREEN)));

        EngineResult result = engine(new FalProEngineProvider()).fill(EngineTestKit.input(), new RecordingProgress(),
                new Cancellation());

        assertEquals(Color.GREEN.getRGB(), result.images().get(0).getRGB(0, 0));
        JsonNode body = MAPPER.readTree(server.requests("POST", "/fal-ai/flux-pro/v1/fill").get(0).getBody().utf8());
        assertEquals("2", body.get("safety_tolerance").asText());
        assertTrue(body.get("safety_tolerance").isTextual(), "this endpoint takes the tolerance as a string");
        assertFalse(body.has("num_inference_steps") || body.has("guidance_scale") || body.has("loras"), body.toString());
        assertEquals(1, server.count("GET", "/fal-ai/flux-pro/requests/r1/status"));
    }

    @Test
    void capabilitiesFollowEachEndpoint() {
        var dev = new FalEngineProvider().capabilities();
        assertEquals(3, dev.maxLoras());
        assertTrue(dev.safetyCheckerOptional());
        var pro = new FalProEngineProvider().capabilities();
        assertEquals(0, pro.maxLoras());
        assertFalse(pro.safetyCheckerOptional());
        assertEquals("safety-tolerance", pro.settings().get(0).key());
        assertEquals(List.of("FAL_KEY"), pro.credentialNames());
    }

    @Test
    void gatewayErrorsOnSubmitAreNeverResent() throws Exception {
        for (int code : new int[] {502, 503, 504}) {
            try (ScriptedServer fresh = new ScriptedServer()) {
                server.close();
                server = fresh;
                scriptUploads();
                server.on("POST", DEV, new MockResponse.Builder().code(code).addHeader("Retry-After", "0")
                        .addHeader("X-Fal-Error-Type", "runner_scheduling_failure")
                        .body("{\"detail\":\"Runner scheduling failed\",\"error_type\":\"runner_scheduling_failure\"}")
                        .build(), queued(REQUEST));
                EngineException e = failure();
                assertEquals(1, server.count("POST", DEV), "HTTP " + code + " is not a reason to submit again");
                assertEquals(Category.PROVIDER_FAILED, e.category());
                assertEquals(0, server.count("GET", STATUS));
            }
        }
    }

    @Test
    void submissionWhoseConnectionClosesAfterTheServerReadItIsSentOnceAndMayHaveBeenSubmitted() throws Exception {
        scriptUploads();
        server.on("POST", DEV, new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build(),
                queued(REQUEST));
        EngineException e = failure();
        assertEquals(1, server.count("POST", DEV));
        assertEquals(Category.NETWORK, e.category());
        assertTrue(e.getMessage().contains("may have received the job"), e.getMessage());
    }

    @Test
    void statusPollWhoseConnectionDropsIsAskedAgainAndTheJobSucceeds() throws Exception {
        scriptHappy();
        server.on("GET", STATUS, new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build(),
                completed());
        engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation());
        assertEquals(2, server.count("GET", STATUS));
        assertEquals(1, server.count("POST", DEV));
    }

    @Test
    void serverErrorOnAStatusPollIsRetriedAndTheJobSucceeds() throws Exception {
        scriptHappy();
        server.on("GET", STATUS, json(500, "{\"detail\":\"Internal Server Error\"}"), completed());
        engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation());
        assertEquals(2, server.count("GET", STATUS));
    }

    @Test
    void statusUrlOutsideFalIsNotSentTheKey() throws Exception {
        scriptHappy();
        server.on("POST", DEV, json(200, "{\"request_id\":\"r1\",\"status_url\":\"https://collector.example.com/s\","
                + "\"response_url\":\"https://collector.example.com/r\",\"status\":\"IN_QUEUE\"}"));
        engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation());
        assertTrue(server.count("GET", STATUS) >= 1, "the documented status path is asked instead");
        assertEquals(1, server.count("GET", REQUEST));
    }

    @Test
    void outputRedirectedToAnotherHostIsFollowedWithoutTheKey() throws Exception {
        try (ScriptedServer cdn = new ScriptedServer()) {
            scriptHappy();
            cdn.on("GET", "/files/out.png", bytes("image/png", TestImages.png(32, 16, Color.BLUE)));
            server.on("GET", "/media/out-0.png", new MockResponse.Builder().code(301)
                    .addHeader("Location", cdn.url("/files/out.png")).build());
            EngineResult result = engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation());
            assertEquals(Color.BLUE.getRGB(), result.images().get(0).getRGB(0, 0));
            assertNull(cdn.requests("GET", "/files/out.png").get(0).getHeaders().get("Authorization"));
        }
    }

    @Test
    void outputBodyCutShortIsFetchedAgain() throws Exception {
        scriptHappy();
        byte[] png = TestImages.png(32, 16, Color.MAGENTA);
        server.on("GET", "/media/out-0.png", new MockResponse.Builder().code(200).addHeader("Content-Type", "image/png")
                .body(new okio.Buffer().write(png)).onResponseBody(new SocketEffect.CloseSocket()).build(),
                bytes("image/png", png));
        EngineResult result = engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation());
        assertEquals(Color.MAGENTA.getRGB(), result.images().get(0).getRGB(1, 1));
        assertEquals(2, server.count("GET", "/media/out-0.png"));
    }

    @Test
    void unauthorisedKeyIsAnAuthenticationFailureThatNeverShowsTheKey() throws Exception {
        server.on("POST", INITIATE, json(401, "{\"detail\":\"Invalid key: " + KEY + "\"}"));
        EngineException e = failure();
        assertEquals(Category.AUTHENTICATION, e.category());
        assertTrue(e.getMessage().contains("FAL_KEY"), e.getMessage());
        EngineTestKit.assertNoSecret(e, KEY, "fal-key-secret-0123456789");
        assertEquals(0, server.count("POST", DEV));
    }

    @Test
    void exhaustedBalanceIsQuotaInFalsWordsNotAnAuthenticationProblem() throws Exception {
        scriptUploads();
        server.on("POST", DEV, json(403, "{\"detail\":\"User is locked. Reason: Exhausted balance. Top up your "
                + "balance at fal.ai/dashboard/billing.\"}"));
        EngineException e = failure();
        assertEquals(Category.QUOTA, e.category());
        assertTrue(e.getMessage().contains("Exhausted balance"), e.getMessage());
        assertEquals(1, server.count("POST", DEV));
    }

    @Test
    void forbiddenKeyThatIsNotAboutTheBalanceStaysAnAuthenticationFailure() throws Exception {
        scriptUploads();
        server.on("POST", DEV, json(403, "{\"detail\":\"Key " + KEY + " may not access this application\"}"));
        EngineException e = failure();
        assertEquals(Category.AUTHENTICATION, e.category());
        EngineTestKit.assertNoSecret(e, KEY);
    }

    @Test
    void validationErrorOnTheResultIsInvalidInputNamingTheField() throws Exception {
        scriptHappy();
        server.on("GET", REQUEST, json(422, "{\"detail\":[{\"loc\":[\"body\",\"num_inference_steps\"],"
                + "\"msg\":\"Input should be less than or equal to 50\",\"type\":\"less_than_equal\"}]}"));
        EngineException e = failure();
        assertEquals(Category.INVALID_INPUT, e.category());
        assertTrue(e.getMessage().contains("num_inference_steps"), e.getMessage());
        assertEquals(1, server.count("GET", REQUEST), "a 4xx on the result is final");
    }

    @Test
    void contentPolicyRefusalOrAllFlaggedOutputsAreSafetyFlagged() throws Exception {
        scriptHappy();
        server.on("GET", REQUEST, json(422, "{\"detail\":[{\"loc\":[\"body\",\"prompt\"],\"msg\":\"The content "
                + "could not be processed because it contained material flagged by a content checker.\","
                + "\"type\":\"content_policy_violation\"}]}"));
        assertEquals(Category.SAFETY_FLAGGED, failure().category());

        server.on("GET", REQUEST, output(1, "[true]"));
        assertEquals(Category.SAFETY_FLAGGED, failure().category());
        assertEquals(0, server.count("GET", "/media/out-0.png"));
    }

    @Test
    void rateLimitedSubmissionIsQuotaAndIsNotRepeated() throws Exception {
        scriptUploads();
        server.on("POST", DEV, new MockResponse.Builder().code(429).addHeader("Retry-After", "3")
                .body("{\"detail\":\"Too many requests\"}").build());
        EngineException e = failure();
        assertEquals(Category.QUOTA, e.category());
        assertEquals(1, server.count("POST", DEV));
    }

    @Test
    void failedRequestReportedInTheStatusCarriesFalsError() throws Exception {
        scriptHappy();
        server.on("GET", STATUS, status("COMPLETED", ",\"error\":\"Runner disconnected\",\"error_type\":\"runner_disconnected\""));
        EngineException e = failure();
        assertEquals(Category.PROVIDER_FAILED, e.category());
        assertTrue(e.getMessage().contains("runner_disconnected"), e.getMessage());
        assertEquals("Runner disconnected", e.providerDetail().orElseThrow());
    }

    @Test
    void cancellingMidJobPutsTheReturnedCancelUrl() throws Exception {
        scriptHappy();
        server.on("GET", STATUS, inProgress("step"));
        server.on("PUT", CANCEL, json(202, "{\"status\":\"CANCELLATION_REQUESTED\"}"));
        Cancellation cancellation = new Cancellation();
        RecordingProgress progress = new RecordingProgress(Stage.RUNNING, cancellation::cancel);
        EngineException e = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), progress, cancellation));
        assertEquals(Category.CANCELLED, e.category());
        assertEquals(1, server.count("PUT", CANCEL));
        assertEquals("Key " + KEY, server.requests("PUT", CANCEL).get(0).getHeaders().get("Authorization"));
    }

    @Test
    void statusOutageLongerThanThePatienceLeavesTheRequestRunningAndResumeFollowsIt() throws Exception {
        scriptHappy();
        server.on("GET", STATUS, json(503, "{\"detail\":\"unavailable\"}"));
        server.on("PUT", CANCEL, json(202, "{\"status\":\"CANCELLATION_REQUESTED\"}"));
        Engine engine = engine();
        EngineException e = assertThrows(EngineException.class,
                () -> engine.fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
        assertEquals(0, server.count("PUT", CANCEL));
        SubmittedJob job = e.submittedJob().orElseThrow();
        assertEquals("r1", job.jobId());
        assertEquals("fal", job.engineId());

        server.on("GET", STATUS, completed());
        EngineResult result = engine.resume(job, EngineTestKit.input(), new RecordingProgress(), new Cancellation());
        assertEquals(Color.RED.getRGB(), result.images().get(0).getRGB(0, 0));
        assertEquals(1, server.count("POST", DEV), "resuming submits nothing");
    }
}
