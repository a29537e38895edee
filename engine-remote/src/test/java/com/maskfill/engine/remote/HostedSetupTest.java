package com.maskfill.engine.remote;

import static com.maskfill.engine.remote.ScriptedServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.engine.api.engine.ConnectionCheck;
import com.maskfill.engine.api.engine.ConnectionCheck.Outcome;
import com.maskfill.engine.api.engine.CredentialSource;
import com.maskfill.engine.api.engine.EngineContext;
import com.maskfill.engine.api.engine.EngineProvider;
import com.maskfill.engine.api.engine.EngineProviders;
import com.maskfill.engine.api.engine.Readiness;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * What the editor asks a hosted engine before any job: is it set up (offline), and does its key work ("Test
 * connection": one free call against a fake of the provider, never a submission).
 */
class HostedSetupTest {

    private static final String KEY = "ws-test-key-0123456789";
    private static final String BALANCE = "/api/v3/account/balance";
    private static final String TOOL_DETAIL = "/v1/Tool/Detail";

    private static EngineProvider provider(String id) {
        return EngineProviders.find(id).orElseThrow();
    }

    private static EngineContext context(Map<String, String> keys, String endpoint) {
        return EngineContext.builder().credentials(CredentialSource.of(keys))
                .endpoint(endpoint == null ? null : URI.create(endpoint)).build();
    }

    @Test
    void aHostedEngineWithoutItsKeyIsNotSetUpAndNamesTheVariable() {
        for (String id : new String[] {"wavespeed", "wavespeed-v2", "oneminai", "wiro"}) {
            Readiness readiness = provider(id).readiness(EngineContext.empty());
            assertFalse(readiness.ready(), id);
            assertTrue(readiness.reason().contains("API key"), readiness.reason());
        }
        assertTrue(provider("wavespeed").readiness(context(Map.of("WAVESPEED_API_KEY", KEY), null)).ready());
    }

    @Test
    void wiroIsReadyWithTheKeyAloneBecauseTheSecretIsOptional() {
        assertTrue(provider("wiro").readiness(context(Map.of("WIRO_API_KEY", "k"), null)).ready());
    }

    @Test
    void everyHostedEngineSaysWhereToGetAKey() {
        for (String id : new String[] {"wavespeed", "wavespeed-v2", "oneminai", "wiro"}) {
            URI page = provider(id).keyPage().orElseThrow();
            assertEquals("https", page.getScheme(), id);
        }
    }

    @Test
    void waveSpeedTestReadsTheBalanceOnceWithTheKeyAndSubmitsNothing() throws Exception {
        try (ScriptedServer server = new ScriptedServer()) {
            server.on("GET", BALANCE, json(200,
                    "{\"code\":200,\"message\":\"success\",\"data\":{\"balance\":12.5,\"currency\":\"USD\"}}"));
            ConnectionCheck check = provider("wavespeed").testConnection(
                    context(Map.of("WAVESPEED_API_KEY", KEY), server.root()));

            assertEquals(Outcome.PASSED, check.outcome(), check.message());
            assertTrue(check.message().contains("12.50 USD"), check.message());
            assertEquals(1, server.requests().size());
            RecordedRequest request = server.requests().get(0);
            assertEquals("GET", request.getMethod());
            assertEquals(BALANCE, request.getUrl().encodedPath());
            assertEquals("Bearer " + KEY, request.getHeaders().get("Authorization"));
        }
    }

    @Test
    void aRefusedKeyIsSaidPlainlyAndNeverShownEvenWhenTheProviderEchoesIt() throws Exception {
        try (ScriptedServer server = new ScriptedServer()) {
            server.on("GET", BALANCE, json(401, "{\"code\":401,\"message\":\"invalid key " + KEY + "\"}"));
            ConnectionCheck check = provider("wavespeed-v2").testConnection(
                    context(Map.of("WAVESPEED_API_KEY", KEY), server.root()));

            assertEquals(Outcome.FAILED, check.outcome());
            assertTrue(check.message().startsWith("The key was refused by WaveSpeedAI (HTTP 401)"), check.message());
            assertFalse(check.message().contains(KEY), check.message());
            assertEquals(1, server.requests().size(), "a refused key is not tried again");
        }
    }

    @Test
    void withoutAKeyNothingIsSent() throws Exception {
        try (ScriptedServer server = new ScriptedServer()) {
            ConnectionCheck check = provider("wavespeed").testConnection(context(Map.of(), server.root()));
            assertEquals(Outcome.FAILED, check.outcome());
            assertTrue(check.message().contains("no key"), check.message());
            assertEquals(0, server.requests().size());
        }
    }

    @Test
    void anUnreachableProviderIsAConnectionFailureNotARefusedKey() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ConnectionCheck check = provider("wavespeed").testConnection(
                context(Map.of("WAVESPEED_API_KEY", KEY), "http://127.0.0.1:" + closedPort));
        assertEquals(Outcome.FAILED, check.outcome());
        assertFalse(check.message().contains("refused by"), check.message());
        assertTrue(check.message().contains("WaveSpeedAI"), check.message());
    }

    @Test
    void wiroTestIsASignedModelLookupAndItsSignInErrorMeansARefusedKey() throws Exception {
        try (ScriptedServer server = new ScriptedServer()) {
            server.on("POST", TOOL_DETAIL,
                    json(200, "{\"result\":true,\"errors\":[],\"tool\":[{\"slugproject\":\"flux-1-fill-dev\"}]}"),
                    json(200, "{\"result\":false,\"errors\":[{\"code\":99,\"message\":\"token invalid\"}]}"));
            Map<String, String> keys = Map.of("WIRO_API_KEY", "wiro-key-1234", "WIRO_API_SECRET", "wiro-secret-5678");

            ConnectionCheck passed = provider("wiro").testConnection(context(keys, server.root() + "/v1"));
            assertEquals(Outcome.PASSED, passed.outcome(), passed.message());
            RecordedRequest request = server.requests().get(0);
            assertEquals("wiro-key-1234", request.getHeaders().get("x-api-key"));
            assertNotNull(request.getHeaders().get("x-signature"));
            assertTrue(request.getBody().utf8().contains("flux-1-fill-dev"));

            ConnectionCheck refused = provider("wiro").testConnection(context(keys, server.root() + "/v1"));
            assertEquals(Outcome.FAILED, refused.outcome());
            assertTrue(refused.message().startsWith("The key was refused by Wiro"), refused.message());
            assertEquals(0, server.count("POST", "/v1/Run/black-forest-labs/flux-1-fill-dev"));
        }
    }

    @Test
    void oneMinAiHasNoFreeCheckAndSaysSoWithoutSendingAnything() {
        ConnectionCheck check = provider("oneminai").testConnection(
                context(Map.of("ONEMIN_API_KEY", "k"), "http://127.0.0.1:9"));
        assertEquals(Outcome.NOT_AVAILABLE, check.outcome());
        assertTrue(check.message().contains("1min.ai"), check.message());
    }
}
