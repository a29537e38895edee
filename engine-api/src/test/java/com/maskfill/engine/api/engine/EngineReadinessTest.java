package com.maskfill.engine.api.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineReadinessTest {

    private final EngineProvider provider = new TestEchoEngineProvider();

    @Test
    void anEngineMissingACredentialItNamesIsNotSetUpAndSaysWhichKey() {
        Readiness readiness = provider.readiness(EngineContext.empty());
        assertFalse(readiness.ready());
        assertEquals("needs an API key (apiKey)", readiness.reason());
    }

    @Test
    void anEngineWithEveryCredentialIsReady() {
        Readiness readiness = provider.readiness(EngineContext.builder()
                .credentials(CredentialSource.of(Map.of("apiKey", "sk-123"))).build());
        assertTrue(readiness.ready());
        assertEquals("", readiness.reason());
    }

    @Test
    void aStoredKeyThatCannotBeAKeyIsNotSetUpAndTheValueIsNeverRepeated() {
        Readiness readiness = provider.readiness(EngineContext.builder()
                .credentials(CredentialSource.of(Map.of("apiKey", "sk-1\r"))).build());
        assertFalse(readiness.ready());
        assertFalse(readiness.reason().contains("sk-1"), readiness.reason());
    }

    @Test
    void byDefaultThereIsNoConnectionTestAndNoKeyPage() {
        ConnectionCheck check = provider.testConnection(EngineContext.empty());
        assertEquals(ConnectionCheck.Outcome.NOT_AVAILABLE, check.outcome());
        assertTrue(provider.keyPage().isEmpty());
    }

    @Test
    void notReadyWithoutAReasonIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Readiness.notSetUp(" "));
    }
}
