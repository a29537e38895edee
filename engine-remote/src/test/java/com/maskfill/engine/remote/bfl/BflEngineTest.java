package com.maskfill.engine.remote.bfl;

import static com.maskfill.engine.remote.ScriptedServer.bytes;
import static com.maskfill.engine.remote.ScriptedServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.Cost;
import com.maskfill.engine.api.engine.Engine;
import com.maskfill.engine.api.engine.EngineContext;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.EngineException.Category;
import com.maskfill.engine.api.engine.EngineResult;
import com.maskfill.engine.api.engine.ProgressEvent.Stage;
import com.maskfill.engine.api.engine.SubmittedJob;
import com.maskfill.engine.api.engine.CredentialSource;
import com.maskfill.engine.remote.EngineTestKit;
import com.maskfill.engine.remote.EngineTestKit.RecordingProgress;
import com.maskfill.engine.remote.ProviderContractTest;
import com.maskfill.engine.remote.ScriptedServer;
import com.maskfill.engine.remote.http.TestImages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;

/** Black Forest Labs' FLUX.1 Fill [pro] against a fake that answers as the API reference documents (§1). */
class BflEngineTest extends ProviderContractTest {

    private static final String KEY = "bfl-test-key-0123456789";
    private static final String SUBMIT = "/v1/flux-pro-1.0-fill";
    private static final String POLL = "/v1/get_result";

    private Engine engine(Duration jobTimeout) throws EngineException {
        return new BflEngineProvider().create(EngineTestKit.context(server.root(), "BFL_API_KEY", KEY),
                EngineTestKit.fastTuning(sleeper, jobTimeout));
    }

    private Engine engine() throws EngineException {
        return engine(Duration.ofSeconds(2));
    }

    private MockResponse submitted(String pollingUrl) {
        return json(200, "{\"id\":\"task-1\",\"polling_url\":\"" + pollingUrl + "\",\"cost\":5,"
                + "\"input_mp\":0.0005,\"output_mp\":0.0005}");
    }

    private MockResponse submitted() {
        return submitted(server.url(POLL + "?id=task-1").toString());
    }

    private static MockResponse status(String status, String extra) {
        return json(200, "{\"id\":\"task-1\",\"status\":\"" + status + "\"" + extra + "}");
    }

    private static MockResponse pending(double progress) {
        return status("Pending", ",\"result\":null,\"progress\":" + progress);
    }

    private MockResponse ready(String sampleUrl) {
        return status("Ready", ",\"result\":{\"sample\":\"" + sampleUrl + "\",\"prompt\":\"a red apple\",\"seed\":1234},"
                + "\"progress\":1.0");
    }

    private MockResponse ready() {
        return ready(server.url("/delivery/sample.png").toString());
    }

    private void scriptHappy() {
        server.on("POST", SUBMIT, submitted());
        server.on("GET", POLL, pending(0.4), ready());
        server.on("GET", "/delivery/sample.png", bytes("image/png", TestImages.png(32, 16, Color.RED)));
    }

    private EngineException failure() {
        return assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
    }

    @Test
    void fillSubmitsImageAndMaskInlineOncePollsAndFetchesTheSampleWithCostAndJobId() throws Exception {
        scriptHappy();
        RecordingProgress progress = new RecordingProgress();

        EngineResult result = engine().fill(EngineTestKit.input(), progress, new Cancellation());

        assertEquals(1, result.images().size());
        assertEquals(32, result.images().get(0).getWidth());
        assertEquals(Color.RED.getRGB(), result.images().get(0).getRGB(5, 5));
        assertEquals("task-1", result.providerJobId().orElseThrow());
        assertEquals(new Cost(new BigDecimal("0.05"), "USD"), result.cost().orElseThrow(), "5 credits = 5 cents");
        assertEquals(1234L, result.seed().getAsLong());
        assertEquals(java.util.List.of(Stage.UPLOADING, Stage.QUEUED, Stage.RUNNING, Stage.DOWNLOADING), progress.stages());
        assertTrue(progress.events().stream().anyMatch(e -> "40 %".equals(e.detail())), progress.events().toString());

        RecordedRequest submit = server.requests("POST", SUBMIT).get(0);
        assertEquals(KEY, submit.getHeaders().get("x-key"));
        JsonNode body = MAPPER.readTree(submit.getBody().utf8());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(body.get("image").asText())));
        BufferedImage mask = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(body.get("mask").asText())));
        assertEquals(32, image.getWidth());
        assertEquals(16, mask.getHeight());
        assertEquals(0xFFFFFFFF, mask.getRGB(20, 5), "white regenerates");
        assertEquals(0xFF000000, mask.getRGB(5, 5), "black keeps");
        assertEquals("a red apple", body.get("prompt").asText());
        assertEquals(20, body.get("steps").asInt());
        assertEquals(30.0, body.get("guidance").asDouble());
        assertEquals(1234, body.get("seed").asLong());
        assertEquals(2, body.get("safety_tolerance").asInt());
        assertEquals("png", body.get("output_format").asText());
        assertEquals(1, server.count("POST", SUBMIT));
        for (RecordedRequest poll : server.requests("GET", POLL)) {
            assertEquals(KEY, poll.getHeaders().get("x-key"));
            assertEquals("task-1", poll.getUrl().queryParameter("id"));
        }
        assertNull(server.requests("GET", "/delivery/sample.png").get(0).getHeaders().get("x-key"),
                "the output is fetched without the key");
    }

    @Test
    void pollingUrlOnAnotherRegionalHostIsPolledExactlyAsReturned() throws Exception {
        try (ScriptedServer region = new ScriptedServer()) {
            region.on("GET", "/v1/get_result", pending(0.1), ready());
            server.on("POST", SUBMIT, submitted(region.url("/v1/get_result?id=task-1&region=eu2").toString()));
            server.on("GET", "/delivery/sample.png", bytes("image/png", TestImages.png(32, 16, Color.RED)));

            engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation());

            assertEquals(0, server.count("GET", POLL), "the submit host is not asked");
            RecordedRequest poll = region.requests("GET", "/v1/get_result").get(0);
            assertEquals("eu2", poll.getUrl().queryParameter("region"), "the URL is used as returned, query included");
            assertEquals(KEY, poll.getHeaders().get("x-key"));
        }
    }

    @Test
    void pollingUrlOutsideBflIsNotSentTheKeyAndTheDocumentedResultPathIsAskedInstead() throws Exception {
        server.on("POST", SUBMIT, submitted("https://collector.example.com/v1/get_result?id=task-1"));
        server.on("GET", POLL, ready());
        server.on("GET", "/delivery/sample.png", bytes("image/png", TestImages.png(32, 16, Color.RED)));
        engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation());
        assertEquals(1, server.count("GET", POLL));
        assertEquals("task-1", server.requests("GET", POLL).get(0).getUrl().queryParameter("id"));
    }

    @Test
    void plainHttpPollingUrlOnARealHostIsRefusedByTheEndpointRule() throws Exception {
        BflApi api = new BflApi(okhttp3.HttpUrl.get("https://api.bfl.ai"),
                com.maskfill.engine.api.engine.Secret.of(KEY), new BflOptions(BflApi.DOCUMENTED_ROOT, 2, "png"));
        assertEquals("https://api.eu2.bfl.ai/v1/get_result?id=t",
                api.poll("https://api.eu2.bfl.ai/v1/get_result?id=t", "t").url().toString());
        assertEquals("https://api.bfl.ai/v1/get_result?id=t",
                api.poll("http://api.eu2.bfl.ai/v1/get_result?id=t", "t").url().toString(), "http never carries the key");
        assertEquals("https://api.bfl.ai/v1/get_result?id=t",
                api.poll("https://bfl.ai.example.com/x", "t").url().toString());
    }

    @Test
    void regionSettingChoosesTheRegionalHostAndAnUnknownRegionIsRefused() throws Exception {
        EngineContext eu = EngineContext.builder().credentials(CredentialSource.of(Map.of("BFL_API_KEY", KEY)))
                .option("region", "eu").build();
        assertEquals("https://api.eu.bfl.ai", BflOptions.from(eu, "BFL").root());
        assertEquals("https://api.bfl.ai", BflOptions.from(EngineContext.empty(), "BFL").root());
        EngineContext mars = EngineContext.builder().credentials(CredentialSource.of(Map.of("BFL_API_KEY", KEY)))
                .option("region", "mars").build();
        EngineException e = assertThrows(EngineException.class, () -> new BflEngineProvider().create(mars));
        assertEquals(Category.INVALID_INPUT, e.category());
        assertTrue(e.getMessage().contains("region") && e.getMessage().contains("eu"), e.getMessage());
        assertEquals(java.util.List.of("region", "safety-tolerance", "output-format"),
                new BflEngineProvider().capabilities().settings().stream().map(s -> s.key()).toList());
    }

    @Test
    void safetyToleranceAndOutputFormatSettingsReachTheSubmission() throws Exception {
        scriptHappy();
        EngineContext context = EngineContext.builder().credentials(CredentialSource.of(Map.of("BFL_API_KEY", KEY)))
                .endpoint(java.net.URI.create(server.root())).option("safety-tolerance", "5")
                .option("output-format", "jpeg").build();
        new BflEngineProvider().create(context, EngineTestKit.fastTuning(sleeper))
                .fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation());
        JsonNode body = MAPPER.readTree(server.requests("POST", SUBMIT).get(0).getBody().utf8());
        assertEquals(5, body.get("safety_tolerance").asInt());
        assertEquals("jpeg", body.get("output_format").asText());
    }

    @Test
    void capabilitiesCarryFillProsOwnRanges() {
        var c = new BflEngineProvider().capabilities();
        assertEquals(15, c.stepsRange().min());
        assertEquals(1.5, c.guidanceRange().min());
        assertEquals(100, c.guidanceRange().max());
        assertEquals(1, c.maxImages());
        assertEquals(0, c.maxLoras());
        assertEquals(java.util.List.of("BFL_API_KEY"), c.credentialNames());
    }

    @Test
    void submissionWhoseConnectionClosesAfterTheServerReadItIsSentOnceAndMayHaveBeenSubmitted() throws Exception {
        server.on("POST", SUBMIT, new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build(),
                submitted());
        EngineException e = failure();
        assertEquals(1, server.count("POST", SUBMIT), "one click, one submission");
        assertEquals(Category.NETWORK, e.category());
        assertTrue(e.getMessage().contains("may have received the job"), e.getMessage());
        assertEquals(0, server.count("GET", POLL));
    }

    @Test
    void pollWhoseConnectionDropsIsAskedAgainAndTheJobSucceeds() throws Exception {
        server.on("POST", SUBMIT, submitted());
        server.on("GET", POLL, new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build(), ready());
        server.on("GET", "/delivery/sample.png", bytes("image/png", TestImages.png(32, 16, Color.RED)));
        EngineResult result = engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation());
        assertEquals(Color.RED.getRGB(), result.images().get(0).getRGB(0, 0));
        assertEquals(2, server.count("GET", POLL));
        assertEquals(1, server.count("POST", SUBMIT));
    }

    @Test
    void serverErrorOnAPollIsRetriedAndTheJobSucceeds() throws Exception {
        server.on("POST", SUBMIT, submitted());
        server.on("GET", POLL, json(500, "{\"detail\":\"oops\"}"), ready());
        server.on("GET", "/delivery/sample.png", bytes("image/png", TestImages.png(32, 16, Color.RED)));
        engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation());
        assertEquals(2, server.count("GET", POLL));
    }

    @Test
    void outputRedirectedToAnotherHostIsFollowedWithoutTheKey() throws Exception {
        try (ScriptedServer cdn = new ScriptedServer()) {
            cdn.on("GET", "/signed/sample.png", bytes("image/png", TestImages.png(32, 16, Color.BLUE)));
            server.on("POST", SUBMIT, submitted());
            server.on("GET", POLL, ready());
            server.on("GET", "/delivery/sample.png", new MockResponse.Builder().code(302)
                    .addHeader("Location", cdn.url("/signed/sample.png")).build());
            EngineResult result = engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation());
            assertEquals(Color.BLUE.getRGB(), result.images().get(0).getRGB(0, 0));
            assertNull(cdn.requests("GET", "/signed/sample.png").get(0).getHeaders().get("x-key"));
        }
    }

    @Test
    void outputBodyCutShortIsFetchedAgain() throws Exception {
        server.on("POST", SUBMIT, submitted());
        server.on("GET", POLL, ready());
        byte[] png = TestImages.encode(noisy(), "png");
        server.on("GET", "/delivery/sample.png", new MockResponse.Builder().code(200)
                        .addHeader("Content-Type", "image/png").body(new okio.Buffer().write(png))
                        .onResponseBody(new SocketEffect.CloseSocket()).build(),
                bytes("image/png", png));
        EngineResult result = engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation());
        assertEquals(2, server.count("GET", "/delivery/sample.png"));
        assertEquals(noisy().getRGB(7, 3), result.images().get(0).getRGB(7, 3));
    }

    /** An image whose PNG is large enough that half of it is not a valid PNG. */
    private static BufferedImage noisy() {
        BufferedImage image = new BufferedImage(32, 16, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(3);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 32; x++) {
                image.setRGB(x, y, random.nextInt(0xFFFFFF));
            }
        }
        return image;
    }

    @Test
    void expiredOutputLinkIsAProviderFailureSayingLinksLastTenMinutes() throws Exception {
        server.on("POST", SUBMIT, submitted());
        server.on("GET", POLL, ready());
        server.on("GET", "/delivery/sample.png", new MockResponse.Builder().code(403)
                .body("<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>").build());
        EngineException e = failure();
        assertEquals(Category.PROVIDER_FAILED, e.category());
        assertTrue(e.getMessage().contains("ten minutes"), e.getMessage());
        assertEquals(1, server.count("GET", "/delivery/sample.png"));
    }

    @Test
    void unauthorisedOrForbiddenKeyIsAnAuthenticationFailureThatNeverShowsTheKey() throws Exception {
        for (int code : new int[] {401, 403}) {
            server.on("POST", SUBMIT, json(code, "{\"detail\":\"Not authenticated: key " + KEY + "\"}"));
            EngineException e = failure();
            assertEquals(Category.AUTHENTICATION, e.category(), "HTTP " + code);
            assertTrue(e.getMessage().contains("BFL_API_KEY"), e.getMessage());
            EngineTestKit.assertNoSecret(e, KEY);
        }
    }

    @Test
    void outOfCreditsIsQuotaInBflsWords() throws Exception {
        server.on("POST", SUBMIT, json(402, "{\"detail\":\"Insufficient credits. Please add credits at api.bfl.ai\"}"));
        EngineException e = failure();
        assertEquals(Category.QUOTA, e.category());
        assertTrue(e.getMessage().contains("Insufficient credits"), e.getMessage());
        assertEquals(1, server.count("POST", SUBMIT));
    }

    @Test
    void invalidBodyIsInvalidInputNamingTheField() throws Exception {
        server.on("POST", SUBMIT, json(422, "{\"detail\":[{\"loc\":[\"body\",\"guidance\"],"
                + "\"msg\":\"Input should be less than or equal to 100\",\"type\":\"less_than_equal\"}]}"));
        EngineException e = failure();
        assertEquals(Category.INVALID_INPUT, e.category());
        assertTrue(e.getMessage().contains("guidance") && e.getMessage().contains("less than or equal to 100"),
                e.getMessage());
    }

    @Test
    void tooManyActiveTasksIsQuotaAndTheSubmissionIsNotRepeated() throws Exception {
        server.on("POST", SUBMIT, new MockResponse.Builder().code(429).addHeader("Retry-After", "5")
                .body("{\"error\":\"rate_limit_exceeded\",\"retry_after\":5}").build());
        EngineException e = failure();
        assertEquals(Category.QUOTA, e.category());
        assertTrue(e.getMessage().contains("5 s"), e.getMessage());
        assertEquals(1, server.count("POST", SUBMIT));
        assertTrue(sleeper.requested().isEmpty(), "no retry pause for a submission");
    }

    @Test
    void serverErrorOnSubmitIsNotRepeated() throws Exception {
        server.on("POST", SUBMIT, json(503, "{\"detail\":\"busy\"}"), submitted());
        EngineException e = failure();
        assertEquals(Category.PROVIDER_FAILED, e.category());
        assertEquals(1, server.count("POST", SUBMIT));
    }

    @Test
    void moderatedRequestOrContentIsSafetyFlagged() throws Exception {
        server.on("POST", SUBMIT, submitted());
        server.on("GET", POLL, status("Request Moderated", ",\"details\":{\"Moderation Reasons\":[\"Derivative Works Filter\"]}"));
        EngineException request = failure();
        assertEquals(Category.SAFETY_FLAGGED, request.category());
        assertTrue(request.getMessage().contains("not charged"), request.getMessage());
        assertTrue(request.providerDetail().orElseThrow().contains("Derivative Works"));

        server.on("GET", POLL, status("Content Moderated", ""));
        assertEquals(Category.SAFETY_FLAGGED, failure().category());
    }

    @Test
    void failedTaskCarriesBflsReason() throws Exception {
        server.on("POST", SUBMIT, submitted());
        server.on("GET", POLL, status("Error", ",\"result\":\"Mask and image sizes differ\""));
        EngineException e = failure();
        assertEquals(Category.PROVIDER_FAILED, e.category());
        assertTrue(e.providerDetail().orElseThrow().contains("sizes differ"));
    }

    @Test
    void taskNotFoundRightAfterSubmittingIsWaitedOutButNotForever() throws Exception {
        server.on("POST", SUBMIT, submitted());
        server.on("GET", POLL, status("Task not found", ""), ready());
        server.on("GET", "/delivery/sample.png", bytes("image/png", TestImages.png(32, 16, Color.RED)));
        engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation());

        server.on("GET", POLL, status("Task not found", ""));
        EngineException e = failure();
        assertEquals(Category.PROVIDER_FAILED, e.category());
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
    }

    @Test
    void cancellingMidJobStopsPollingLocally() throws Exception {
        server.on("POST", SUBMIT, submitted());
        server.on("GET", POLL, pending(0.2));
        Cancellation cancellation = new Cancellation();
        RecordingProgress progress = new RecordingProgress(Stage.RUNNING, cancellation::cancel);
        EngineException e = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), progress, cancellation));
        assertEquals(Category.CANCELLED, e.category());
        assertEquals(1, server.count("GET", POLL));
    }

    @Test
    void pollOutageLongerThanThePatienceLeavesTheTaskResumableByItsPollingUrl() throws Exception {
        try (ScriptedServer region = new ScriptedServer()) {
            region.on("GET", "/v1/get_result", json(502, "{}"));
            server.on("POST", SUBMIT, submitted(region.url("/v1/get_result?id=task-1").toString()));
            Engine engine = engine();
            EngineException e = assertThrows(EngineException.class,
                    () -> engine.fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
            SubmittedJob job = e.submittedJob().orElseThrow();
            assertEquals("task-1", job.jobId());
            assertEquals("bfl", job.engineId());
            assertTrue(e.getMessage().contains("can still be fetched without a new charge"), e.getMessage());

            region.on("GET", "/v1/get_result", ready());
            server.on("GET", "/delivery/sample.png", bytes("image/png", TestImages.png(32, 16, Color.RED)));
            EngineResult result = engine.resume(job, EngineTestKit.input(), new RecordingProgress(), new Cancellation());
            assertEquals(Color.RED.getRGB(), result.images().get(0).getRGB(0, 0));
            assertEquals(1, server.count("POST", SUBMIT), "resuming submits nothing");
            assertFalse(server.count("GET", POLL) > 0, "the remembered polling URL is used");
        }
    }
}
