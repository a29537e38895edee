package com.maskfill.app.settings;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.engine.api.engine.CredentialSource;
import com.maskfill.engine.api.engine.EngineProviders;
import com.maskfill.engine.api.engine.Readiness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engines judge their own setup with the settings the user saved, the trust in the network included. */
class EngineReadinessTest {

    private static EngineReadiness readiness(Map<String, String> options, String endpoint) {
        return new EngineReadiness(List.of(EngineProviders.find("comfyui").orElseThrow()), CredentialSource.none(),
                id -> options, id -> endpoint);
    }

    @Test
    void aStudioServerOnPlainHttpIsSetUpOnceTheUserTrustsTheNetwork() {
        Readiness trusted = readiness(Map.of("trustPlainHttp", "true"), "http://192.168.1.20:8188").of("comfyui");
        Readiness untrusted = readiness(Map.of(), "http://192.168.1.20:8188").of("comfyui");

        assertTrue(trusted.ready(), trusted.reason());
        assertFalse(untrusted.ready());
        assertTrue(untrusted.reason().contains("address of your ComfyUI server")
                || untrusted.reason().contains("trustPlainHttp"), untrusted.reason());
    }

    @Test
    void testConnectionTakesTheTrustShownInTheFormBeforeItIsSaved() {
        var check = readiness(Map.of(), null).test("comfyui", Map.of(), "http://192.168.1.20:8188",
                Map.of("trustPlainHttp", "false"));

        assertTrue(check.message().startsWith("Fix the base URL first"), check.message());
    }
}
