package com.maskfill.engine.remote.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class EndpointsTest {

    @Test
    void documentedRootIsUsedWhenNoOverrideIsGiven() {
        assertEquals("https://api.wiro.ai/v1/Task/Detail",
                Endpoints.resolve(Endpoints.root(null, "https://api.wiro.ai/v1"), "Task/Detail").toString());
        assertEquals("https://api.wiro.ai/v1/Task/Detail",
                Endpoints.resolve(Endpoints.root("  ", "https://api.wiro.ai/v1"), "Task/Detail").toString());
    }

    @Test
    void overrideReplacesTheWholeRootIncludingItsPathPrefix() {
        HttpUrl root = Endpoints.root("https://proxy.example.com/wiro/", "https://api.wiro.ai/v1");
        assertEquals("https://proxy.example.com/wiro/Run/black-forest-labs/flux-1-fill-dev",
                Endpoints.resolve(root, "Run/black-forest-labs/flux-1-fill-dev").toString());
    }

    @Test
    void idSegmentsAreEncodedNotInterpretedAsPaths() {
        HttpUrl root = Endpoints.root(null, "https://api.wavespeed.ai");
        assertEquals("https://api.wavespeed.ai/api/v3/predictions/a%2F..%2Fb/result",
                Endpoints.resolve(root, "api/v3/predictions", "a/../b", "result").toString());
    }

    @Test
    void plainHttpIsAcceptedOnlyForLoopbackHosts() {
        assertEquals("127.0.0.1", Endpoints.root("http://127.0.0.1:8080", "https://x").host());
        assertEquals("localhost", Endpoints.root("http://localhost:1234/", "https://x").host());
        Endpoints.root("http://[::1]:9/", "https://x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Endpoints.root("http://api.wavespeed.ai", "https://x"));
        assertTrue(e.getMessage().contains("use https"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Endpoints.root("http://127.0.0.1.nip.io", "https://x"));
        assertThrows(IllegalArgumentException.class, () -> Endpoints.parseReturned("http://cdn.example.com/a.png", "output"));
    }

    @Test
    void malformedOverridesAreRejectedWithTheValueInTheMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Endpoints.root("ftp://api.example.com", "https://x"));
        assertTrue(e.getMessage().contains("ftp://api.example.com"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Endpoints.root("https://api.example.com/?a=b", "https://x"));
    }

    @Test
    void theEnginesAndTheSettingsDialogJudgeBaseUrlsAlike() {
        for (String url : new String[] {"https://my_gateway.example.com", "https://example.com:70000",
                "https://user:pass@example.com", "https://example.com/?a=b", "http://example.com"}) {
            assertTrue(com.maskfill.engine.api.engine.EndpointPolicy.problemWith(url).isPresent(), url);
            assertThrows(IllegalArgumentException.class, () -> Endpoints.root(url, "https://x"), url);
        }
        IllegalArgumentException userInfo = assertThrows(IllegalArgumentException.class,
                () -> Endpoints.root("https://user:hunter2@example.com", "https://x"));
        assertFalse(userInfo.getMessage().contains("hunter2"), userInfo.getMessage());
    }

    @Test
    void sameOriginComparesSchemeHostAndPort() {
        HttpUrl a = HttpUrl.get("https://api.wavespeed.ai/api/v3/x");
        assertTrue(Endpoints.sameOrigin(a, HttpUrl.get("https://api.wavespeed.ai/other")));
        assertFalse(Endpoints.sameOrigin(a, HttpUrl.get("https://evil.example.com/api/v3/x")));
        assertFalse(Endpoints.sameOrigin(a, HttpUrl.get("https://api.wavespeed.ai:8443/api/v3/x")));
    }
}
