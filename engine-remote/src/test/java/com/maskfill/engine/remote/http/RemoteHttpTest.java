package com.maskfill.engine.remote.http;

import com.maskfill.engine.api.engine.Redactor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.engine.api.engine.Secret;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class RemoteHttpTest {

    private final MockWebServer server = new MockWebServer();
    private final RecordingSleeper sleeper = RecordingSleeper.fast();
    private final Secret key = Secret.of("sk-test-secret-42");
    private RemoteHttp http;

    @BeforeEach
    void start() throws Exception {
        server.start();
        RetryPolicy retry = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(10));
        http = new RemoteHttp("Test", HttpClients.forApi(new Timeouts(Duration.ofSeconds(2), Duration.ofMillis(500),
                Duration.ofSeconds(2))), retry, sleeper, Redactor.of(key));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Request get() {
        return new Request.Builder().url(server.url("/poll")).header("Authorization", "Bearer " + key.reveal()).build();
    }

    private Request post() {
        return new Request.Builder().url(server.url("/submit")).post(RemoteHttp.jsonBody(List.of(1))).build();
    }

    @Test
    void submissionIsNeverRepeatedEvenOnAServerError() {
        server.enqueue(new MockResponse.Builder().code(503).body("busy").build());
        server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
        HttpStatusException e = assertThrows(HttpStatusException.class, () -> http.sendOnce(post(), new CallScope()));
        assertEquals(503, e.status());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void repeatableCallIsRetriedAfterAServerErrorAndSucceeds() throws Exception {
        server.enqueue(new MockResponse.Builder().code(500).body("oops").build());
        server.enqueue(new MockResponse.Builder().code(200).body("{\"ok\":true}").build());
        HttpReply reply = http.sendRepeatable(get(), new CallScope());
        assertEquals("{\"ok\":true}", new String(reply.body()));
        assertEquals(2, server.getRequestCount());
        assertEquals(List.of(Duration.ofMillis(5)), sleeper.requested());
    }

    @Test
    void retryAfterHeaderSetsThePauseBeforeTheRetry() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3").build());
        server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
        http.sendRepeatable(get(), new CallScope());
        assertEquals(List.of(Duration.ofSeconds(3)), sleeper.requested());
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void retryAfterLongerThanThePolicyAllowsSurfacesTheError() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3600").build());
        HttpStatusException e = assertThrows(HttpStatusException.class, () -> http.sendRepeatable(get(), new CallScope()));
        assertEquals(429, e.status());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void clientErrorsAreNotRetried() {
        server.enqueue(new MockResponse.Builder().code(401).body("{\"message\":\"bad key sk-test-secret-42\"}").build());
        HttpStatusException e = assertThrows(HttpStatusException.class, () -> http.sendRepeatable(get(), new CallScope()));
        assertEquals(401, e.status());
        assertEquals(1, server.getRequestCount());
        assertFalse(e.getMessage().contains(key.reveal()), e.getMessage());
        assertTrue(e.getMessage().contains("Test GET /poll answered HTTP 401"), e.getMessage());
    }

    @Test
    void retriesStopAfterMaxAttempts() {
        for (int i = 0; i < 5; i++) {
            server.enqueue(new MockResponse.Builder().code(502).build());
        }
        assertThrows(HttpStatusException.class, () -> http.sendRepeatable(get(), new CallScope()));
        assertEquals(3, server.getRequestCount());
        assertEquals(List.of(Duration.ofMillis(5), Duration.ofMillis(10)), sleeper.requested());
    }

    @Test
    void droppedConnectionIsRetriedForRepeatableCalls() throws Exception {
        server.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
        server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
        http.sendRepeatable(get(), new CallScope());
        assertEquals(2, server.getRequestCount());
    }

    /** A client whose read timeout (30 s) is far longer than any cancel test waits. */
    private RemoteHttp patientClient() {
        return new RemoteHttp("Test", HttpClients.forApi(new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(30),
                Duration.ofSeconds(2))), RetryPolicy.standard(), sleeper, Redactor.of(key));
    }

    /** Cancels {@code scope} after {@code delayMillis} and asserts that {@code call} then ends cancelled within 4 s. */
    private static void assertCancelAborts(CallScope scope, long delayMillis, Executable call) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            timer.schedule(scope::cancel, delayMillis, TimeUnit.MILLISECONDS);
            long start = System.nanoTime();
            assertThrows(CallCancelledException.class, call);
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(4), "cancel did not abort the call");
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void cancellingAbortsABlockingCall() {
        server.enqueue(new MockResponse.Builder().code(200).body("{}").headersDelay(5, TimeUnit.SECONDS).build());
        CallScope scope = new CallScope();
        assertCancelAborts(scope, 100, () -> patientClient().sendOnce(post(), scope));
    }

    @Test
    void malformedJsonIsReportedWithARedactedExcerpt() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("{not json sk-test-secret-42").build());
        HttpReply reply = http.sendRepeatable(get(), new CallScope());
        MalformedResponseException e = assertThrows(MalformedResponseException.class, () -> http.json(reply, Object.class));
        assertTrue(e.getMessage().startsWith("Test GET /poll returned malformed JSON"), e.getMessage());
        assertFalse(e.getMessage().contains(key.reveal()));
    }

    @Test
    void redirectsAreNotFollowedForCallsCarryingKeys() {
        server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "https://elsewhere.example.com/").build());
        HttpStatusException e = assertThrows(HttpStatusException.class, () -> http.sendRepeatable(get(), new CallScope()));
        assertEquals(302, e.status());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void submissionOnAReusedConnectionThatClosesAfterTheServerReadItIsNotResent() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
        server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
        server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
        http.sendRepeatable(get(), new CallScope()); // leaves a pooled connection, as an upload does
        SubmitUnconfirmedException e = assertThrows(SubmitUnconfirmedException.class,
                () -> http.sendOnce(post(), new CallScope()));
        assertEquals(2, server.getRequestCount(), "the submission reached the server exactly once");
        assertTrue(e.getMessage().contains("POST /submit"), e.getMessage());
    }

    @Test
    void submissionThatNeverLeftIsAPlainNetworkFailure() throws Exception {
        int port = server.getPort();
        server.close();
        Request unreachable = new Request.Builder().url("http://127.0.0.1:" + port + "/submit")
                .post(RemoteHttp.jsonBody(List.of(1))).build();
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> http.sendOnce(unreachable, new CallScope()));
        assertFalse(e instanceof SubmitUnconfirmedException, "nothing was sent: " + e);
    }

    @Test
    void withPatienceARepeatableCallKeepsTryingUntilThePausesAddUpToIt() throws Exception {
        for (int i = 0; i < 20; i++) {
            server.enqueue(new MockResponse.Builder().code(503).build());
        }
        RemoteHttp patient = http.withRetry(new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20),
                Duration.ofSeconds(10), Duration.ofMillis(100)));
        assertThrows(HttpStatusException.class, () -> patient.sendRepeatable(get(), new CallScope()));
        // Pauses 5, 10, then 20 ms each: they pass 100 ms only after the seventh attempt, so there are eight.
        assertEquals(8, server.getRequestCount());
    }

    @Test
    void cancellingAbortsABodyThatIsStillDownloading() {
        // 16 KiB at 640 bytes/s: each read is well within the read timeout, the whole body takes 25 s.
        server.enqueue(new MockResponse.Builder().code(200).body("x".repeat(16 * 1024))
                .throttleBody(64, 100, TimeUnit.MILLISECONDS).build());
        CallScope scope = new CallScope();
        assertCancelAborts(scope, 300, () -> patientClient().sendRepeatable(get(), scope,
                (what, response) -> RemoteHttp.readBounded(what, response.body(), 1 << 20, true)));
    }
}
