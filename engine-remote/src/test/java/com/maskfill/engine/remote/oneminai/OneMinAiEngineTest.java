package com.maskfill.engine.remote.oneminai;

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
import com.maskfill.engine.api.engine.ProgressEvent.Stage;
import com.maskfill.engine.api.engine.SubmittedJob;
import com.maskfill.engine.remote.EngineTestKit;
import com.maskfill.engine.remote.EngineTestKit.RecordingProgress;
import com.maskfill.engine.remote.ProviderContractTest;
import com.maskfill.engine.remote.http.RemoteTuning;
import com.maskfill.engine.remote.http.TestImages;
import com.maskfill.engine.remote.http.Timeouts;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;

/** 1min.ai against a fake that reproduces the documented shapes (hosted-apis.md §3, seed 003). */
class OneMinAiEngineTest extends ProviderContractTest {

    private static final String KEY = "onemin-test-key-abcdef";
    private static final String ASSETS = "/api/assets";
    private static final String FEATURES = "/api/features";
    private static final String RESULT_PATH = "/asset.1min.ai/development/images/out.png";

    private Engine engine(RemoteTuning tuning) throws EngineException {
        return new OneMinAiEngineProvider().create(EngineTestKit.context(server.root(), "ONEMIN_API_KEY", KEY), tuning);
    }

    private Engine engine() throws EngineException {
        return engine(EngineTestKit.fastTuning(sleeper));
    }

    private static MockResponse asset(String path) {
        return json(200, "{\"asset\":{\"fieldname\":\"asset\",\"originalname\":\"x.png\",\"mimetype\":\"image/png\","
                + "\"size\":123,\"bucket\":\"asset.1min.ai\",\"key\":\"images/key-" + path + "\"},"
                + "\"fileContent\":{\"uuid\":\"26f30dfd\",\"path\":\"" + path + "\",\"type\":\"png\"}}");
    }

    private MockResponse record(String status, String responseObject) {
        return json(200, "{\"aiRecord\":{\"uuid\":\"rec-1\",\"userId\":\"u\",\"teamId\":\"t\","
                + "\"model\":\"black-forest-labs/flux-fill-dev\",\"type\":\"IMAGE_INPAINTER\",\"status\":\"" + status + "\","
                + "\"createdAt\":\"2026-11-21T14:00:00.000Z\",\"aiRecordDetail\":{\"promptObject\":{},"
                + "\"resultObject\":[\"development/images/out.png\"],\"responseObject\":" + responseObject + "},"
                + "\"temporaryUrl\":\"" + server.url(RESULT_PATH) + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=abc\"}}");
    }

    private void scriptUploads() {
        server.on("POST", ASSETS, asset("images/image.png"), asset("images/mask.png"));
    }

    /** About one megapixel at the 2:1 input aspect, sides floored to multiples of 32: left half red, right blue. */
    private static byte[] megapixelOutput() {
        BufferedImage image = TestImages.solid(1440, 704, Color.RED);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(720, 0, 720, 704);
        g.dispose();
        return TestImages.encode(image, "png");
    }

    @Test
    void fillUploadsAssetsCallsFeaturesOnceAndScalesTheMegapixelResultBack() throws Exception {
        scriptUploads();
        server.on("POST", FEATURES, record("SUCCESS", "{}"));
        server.on("GET", RESULT_PATH, bytes("image/png", megapixelOutput()));
        RecordingProgress progress = new RecordingProgress();

        EngineResult result = engine().fill(EngineTestKit.input(), progress, new Cancellation());

        BufferedImage image = result.images().get(0);
        assertEquals(32, image.getWidth());
        assertEquals(16, image.getHeight());
        assertEquals(Color.RED.getRGB(), image.getRGB(4, 8));
        assertEquals(Color.BLUE.getRGB(), image.getRGB(28, 8));
        assertEquals("rec-1", result.providerJobId().orElseThrow());
        assertEquals(List.of(Stage.UPLOADING, Stage.RUNNING, Stage.DOWNLOADING), progress.stages());

        List<RecordedRequest> uploads = server.requests("POST", ASSETS);
        assertEquals(2, uploads.size());
        for (RecordedRequest upload : uploads) {
            assertEquals(KEY, upload.getHeaders().get("API-KEY"));
            assertTrue(upload.getBody().utf8().contains("name=\"asset\""));
        }
        RecordedRequest features = server.requests("POST", FEATURES).get(0);
        assertEquals(KEY, features.getHeaders().get("API-KEY"));
        assertNull(features.getHeaders().get("Authorization"));
        JsonNode body = MAPPER.readTree(features.getBody().utf8());
        assertEquals("IMAGE_INPAINTER", body.get("type").asText());
        assertEquals("black-forest-labs/flux-fill-dev", body.get("model").asText());
        JsonNode prompt = body.get("promptObject");
        assertEquals("images/image.png", prompt.get("imageUrl").asText());
        assertEquals("images/mask.png", prompt.get("maskUrl").asText());
        assertEquals("a red apple", prompt.get("prompt").asText());
        assertEquals(20, prompt.get("num_inference_steps").asInt());
        assertEquals(30.0, prompt.get("guidance").asDouble());
        assertEquals(1234, prompt.get("seed").asLong());
        assertEquals("1", prompt.get("megapixels").asText());
        assertEquals(false, prompt.get("disable_safety_checker").asBoolean());
        RecordedRequest download = server.requests("GET", RESULT_PATH).get(0);
        assertNull(download.getHeaders().get("API-KEY"), "the pre-signed URL gets no key");
        assertTrue(download.getTarget().contains("X-Amz-Signature=abc"));
    }

    @Test
    void assetKeyIsUsedWhenFileContentIsMissing() throws Exception {
        server.on("POST", ASSETS, json(200, "{\"asset\":{\"key\":\"images/a.png\"}}"),
                json(200, "{\"asset\":{\"key\":\"images/m.png\"}}"));
        server.on("POST", FEATURES, record("SUCCESS", "{}"));
        server.on("GET", RESULT_PATH, bytes("image/png", megapixelOutput()));
        engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation());
        JsonNode prompt = MAPPER.readTree(server.requests("POST", FEATURES).get(0).getBody().utf8()).get("promptObject");
        assertEquals("images/a.png", prompt.get("imageUrl").asText());
        assertEquals("images/m.png", prompt.get("maskUrl").asText());
    }

    @Test
    void unauthorisedKeyIsAnAuthenticationFailureThatNeverShowsTheKey() throws Exception {
        server.on("POST", ASSETS, json(401, "{\"message\":\"Invalid API-KEY " + KEY + "\"}"));
        EngineException e = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
        assertEquals(Category.AUTHENTICATION, e.category());
        assertTrue(e.getMessage().contains("ONEMIN_API_KEY"));
        EngineTestKit.assertNoSecret(e, KEY);
        assertEquals(1, server.count("POST", ASSETS));
    }

    @Test
    void rateLimitedUploadIsRetriedAfterTheRequestedDelay() throws Exception {
        server.on("POST", ASSETS, new MockResponse.Builder().code(429).addHeader("Retry-After", "4").build(),
                asset("images/image.png"), asset("images/mask.png"));
        server.on("POST", FEATURES, record("SUCCESS", "{}"));
        server.on("GET", RESULT_PATH, bytes("image/png", megapixelOutput()));
        engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation());
        assertEquals(3, server.count("POST", ASSETS));
        assertEquals(List.of(Duration.ofSeconds(4)), sleeper.requested());
    }

    @Test
    void rateLimitedOrFailingFeaturesCallIsNeverRepeated() throws Exception {
        scriptUploads();
        server.on("POST", FEATURES, new MockResponse.Builder().code(429).addHeader("Retry-After", "1").build());
        EngineException quota = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
        assertEquals(Category.QUOTA, quota.category());
        assertEquals(1, server.count("POST", FEATURES));

        scriptUploads();
        server.on("POST", FEATURES, json(502, "{\"message\":\"bad gateway\"}"));
        EngineException failed = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
        assertEquals(Category.PROVIDER_FAILED, failed.category());
        assertEquals(2, server.count("POST", FEATURES));
    }

    @Test
    void failedRecordCarriesTheProvidersMessageAndNsfwIsSafetyFlagged() throws Exception {
        scriptUploads();
        server.on("POST", FEATURES, record("FAILED", "{\"error\":\"Prediction failed: CUDA out of memory\"}"));
        EngineException failed = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
        assertEquals(Category.PROVIDER_FAILED, failed.category());
        assertTrue(failed.providerDetail().orElseThrow().contains("CUDA out of memory"));

        scriptUploads();
        server.on("POST", FEATURES, record("FAILED",
                "{\"error\":\"All generated images contained NSFW content. Try running it again with a different prompt.\"}"));
        EngineException nsfw = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
        assertEquals(Category.SAFETY_FLAGGED, nsfw.category());
    }

    @Test
    void malformedJsonIsAProviderFailure() throws Exception {
        scriptUploads();
        server.on("POST", FEATURES, json(200, "<html>gateway</html>"));
        EngineException e = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
        assertEquals(Category.PROVIDER_FAILED, e.category());
    }

    @Test
    void cancellingAbortsTheBlockingCall() throws Exception {
        scriptUploads();
        server.on("POST", FEATURES, new MockResponse.Builder().code(200).body("{}").headersDelay(10, TimeUnit.SECONDS).build());
        Cancellation cancellation = new Cancellation();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            RecordingProgress progress = new RecordingProgress(Stage.RUNNING,
                    () -> timer.schedule(cancellation::cancel, 100, TimeUnit.MILLISECONDS));
            long start = System.nanoTime();
            EngineException e = assertThrows(EngineException.class,
                    () -> engine(EngineTestKit.fastTuning(sleeper).withTimeouts(new Timeouts(Duration.ofSeconds(2),
                            Duration.ofSeconds(30), Duration.ofSeconds(2)))).fill(EngineTestKit.input(), progress, cancellation));
            assertEquals(Category.CANCELLED, e.category());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
            assertEquals(1, server.count("POST", FEATURES));
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void blockingCallThatOutlivesTheReadTimeoutIsANetworkFailureAndNotRepeated() throws Exception {
        scriptUploads();
        server.on("POST", FEATURES, new MockResponse.Builder().code(200).body("{}").headersDelay(3, TimeUnit.SECONDS).build());
        RemoteTuning tuning = EngineTestKit.fastTuning(sleeper).withTimeouts(new Timeouts(Duration.ofSeconds(2),
                Duration.ofMillis(200), Duration.ofSeconds(2)));
        EngineException e = assertThrows(EngineException.class,
                () -> engine(tuning).fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
        assertEquals(Category.NETWORK, e.category());
        assertEquals(1, server.count("POST", FEATURES));
        assertTrue(e.getMessage().contains("may have received the job"), e.getMessage());
    }

    @Test
    void expiredResultUrlIsAProviderFailureAfterOneAttempt() throws Exception {
        scriptUploads();
        server.on("POST", FEATURES, record("SUCCESS", "{}"));
        server.on("GET", RESULT_PATH, new MockResponse.Builder().code(404).body("<Error>NoSuchKey</Error>").build());
        EngineException e = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
        assertEquals(Category.PROVIDER_FAILED, e.category());
        assertEquals(1, server.count("GET", RESULT_PATH));
    }

    @Test
    void outputWithAnotherAspectRatioIsKeptWithANotice() throws Exception {
        scriptUploads();
        server.on("POST", FEATURES, record("SUCCESS", "{}"));
        server.on("GET", RESULT_PATH, bytes("image/png", TestImages.png(1024, 1024, Color.RED)));
        RecordingProgress progress = new RecordingProgress();
        EngineResult result = engine().fill(EngineTestKit.input(), progress, new Cancellation());
        assertEquals(1, result.images().size(), "a paid output is never thrown away");
        assertEquals(32, result.images().get(0).getWidth());
        assertTrue(progress.events().stream().anyMatch(e -> e.detail() != null && e.detail().contains("1024×1024")),
                progress.events().toString());
    }

    @Test
    void cropsArePlannedAtMostAboutOneMegapixelASide() {
        assertEquals(1024, new OneMinAiEngineProvider().capabilities().sideRange().max());
    }

    @Test
    void featuresCallWhoseConnectionClosesAfterTheServerReadItIsSentOnceAndMayHaveBeenSubmitted() throws Exception {
        scriptUploads();
        server.on("POST", FEATURES, new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
        EngineException e = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
        assertEquals(1, server.count("POST", FEATURES), "the features call reached the server once");
        assertEquals(2, server.count("POST", ASSETS));
        assertTrue(e.getMessage().contains("may have received the job") && e.getMessage().contains("dashboard"),
                e.getMessage());
        assertFalse(e.submittedJob().orElseThrow().resumable(), "no id came back, so Retry must submit again");
    }

    @Test
    void downloadThatFailsBeyondThePatienceKeepsTheOutputUrlAndResumeFetchesItWithoutSubmitting() throws Exception {
        scriptUploads();
        server.on("POST", FEATURES, record("SUCCESS", "{}"));
        server.on("GET", RESULT_PATH, json(503, "{}"));
        Engine engine = engine();
        EngineException e = assertThrows(EngineException.class,
                () -> engine.fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
        SubmittedJob job = e.submittedJob().orElseThrow();
        assertTrue(job.resumable());
        assertEquals("rec-1", job.jobId());
        assertTrue(server.count("GET", RESULT_PATH) > 3, "a submitted job's download keeps trying for the patience");

        server.on("GET", RESULT_PATH, bytes("image/png", megapixelOutput()));
        EngineResult result = engine.resume(job, EngineTestKit.input(), new RecordingProgress(), new Cancellation());
        assertEquals(1, result.images().size());
        assertEquals(1, server.count("POST", FEATURES), "resuming submits nothing");
    }
}
