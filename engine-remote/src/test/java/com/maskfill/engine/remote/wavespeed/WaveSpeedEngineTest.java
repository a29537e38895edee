package com.maskfill.engine.remote.wavespeed;

import static com.maskfill.engine.remote.ScriptedServer.bytes;
import static com.maskfill.engine.remote.ScriptedServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.Engine;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.EngineException.Category;
import com.maskfill.engine.api.engine.EngineResult;
import com.maskfill.engine.api.engine.SubmittedJob;
import com.maskfill.engine.api.engine.ProgressEvent.Stage;
import com.maskfill.engine.api.request.Lora;
import com.maskfill.engine.remote.EngineTestKit;
import com.maskfill.engine.remote.EngineTestKit.RecordingProgress;
import com.maskfill.engine.remote.ProviderContractTest;
import com.maskfill.engine.remote.http.TestImages;
import java.awt.Color;
import java.time.Duration;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;

/** WaveSpeedAI v3/v2 against a fake that reproduces the documented shapes (hosted-apis.md §2, seeds 000–002). */
class WaveSpeedEngineTest extends ProviderContractTest {

    private static final String KEY = "ws-test-key-0123456789";
    private static final String SUBMIT = "/api/v3/wavespeed-ai/flux-fill-dev";
    private static final String UPLOAD = "/api/v3/media/upload/binary";
    private static final String RESULT = "/api/v3/predictions/pred_1/result";
    private static final String DELETE = "/api/v3/predictions/pred_1";

    private Engine engine(WaveSpeedEngineProvider provider, Duration jobTimeout) throws EngineException {
        return provider.create(EngineTestKit.context(server.root(), "WAVESPEED_API_KEY", KEY),
                EngineTestKit.fastTuning(sleeper, jobTimeout));
    }

    private Engine engine() throws EngineException {
        return engine(new WaveSpeedEngineProvider(), Duration.ofSeconds(2));
    }

    private MockResponse upload(String name) {
        return json(200, "{\"code\":200,\"message\":\"success\",\"data\":{\"type\":\"image\",\"download_url\":"
                + "\"https://cdn.example.com/" + name + "\",\"filename\":\"" + name + "\",\"size\":100}}");
    }

    private MockResponse prediction(String status, String outputs, String nsfw, String error) {
        return json(200, "{\"code\":200,\"message\":\"success\",\"data\":{\"id\":\"pred_1\","
                + "\"model\":\"wavespeed-ai/flux-fill-dev\",\"outputs\":" + outputs + ","
                + "\"urls\":{\"get\":\"" + server.url(RESULT) + "\"},\"has_nsfw_contents\":" + nsfw + ","
                + "\"status\":\"" + status + "\",\"created_at\":\"2026-11-21T14:00:00.000Z\",\"error\":\"" + error + "\","
                + "\"timings\":{\"inference\":2500}}}");
    }

    private MockResponse created() {
        return prediction("created", "[]", "[]", "");
    }

    private MockResponse completed(int outputs) {
        StringBuilder urls = new StringBuilder("[");
        StringBuilder flags = new StringBuilder("[");
        for (int i = 0; i < outputs; i++) {
            urls.append(i == 0 ? "" : ",").append('"').append(server.url("/out/" + i + ".png")).append('"');
            flags.append(i == 0 ? "" : ",").append("false");
        }
        return prediction("completed", urls + "]", flags + "]", "");
    }

    /** Uploads and submit answered as documented; the poll script is the test's. */
    private void scriptHappyStart() {
        server.on("POST", UPLOAD, upload("image.png"), upload("mask.png"));
        server.on("POST", SUBMIT, created());
    }

    @Test
    void fillUploadsSubmitsPollsAndDownloadsScaledToTheInputSize() throws Exception {
        scriptHappyStart();
        server.on("GET", RESULT, prediction("processing", "[]", "[]", ""), completed(2));
        server.on("GET", "/out/0.png", bytes("image/png", TestImages.png(64, 32, Color.RED)));
        server.on("GET", "/out/1.png", bytes("image/webp", TestImages.WEBP_4X3));
        RecordingProgress progress = new RecordingProgress();

        EngineResult result = engine().fill(EngineTestKit.input(2, List.of(Lora.of("linoyts/yarn_art_Flux_LoRA", 1.0))),
                progress, new Cancellation());

        assertEquals(2, result.images().size());
        for (var image : result.images()) {
            assertEquals(32, image.getWidth());
            assertEquals(16, image.getHeight());
        }
        assertEquals(Color.RED.getRGB(), result.images().get(0).getRGB(10, 10));
        assertEquals(List.of(false, false), result.nsfwFlags());
        assertEquals("pred_1", result.providerJobId().orElseThrow());
        assertEquals(Duration.ofMillis(2500), result.timings().inference().orElseThrow());
        assertTrue(result.timings().total().isEmpty(), "the shared pipeline measures the whole job, downloads included");
        assertEquals(List.of(Stage.UPLOADING, Stage.QUEUED, Stage.RUNNING, Stage.DOWNLOADING), progress.stages());

        for (RecordedRequest r : server.requests()) {
            if (!r.getUrl().encodedPath().startsWith("/out/")) {
                assertEquals("Bearer " + KEY, r.getHeaders().get("Authorization"), r.getTarget());
            } else {
                assertEquals(null, r.getHeaders().get("Authorization"), "outputs are fetched without the key");
            }
        }
        List<RecordedRequest> uploads = server.requests("POST", UPLOAD);
        assertEquals(2, uploads.size());
        String multipart = uploads.get(0).getBody().utf8();
        assertTrue(multipart.contains("name=\"file\"; filename=\"image.png\""), multipart);
        assertTrue(uploads.get(1).getBody().utf8().contains("filename=\"mask.png\""));

        RecordedRequest submit = server.requests("POST", SUBMIT).get(0);
        assertTrue(submit.getHeaders().get("Content-Type").startsWith("application/json"));
        JsonNode body = MAPPER.readTree(submit.getBody().utf8());
        assertEquals("https://cdn.example.com/image.png", body.get("image").asText());
        assertEquals("https://cdn.example.com/mask.png", body.get("mask_image").asText());
        assertEquals("a red apple", body.get("prompt").asText());
        assertEquals("32*16", body.get("size").asText());
        assertEquals(20, body.get("num_inference_steps").asInt());
        assertEquals(1234, body.get("seed").asLong());
        assertEquals(30.0, body.get("guidance_scale").asDouble());
        assertEquals(2, body.get("num_images").asInt());
        assertEquals("linoyts/yarn_art_Flux_LoRA", body.get("loras").get(0).get("path").asText());
        assertEquals(1.0, body.get("loras").get(0).get("scale").asDouble());
        assertTrue(body.get("enable_safety_checker").asBoolean());
        assertEquals(2, server.count("GET", RESULT));
    }

    @Test
    void twoStepUploadPutsTheBytesToStorageWithTheTicketsHeadersAndNoKey() throws Exception {
        for (String name : List.of("image.png", "mask.png")) {
            server.on("PUT", "/storage/" + name, json(200, ""));
        }
        server.on("POST", "/api/v3/media/uploads", ticket("image.png"), ticket("mask.png"));
        server.on("POST", SUBMIT, created());
        server.on("GET", RESULT, completed(1));
        server.on("GET", "/out/0.png", bytes("image/png", TestImages.png(32, 16, Color.RED)));

        engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation());

        RecordedRequest ticket = server.requests("POST", "/api/v3/media/uploads").get(0);
        assertEquals("Bearer " + KEY, ticket.getHeaders().get("Authorization"));
        JsonNode ask = MAPPER.readTree(ticket.getBody().utf8());
        assertEquals("image.png", ask.get("filename").asText());
        assertEquals("image/png", ask.get("content_type").asText());
        RecordedRequest put = server.requests("PUT", "/storage/image.png").get(0);
        assertEquals(ask.get("size").asLong(), put.getBodySize());
        assertEquals("image/png", put.getHeaders().get("Content-Type"));
        assertEquals("abc", put.getHeaders().get("x-amz-meta-ticket"));
        assertEquals(null, put.getHeaders().get("Authorization"));
        assertEquals(0, server.count("POST", UPLOAD));
        JsonNode body = MAPPER.readTree(server.requests("POST", SUBMIT).get(0).getBody().utf8());
        assertEquals("https://cdn.example.com/t/mask.png", body.get("mask_image").asText());
    }

    private MockResponse ticket(String name) {
        return json(200, "{\"code\":200,\"message\":\"success\",\"data\":{\"type\":\"image\","
                + "\"download_url\":\"https://cdn.example.com/t/" + name + "\",\"filename\":\"" + name + "\","
                + "\"upload\":{\"method\":\"PUT\",\"url\":\"" + server.url("/storage/" + name) + "\","
                + "\"headers\":{\"Content-Type\":\"image/png\",\"x-amz-meta-ticket\":\"abc\"}}}}");
    }

    @Test
    void uploadRefusedInsideAnHttp200IsReportedWithTheProvidersMessage() throws Exception {
        server.on("POST", "/api/v3/media/uploads",
                json(200, "{\"code\":400,\"message\":\"Upload failed: invalid file type\",\"data\":null}"));
        EngineException e = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
        assertEquals(Category.INVALID_INPUT, e.category());
        assertTrue(e.providerDetail().orElseThrow().contains("invalid file type"));
        assertEquals(0, server.count("POST", SUBMIT));
    }

    @Test
    void legacyV2UsesItsOwnSlugAndPaths() throws Exception {
        server.on("POST", "/api/v2/media/upload/binary", upload("image.png"), upload("mask.png"));
        server.on("POST", "/api/v2/wavespeed-ai/flux-dev-fill", json(200,
                "{\"code\":200,\"message\":\"success\",\"data\":{\"id\":\"pred_1\",\"status\":\"created\",\"outputs\":[]}}"));
        server.on("GET", "/api/v2/predictions/pred_1/result", completed(1));
        server.on("GET", "/out/0.png", bytes("image/png", TestImages.png(32, 16, Color.BLUE)));

        EngineResult result = engine(new WaveSpeedV2EngineProvider(), Duration.ofSeconds(2))
                .fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation());

        assertEquals(Color.BLUE.getRGB(), result.images().get(0).getRGB(0, 0));
        assertEquals(1, server.count("POST", "/api/v2/wavespeed-ai/flux-dev-fill"));
        assertEquals(0, server.count("POST", SUBMIT));
        assertEquals(0, server.count("POST", "/api/v3/media/uploads"), "v2 uses the one-shot upload only");
    }

    @Test
    void unauthorisedKeyIsAnAuthenticationFailureThatNeverShowsTheKey() throws Exception {
        server.on("POST", UPLOAD, json(401, "{\"code\":401,\"message\":\"invalid api key " + KEY + "\",\"data\":null}"));
        EngineException e = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
        assertEquals(Category.AUTHENTICATION, e.category());
        assertTrue(e.getMessage().contains("WAVESPEED_API_KEY"), e.getMessage());
        EngineTestKit.assertNoSecret(e, KEY);
        assertEquals(0, server.count("POST", SUBMIT));
    }

    @Test
    void rateLimitedSubmissionIsQuotaAndIsNotRepeated() throws Exception {
        scriptHappyStart();
        server.on("POST", SUBMIT, new MockResponse.Builder().code(429).addHeader("Retry-After", "1").build());
        EngineException e = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
        assertEquals(Category.QUOTA, e.category());
        assertEquals(1, server.count("POST", SUBMIT));
        assertTrue(sleeper.requested().isEmpty(), "no retry pause for a submission: " + sleeper.requested());
    }

    @Test
    void failedSubmissionIsNotRepeated() throws Exception {
        scriptHappyStart();
        server.on("POST", SUBMIT, json(500, "{\"code\":500,\"message\":\"internal\",\"data\":null}"));
        EngineException e = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
        assertEquals(Category.PROVIDER_FAILED, e.category());
        assertEquals(1, server.count("POST", SUBMIT));
        assertEquals(0, server.count("GET", RESULT));
    }

    @Test
    void rateLimitedPollIsRetriedAfterTheRequestedDelay() throws Exception {
        scriptHappyStart();
        server.on("GET", RESULT, new MockResponse.Builder().code(429).addHeader("Retry-After", "2").build(), completed(1));
        server.on("GET", "/out/0.png", bytes("image/png", TestImages.png(32, 16, Color.RED)));
        engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation());
        assertEquals(2, server.count("GET", RESULT));
        assertTrue(sleeper.requested().contains(Duration.ofSeconds(2)), sleeper.requested().toString());
        assertEquals(1, server.count("POST", SUBMIT));
    }

    @Test
    void serverErrorOnAPollIsRetriedAndTheJobSucceeds() throws Exception {
        scriptHappyStart();
        server.on("GET", RESULT, json(500, "{}"), completed(1));
        server.on("GET", "/out/0.png", bytes("image/jpeg", TestImages.jpeg(32, 16, Color.WHITE)));
        EngineResult result = engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation());
        assertEquals(1, result.images().size());
        assertEquals(2, server.count("GET", RESULT));
    }

    @Test
    void failedJobCarriesTheProvidersMessage() throws Exception {
        scriptHappyStart();
        server.on("GET", RESULT, prediction("failed", "[]", "[]", "media access failed: cannot download image"));
        EngineException e = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
        assertEquals(Category.PROVIDER_FAILED, e.category());
        assertEquals("media access failed: cannot download image", e.providerDetail().orElseThrow());
    }

    @Test
    void moderatedOrAllFlaggedOutputsAreSafetyFlagged() throws Exception {
        scriptHappyStart();
        server.on("GET", RESULT, json(200, "{\"code\":200,\"message\":\"success\",\"data\":{\"id\":\"pred_1\","
                + "\"status\":\"failed\",\"error\":\"content moderation\",\"code\":1200,\"outputs\":[]}}"));
        EngineException moderated = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
        assertEquals(Category.SAFETY_FLAGGED, moderated.category());

        server.on("GET", RESULT, prediction("completed", "[\"" + server.url("/out/0.png") + "\"]", "[true]", ""));
        EngineException flagged = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
        assertEquals(Category.SAFETY_FLAGGED, flagged.category());
        assertEquals(0, server.count("GET", "/out/0.png"));
    }

    @Test
    void malformedJsonIsAProviderFailure() throws Exception {
        scriptHappyStart();
        server.on("GET", RESULT, json(200, "{\"code\":200,\"data\":{\"id\":"));
        EngineException e = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
        assertEquals(Category.PROVIDER_FAILED, e.category());
        assertTrue(e.providerDetail().orElseThrow().contains("malformed JSON"), e.providerDetail().orElseThrow());
    }

    @Test
    void jobThatNeverFinishesTimesOutAndIsDeletedAtTheProvider() throws Exception {
        scriptHappyStart();
        server.on("GET", RESULT, prediction("processing", "[]", "[]", ""));
        server.on("DELETE", DELETE, json(200, "{\"code\":200,\"message\":\"success\",\"data\":{\"id\":\"pred_1\",\"status\":\"deleted\"}}"));
        EngineException e = assertThrows(EngineException.class,
                () -> engine(new WaveSpeedEngineProvider(), Duration.ofMillis(300))
                        .fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
        assertEquals(Category.NETWORK, e.category());
        assertTrue(server.count("GET", RESULT) >= 3);
        assertEquals(1, server.count("DELETE", DELETE));
    }

    @Test
    void cancellingMidJobDeletesThePrediction() throws Exception {
        scriptHappyStart();
        server.on("GET", RESULT, prediction("processing", "[]", "[]", ""));
        server.on("DELETE", DELETE, json(200, "{\"code\":200,\"message\":\"success\",\"data\":{\"id\":\"pred_1\",\"status\":\"deleted\"}}"));
        Cancellation cancellation = new Cancellation();
        RecordingProgress progress = new RecordingProgress(Stage.RUNNING, cancellation::cancel);
        EngineException e = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), progress, cancellation));
        assertEquals(Category.CANCELLED, e.category());
        RecordedRequest delete = server.requests("DELETE", DELETE).get(0);
        assertEquals("Bearer " + KEY, delete.getHeaders().get("Authorization"));
        assertEquals(1, server.count("GET", RESULT));
    }

    @Test
    void missingOutputIsAProviderFailureAfterOneAttempt() throws Exception {
        scriptHappyStart();
        server.on("GET", RESULT, completed(1));
        server.on("GET", "/out/0.png", json(404, "{\"message\":\"NoSuchKey\"}"));
        EngineException e = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
        assertEquals(Category.PROVIDER_FAILED, e.category());
        assertTrue(e.getMessage().contains("404"), e.getMessage());
        assertEquals(1, server.count("GET", "/out/0.png"));
    }

    @Test
    void pollUrlOnAnotherOriginIsNotSentTheKey() throws Exception {
        server.on("POST", UPLOAD, upload("image.png"), upload("mask.png"));
        server.on("POST", SUBMIT, json(200, "{\"code\":200,\"data\":{\"id\":\"pred_1\",\"status\":\"created\","
                + "\"urls\":{\"get\":\"https://elsewhere.example.com/steal\"}}}"));
        server.on("GET", RESULT, completed(1));
        server.on("GET", "/out/0.png", bytes("image/png", TestImages.png(32, 16, Color.RED)));
        engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation());
        assertEquals(1, server.count("GET", RESULT));
    }

    @Test
    void failureInsideAnHttp200EnvelopeIsMappedByItsCode() throws Exception {
        scriptHappyStart();
        server.on("POST", SUBMIT, json(200, "{\"code\":401,\"message\":\"Unauthorized: key not activated\",\"data\":null}"));
        EngineException e = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
        assertEquals(Category.AUTHENTICATION, e.category());
        assertTrue(e.providerDetail().orElseThrow().contains("key not activated"));
        assertFalse(e.toString().contains(KEY));
    }

    private static MockResponse disconnectAfterReading() {
        return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
    }

    @Test
    void submissionWhoseConnectionClosesAfterTheServerReadItIsSentOnceAndMayHaveBeenSubmitted() throws Exception {
        server.on("POST", "/api/v3/media/uploads", json(404, "{}"));
        server.on("POST", UPLOAD, upload("image.png"), upload("mask.png"));
        // The uploads leave a pooled connection behind: OkHttp would silently re-POST on it if allowed to.
        server.on("POST", SUBMIT, disconnectAfterReading(), created());
        EngineException e = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
        assertEquals(1, server.count("POST", SUBMIT), "one click, one submission");
        assertEquals(0, server.count("GET", RESULT));
        assertEquals(Category.NETWORK, e.category());
        assertTrue(e.getMessage().contains("may have received the job") && e.getMessage().contains("dashboard"),
                e.getMessage());
        assertFalse(e.submittedJob().orElseThrow().resumable());
    }

    @Test
    void legacyV2SubmissionWhoseConnectionClosesAfterTheServerReadItIsSentOnce() throws Exception {
        server.on("POST", "/api/v2/media/upload/binary", upload("image.png"), upload("mask.png"));
        server.on("POST", "/api/v2/wavespeed-ai/flux-dev-fill", disconnectAfterReading(), created());
        EngineException e = assertThrows(EngineException.class,
                () -> engine(new WaveSpeedV2EngineProvider(), Duration.ofSeconds(2))
                        .fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
        assertEquals(1, server.count("POST", "/api/v2/wavespeed-ai/flux-dev-fill"));
        assertTrue(e.getMessage().contains("may have received the job"), e.getMessage());
    }

    @Test
    void submissionAnswered503WithRetryAfterZeroIsNotResentByTheHttpLibrary() throws Exception {
        scriptHappyStart();
        server.on("POST", SUBMIT, new MockResponse.Builder().code(503).addHeader("Retry-After", "0").build(), created());
        EngineException e = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
        assertEquals(1, server.count("POST", SUBMIT));
        assertEquals(Category.PROVIDER_FAILED, e.category());
    }

    @Test
    void pollOutageLongerThanThePatienceLeavesTheJobRunningAndResumeFetchesItByIdWithoutSubmitting() throws Exception {
        scriptHappyStart();
        server.on("GET", RESULT, json(502, "{}"));
        server.on("DELETE", DELETE, json(200, "{\"code\":200,\"data\":{\"id\":\"pred_1\",\"status\":\"deleted\"}}"));
        Engine engine = engine();
        EngineException e = assertThrows(EngineException.class,
                () -> engine.fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
        assertTrue(server.count("GET", RESULT) > 3, "polls keep trying through an outage for the patience");
        assertEquals(0, server.count("DELETE", DELETE), "a job that may still deliver is not deleted");
        SubmittedJob job = e.submittedJob().orElseThrow();
        assertEquals("pred_1", job.jobId());
        assertEquals("wavespeed", job.engineId());
        assertEquals(1234L, job.seed());
        assertTrue(e.getMessage().contains("pred_1") && e.getMessage().contains("can still be fetched without a new charge"), e.getMessage());

        server.on("GET", RESULT, completed(1));
        server.on("GET", "/out/0.png", bytes("image/png", TestImages.png(32, 16, Color.RED)));
        EngineResult result = engine.resume(job, EngineTestKit.input(), new RecordingProgress(), new Cancellation());
        assertEquals(Color.RED.getRGB(), result.images().get(0).getRGB(0, 0));
        assertEquals(1, server.count("POST", SUBMIT), "resuming submits nothing");
    }

    @Test
    void downloadOutageKeepsTheOutputUrlsWithTheJob() throws Exception {
        scriptHappyStart();
        server.on("GET", RESULT, completed(1));
        server.on("GET", "/out/0.png", json(503, "{}"));
        EngineException e = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
        assertEquals(List.of(server.url("/out/0.png").toString()), e.submittedJob().orElseThrow().outputUrls());
    }

    @Test
    void failureReportedInsideA200PollIsTheProvidersWordAndTheJobIsDeleted() throws Exception {
        scriptHappyStart();
        server.on("GET", RESULT, json(200, "{\"code\":500,\"message\":\"internal task error\",\"data\":null}"));
        server.on("DELETE", DELETE, json(200, "{\"code\":200,\"data\":{\"id\":\"pred_1\",\"status\":\"deleted\"}}"));
        EngineException e = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
        assertEquals(Category.PROVIDER_FAILED, e.category());
        assertEquals(1, server.count("GET", RESULT), "the provider's own failure is not retried as an outage");
        assertEquals(1, server.count("DELETE", DELETE));
        assertTrue(e.providerDetail().orElseThrow().contains("internal task error"));
        assertTrue(e.submittedJob().isEmpty());
    }
}
