package com.maskfill.engine.remote.wiro;

import static com.maskfill.engine.remote.ScriptedServer.bytes;
import static com.maskfill.engine.remote.ScriptedServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import com.maskfill.engine.api.engine.EngineResult;
import com.maskfill.engine.api.engine.SubmittedJob;
import com.maskfill.engine.api.engine.ProgressEvent;
import com.maskfill.engine.api.engine.ProgressEvent.Stage;
import com.maskfill.engine.api.engine.Secret;
import com.maskfill.engine.remote.EngineTestKit;
import com.maskfill.engine.remote.EngineTestKit.RecordingProgress;
import com.maskfill.engine.remote.ProviderContractTest;
import com.maskfill.engine.remote.http.PollSchedule;
import com.maskfill.engine.remote.http.RemoteTuning;
import com.maskfill.engine.remote.http.TestImages;
import java.awt.Color;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.Test;

/** Wiro against a fake that reproduces the documented shapes (hosted-apis.md §4, seed 004). */
class WiroEngineTest extends ProviderContractTest {

    private static final String KEY = "wiro-test-key-1111";
    private static final String SECRET = "wiro-test-secret-2222";
    private static final String RUN = "/v1/Run/black-forest-labs/flux-1-fill-dev";
    private static final String DETAIL = "/v1/Task/Detail";
    private static final String CANCEL = "/v1/Task/Cancel";
    private static final String KILL = "/v1/Task/Kill";
    private static final String TOKEN = "eDcCm5yyUfIvMFspTwww49OUfgXkQt";

    private Engine engine(Map<String, String> credentials, String socketUrl, Duration jobTimeout) throws EngineException {
        return engine(credentials, socketUrl, EngineTestKit.fastTuning(sleeper, jobTimeout));
    }

    private Engine engine(Map<String, String> credentials, String socketUrl, RemoteTuning tuning) throws EngineException {
        EngineContext.Builder context = EngineContext.builder()
                .credentials(CredentialSource.of(credentials))
                .endpoint(URI.create(server.root() + "/v1"));
        if (socketUrl != null) {
            context.option(WiroEngineProvider.SOCKET_OPTION, socketUrl);
        }
        return new WiroEngineProvider().create(context.build(), tuning);
    }

    private Engine engine() throws EngineException {
        return engine(Map.of("WIRO_API_KEY", KEY, "WIRO_API_SECRET", SECRET), null, Duration.ofSeconds(2));
    }

    private static MockResponse runAccepted() {
        return json(200, "{\"errors\":[],\"taskid\":\"2221\",\"socketaccesstoken\":\"" + TOKEN + "\",\"result\":true}");
    }

    private MockResponse task(String status, String pexit, String debugerror) {
        return json(200, "{\"total\":\"1\",\"errors\":[],\"result\":true,\"tasklist\":[{\"id\":\"2221\","
                + "\"uuid\":\"15bce51f\",\"name\":\"\",\"socketaccesstoken\":\"" + TOKEN + "\",\"parameters\":{},"
                + "\"debugoutput\":\"\",\"debugerror\":\"" + debugerror + "\",\"starttime\":\"1734513809\","
                + "\"endtime\":\"1734513813\",\"elapsedseconds\":\"6.0000\",\"status\":\"" + status + "\","
                + "\"cps\":\"0.000585000000\",\"totalcost\":\"0.003510000000\",\"createtime\":\"1734513807\","
                + "\"pexit\":\"" + pexit + "\",\"outputs\":[{\"id\":\"6bc3\",\"name\":\"0.png\","
                + "\"contenttype\":\"image/png\",\"size\":\"202472\",\"url\":\"" + server.url("/cdn/0.png") + "\"}],"
                + "\"size\":\"202472\"}]}");
    }

    private void scriptDetail(MockResponse... responses) {
        server.on("POST", RUN, runAccepted());
        server.on("POST", DETAIL, responses);
        server.on("GET", "/cdn/0.png", bytes("image/png", TestImages.png(32, 16, Color.GREEN)));
    }

    private static void assertSigned(RecordedRequest request) throws Exception {
        assertEquals(KEY, request.getHeaders().get("x-api-key"));
        long nonce = Long.parseLong(request.getHeaders().get("x-nonce"));
        assertEquals(new WiroSigner(Secret.of(KEY), Secret.of(SECRET)).signature(nonce),
                request.getHeaders().get("x-signature"), request.getTarget());
    }

    @Test
    void fillRunsOnceWithSignedMultipartAndPollsTaskDetailUntilDone() throws Exception {
        scriptDetail(task("task_queue", "", ""), task("task_start", "", ""), task("task_postprocess_end", "0", ""));
        RecordingProgress progress = new RecordingProgress();

        EngineResult result = engine().fill(EngineTestKit.input(), progress, new Cancellation());

        assertEquals(Color.GREEN.getRGB(), result.images().get(0).getRGB(5, 5));
        assertEquals(32, result.images().get(0).getWidth());
        assertEquals("2221", result.providerJobId().orElseThrow());
        assertEquals(new BigDecimal("0.003510000000"), result.cost().orElseThrow().amount());
        assertEquals("USD", result.cost().orElseThrow().unit());
        assertEquals(Duration.ofSeconds(6), result.timings().inference().orElseThrow());
        assertEquals(Duration.ofSeconds(2), result.timings().queue().orElseThrow());
        assertEquals(List.of(Stage.UPLOADING, Stage.QUEUED, Stage.RUNNING, Stage.DOWNLOADING), progress.stages());

        RecordedRequest run = server.requests("POST", RUN).get(0);
        assertSigned(run);
        assertTrue(run.getHeaders().get("Content-Type").startsWith("multipart/form-data"));
        String multipart = run.getBody().utf8();
        for (String part : List.of("name=\"inputImage\"; filename=\"image.png\"", "name=\"inputImageMask\"; filename=\"mask.png\"")) {
            assertTrue(multipart.contains(part), part);
        }
        Map<String, String> fields = formFields(multipart);
        assertEquals("", fields.get("inputImageUrl"));
        assertEquals("", fields.get("inputImageMaskUrl"));
        assertEquals("a red apple", fields.get("prompt"));
        assertEquals("20", fields.get("steps"));
        assertEquals("30.0", fields.get("scale"));
        assertEquals("1", fields.get("samples"));
        assertEquals("1234", fields.get("seed"));
        assertEquals("32", fields.get("width"));
        assertEquals("16", fields.get("height"));

        List<RecordedRequest> details = server.requests("POST", DETAIL);
        assertEquals(3, details.size());
        for (RecordedRequest detail : details) {
            assertSigned(detail);
            assertEquals(TOKEN, MAPPER.readTree(detail.getBody().utf8()).get("tasktoken").asText());
        }
        assertNull(server.requests("GET", "/cdn/0.png").get(0).getHeaders().get("x-api-key"));
    }

    /** Text fields of a multipart body: name → value. */
    private static Map<String, String> formFields(String multipart) {
        Map<String, String> fields = new HashMap<>();
        for (String part : multipart.split("--[0-9a-f-]{20,}")) {
            int name = part.indexOf("name=\"");
            if (name < 0 || part.contains("filename=")) {
                continue;
            }
            String key = part.substring(name + 6, part.indexOf('"', name + 6));
            int body = part.indexOf("\r\n\r\n");
            fields.put(key, part.substring(body + 4).replaceAll("\r\n$", ""));
        }
        return fields;
    }

    @Test
    void websocketProgressIsReportedStepByStepAndConfirmedByOneDetail() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        server.on("GET", "/socket", new MockResponse.Builder().webSocketUpgrade(new WebSocketListener() {
            @Override
            public void onMessage(WebSocket socket, String text) {
                received.add(text);
                String head = "{\"id\":\"2221\",\"tasktoken\":\"" + TOKEN + "\",\"result\":true,";
                socket.send(head + "\"type\":\"task_queue\",\"message\":null}");
                socket.send(head + "\"type\":\"task_start\",\"message\":null}");
                socket.send(head + "\"type\":\"task_output\",\"message\":{\"type\":\"progressGenerate\","
                        + "\"task\":\"Generate\",\"percentage\":\"60\",\"stepCurrent\":\"6\",\"stepTotal\":\"10\"}}");
                socket.send(head + "\"type\":\"task_error\",\"message\":\"a warning on stderr\"}");
                socket.send(head + "\"type\":\"task_postprocess_end\",\"message\":[{\"url\":\"x\"}]}");
            }

            @Override
            public void onClosing(WebSocket socket, int code, String reason) {
                socket.close(1000, null);
            }
        }).build());
        scriptDetail(task("task_postprocess_end", "0", ""));
        RecordingProgress progress = new RecordingProgress();

        // A quiet socket is checked by Task/Detail after the longest poll interval: make that long here.
        RemoteTuning tuning = EngineTestKit.fastTuning(sleeper).withPoll(
                new PollSchedule(Duration.ofMillis(10), Duration.ofSeconds(3), 1.5, Duration.ofSeconds(5)));
        engine(Map.of("WIRO_API_KEY", KEY, "WIRO_API_SECRET", SECRET), server.url("/socket").toString()
                .replace("http:", "ws:"), tuning).fill(EngineTestKit.input(), progress, new Cancellation());

        assertEquals(1, received.size());
        JsonNode hello = MAPPER.readTree(received.get(0));
        assertEquals("task_info", hello.get("type").asText());
        assertEquals(TOKEN, hello.get("tasktoken").asText());
        assertTrue(progress.events().contains(ProgressEvent.running(6, 10)), progress.events().toString());
        assertEquals(1, server.count("POST", DETAIL));
        assertNull(server.requests("GET", "/socket").get(0).getHeaders().get("x-api-key"), "no key to the socket");
    }

    @Test
    void socketThatDropsMidJobFallsBackToPolling() throws Exception {
        server.on("GET", "/socket", new MockResponse.Builder().webSocketUpgrade(new WebSocketListener() {
            @Override
            public void onMessage(WebSocket socket, String text) {
                socket.send("{\"type\":\"task_start\",\"id\":\"2221\",\"tasktoken\":\"" + TOKEN + "\",\"message\":null}");
                socket.close(1001, "going away");
            }
        }).build());
        scriptDetail(task("task_start", "", ""), task("task_postprocess_end", "0", ""));
        RemoteTuning tuning = EngineTestKit.fastTuning(sleeper).withPoll(
                new PollSchedule(Duration.ofMillis(10), Duration.ofSeconds(3), 1.5, Duration.ofSeconds(5)));
        RecordingProgress progress = new RecordingProgress();
        EngineResult result = engine(Map.of("WIRO_API_KEY", KEY, "WIRO_API_SECRET", SECRET),
                server.url("/socket").toString().replace("http:", "ws:"), tuning)
                .fill(EngineTestKit.input(), progress, new Cancellation());
        assertEquals(1, result.images().size());
        assertEquals(2, server.count("POST", DETAIL));
        assertTrue(progress.stages().contains(Stage.RUNNING));
    }

    @Test
    void socketThatCannotConnectFallsBackToPolling() throws Exception {
        scriptDetail(task("task_start", "", ""), task("task_postprocess_end", "0", ""));
        EngineResult result = engine(Map.of("WIRO_API_KEY", KEY, "WIRO_API_SECRET", SECRET), "ws://127.0.0.1:1/v1",
                Duration.ofSeconds(5)).fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation());
        assertEquals(1, result.images().size());
        assertEquals(2, server.count("POST", DETAIL));
    }

    @Test
    void unauthorisedRunIsAnAuthenticationFailureThatShowsNeitherKeyNorSecret() throws Exception {
        server.on("POST", RUN, json(401, "{\"result\":false,\"errors\":[{\"code\":99,\"message\":\"token invalid "
                + KEY + " " + SECRET + "\"}]}"));
        EngineException e = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
        assertEquals(Category.AUTHENTICATION, e.category());
        EngineTestKit.assertNoSecret(e, KEY, SECRET);
        assertEquals(1, server.count("POST", RUN));
    }

    @Test
    void insufficientBalanceIsQuotaAndTheRunIsNotRepeated() throws Exception {
        server.on("POST", RUN, json(200, "{\"result\":false,\"errors\":[{\"code\":97,\"message\":\"Insufficient balance\"}]}"));
        EngineException e = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
        assertEquals(Category.QUOTA, e.category());
        assertTrue(e.getMessage().contains("Insufficient balance"));
        assertEquals(1, server.count("POST", RUN));
    }

    @Test
    void failingRunIsNotRepeated() throws Exception {
        server.on("POST", RUN, json(503, "{\"result\":false,\"errors\":[]}"));
        EngineException e = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
        assertEquals(Category.PROVIDER_FAILED, e.category());
        assertEquals(1, server.count("POST", RUN));
        assertEquals(0, server.count("POST", DETAIL));
    }

    @Test
    void rateLimitedDetailIsRetriedAfterTheRequestedDelayWithAFreshNonce() throws Exception {
        scriptDetail(new MockResponse.Builder().code(429).addHeader("Retry-After", "3").build(),
                task("task_postprocess_end", "0", ""));
        engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation());
        assertTrue(sleeper.requested().contains(Duration.ofSeconds(3)), sleeper.requested().toString());
        List<RecordedRequest> details = server.requests("POST", DETAIL);
        assertEquals(2, details.size());
        assertTrue(Long.parseLong(details.get(1).getHeaders().get("x-nonce"))
                > Long.parseLong(details.get(0).getHeaders().get("x-nonce")));
        assertSigned(details.get(1));
    }

    @Test
    void serverErrorOnDetailIsRetriedAndTheJobSucceeds() throws Exception {
        scriptDetail(json(500, "{}"), task("task_postprocess_end", "0", ""));
        assertEquals(1, engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()).images().size());
        assertEquals(2, server.count("POST", DETAIL));
    }

    @Test
    void nonZeroExitIsAProviderFailureWithTheEndOfTheErrorLog() throws Exception {
        scriptDetail(task("task_postprocess_end", "1", "Traceback ... RuntimeError: CUDA out of memory"));
        EngineException e = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
        assertEquals(Category.PROVIDER_FAILED, e.category());
        assertTrue(e.providerDetail().orElseThrow().endsWith("CUDA out of memory"));
        assertEquals(0, server.count("GET", "/cdn/0.png"));
    }

    @Test
    void malformedDetailIsAProviderFailure() throws Exception {
        scriptDetail(json(200, "{\"result\":true,\"tasklist\":[{\"id\":"));
        EngineException e = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
        assertEquals(Category.PROVIDER_FAILED, e.category());
    }

    @Test
    void taskThatNeverFinishesTimesOutAndIsKilled() throws Exception {
        scriptDetail(task("task_start", "", ""));
        server.on("POST", KILL, task("task_cancel", "", ""));
        EngineException e = assertThrows(EngineException.class,
                () -> engine(Map.of("WIRO_API_KEY", KEY, "WIRO_API_SECRET", SECRET), null, Duration.ofMillis(300))
                        .fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
        assertEquals(Category.NETWORK, e.category());
        assertEquals("2221", MAPPER.readTree(server.requests("POST", KILL).get(0).getBody().utf8()).get("taskid").asText());
        assertEquals(0, server.count("POST", CANCEL));
    }

    @Test
    void cancellingAQueuedTaskSendsCancel() throws Exception {
        scriptDetail(task("task_queue", "", ""));
        server.on("POST", CANCEL, task("task_cancel", "", ""));
        Cancellation cancellation = new Cancellation();
        RecordingProgress progress = new RecordingProgress(Stage.QUEUED, cancellation::cancel);
        EngineException e = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), progress, cancellation));
        assertEquals(Category.CANCELLED, e.category());
        RecordedRequest cancel = server.requests("POST", CANCEL).get(0);
        assertSigned(cancel);
        assertEquals("2221", MAPPER.readTree(cancel.getBody().utf8()).get("taskid").asText());
        assertEquals(0, server.count("POST", KILL));
    }

    @Test
    void cancellingARunningTaskSendsKill() throws Exception {
        scriptDetail(task("task_start", "", ""));
        server.on("POST", KILL, task("task_cancel", "", ""));
        Cancellation cancellation = new Cancellation();
        RecordingProgress progress = new RecordingProgress(Stage.RUNNING, cancellation::cancel);
        EngineException e = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), progress, cancellation));
        assertEquals(Category.CANCELLED, e.category());
        assertEquals(1, server.count("POST", KILL));
        assertEquals(0, server.count("POST", CANCEL));
    }

    @Test
    void refusedCancelFallsBackToKill() throws Exception {
        scriptDetail(task("task_queue", "", ""));
        server.on("POST", CANCEL, json(200, "{\"result\":false,\"errors\":[{\"code\":1,\"message\":\"Not cancellable\"}]}"));
        server.on("POST", KILL, task("task_cancel", "", ""));
        Cancellation cancellation = new Cancellation();
        RecordingProgress progress = new RecordingProgress(Stage.QUEUED, cancellation::cancel);
        assertThrows(EngineException.class, () -> engine().fill(EngineTestKit.input(), progress, cancellation));
        assertEquals(1, server.count("POST", CANCEL));
        assertEquals(1, server.count("POST", KILL));
    }

    @Test
    void missingOutputIsAProviderFailureAfterOneAttempt() throws Exception {
        scriptDetail(task("task_postprocess_end", "0", ""));
        server.on("GET", "/cdn/0.png", json(404, "{}"));
        EngineException e = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
        assertEquals(Category.PROVIDER_FAILED, e.category());
        assertEquals(1, server.count("GET", "/cdn/0.png"));
    }

    @Test
    void apiKeyOnlyProjectsSendNoSignature() throws Exception {
        scriptDetail(task("task_postprocess_end", "0", ""));
        engine(Map.of("WIRO_API_KEY", KEY), null, Duration.ofSeconds(2))
                .fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation());
        RecordedRequest run = server.requests("POST", RUN).get(0);
        assertEquals(KEY, run.getHeaders().get("x-api-key"));
        assertNull(run.getHeaders().get("x-signature"));
        assertNull(run.getHeaders().get("x-nonce"));
    }

    @Test
    void runWhoseConnectionClosesAfterTheServerReadItIsSentOnceAndMayHaveBeenSubmitted() throws Exception {
        scriptDetail(task("task_postprocess_end", "0", ""));
        // A first job leaves a pooled connection behind, as a second Generate finds it: the run that follows
        // goes out on it, where OkHttp would silently re-POST if allowed to.
        server.on("POST", RUN, runAccepted(),
                new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build(), runAccepted());
        Engine engine = engine();
        engine.fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation());
        EngineException e = assertThrows(EngineException.class,
                () -> engine.fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
        assertEquals(2, server.count("POST", RUN), "one click, one run");
        assertTrue(e.getMessage().contains("may have received the job") && e.getMessage().contains("dashboard"),
                e.getMessage());
        EngineTestKit.assertNoSecret(e, KEY, SECRET);
    }

    @Test
    void detailOutageLongerThanThePatienceLeavesTheTaskRunningAndResumeFollowsItById() throws Exception {
        scriptDetail(json(503, "{}"));
        server.on("POST", KILL, task("task_cancel", "", ""));
        Engine engine = engine();
        EngineException e = assertThrows(EngineException.class,
                () -> engine.fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
        assertTrue(server.count("POST", DETAIL) > 3);
        assertEquals(0, server.count("POST", KILL), "a task that may still deliver is not killed");
        SubmittedJob job = e.submittedJob().orElseThrow();
        assertEquals("2221", job.jobId());

        server.on("POST", DETAIL, task("task_postprocess_end", "0", ""));
        EngineResult result = engine.resume(job, EngineTestKit.input(), new RecordingProgress(), new Cancellation());
        assertEquals(1, result.images().size());
        assertEquals(1, server.count("POST", RUN), "resuming submits nothing");
        List<RecordedRequest> details = server.requests("POST", DETAIL);
        assertEquals("2221", MAPPER.readTree(details.get(details.size() - 1).getBody().utf8()).get("taskid").asText());
    }

    @Test
    void failureReportedInsideA200DetailIsTheProvidersWordAndTheTaskIsStopped() throws Exception {
        scriptDetail(json(200, "{\"result\":false,\"errors\":[{\"code\":1,\"message\":\"Task not found\"}]}"));
        server.on("POST", CANCEL, task("task_cancel", "", ""));
        EngineException e = assertThrows(EngineException.class,
                () -> engine().fill(EngineTestKit.input(), new RecordingProgress(), new Cancellation()));
        assertEquals(1, server.count("POST", DETAIL));
        assertEquals(1, server.count("POST", CANCEL));
        assertTrue(e.getMessage().contains("Task not found"), e.getMessage());
        assertTrue(e.submittedJob().isEmpty());
    }
}
