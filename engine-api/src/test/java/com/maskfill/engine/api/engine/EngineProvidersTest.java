package com.maskfill.engine.api.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EngineProvidersTest {

    @Test
    void providerRegisteredInMetaInfServicesIsDiscovered() {
        List<EngineProvider> providers = EngineProviders.discover();
        assertEquals(List.of("test-echo"), providers.stream().map(EngineProvider::id).toList());
        assertEquals("Test echo engine", providers.get(0).displayName());
    }

    @Test
    void discoveredProviderCreatesAnEngineWithTheCredentialsFromItsContext() throws EngineException {
        EngineProvider provider = EngineProviders.find("test-echo").orElseThrow();
        EngineContext context = EngineContext.builder()
                .credentials(CredentialSource.of(java.util.Map.of("apiKey", "sk-123")))
                .build();
        try (Engine engine = provider.create(context)) {
            assertEquals(provider.capabilities().toString(), engine.capabilities().toString());
            assertTrue(((TestEchoEngineProvider.EchoEngine) engine).hadKey());
        }
    }

    @Test
    void unknownIdFindsNothing() {
        assertTrue(EngineProviders.find("no-such-engine").isEmpty());
    }
}
