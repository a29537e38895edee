package com.maskfill.engine.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.engine.api.engine.CredentialSource;
import com.maskfill.engine.api.engine.EngineContext;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.EngineException.Category;
import com.maskfill.engine.api.engine.EngineProvider;
import com.maskfill.engine.api.engine.EngineProviders;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The providers as the app and the command line see them: through ServiceLoader, with a context. */
class RemoteEngineProvidersTest {

    private static final Map<String, String> ALL_KEYS = Map.of("WAVESPEED_API_KEY", "k1", "ONEMIN_API_KEY", "k2",
            "WIRO_API_KEY", "k3", "WIRO_API_SECRET", "s3", "BFL_API_KEY", "k4", "REPLICATE_API_TOKEN", "k5", "FAL_KEY", "k6");

    private static List<EngineProvider> remote() {
        return EngineProviders.discover().stream()
                .filter(p -> p.getClass().getPackageName().startsWith("com.maskfill.engine.remote"))
                .toList();
    }

    /** The hosted services that bill a key; a studio's ComfyUI server takes a proxy token only if it has one. */
    private static List<EngineProvider> keyed() {
        return remote().stream().filter(p -> !p.id().equals("comfyui")).toList();
    }

    @Test
    void serviceLoaderFindsTheHostedEnginesByTheirCommandLineIds() {
        assertEquals(List.of("bfl", "comfyui", "fal", "fal-pro", "oneminai", "replicate", "replicate-pro",
                "wavespeed", "wavespeed-v2", "wiro"),
                remote().stream().map(EngineProvider::id).toList());
        for (EngineProvider provider : remote()) {
            assertFalse(provider.displayName().isBlank());
            assertTrue(provider.capabilities().needsCredentials(), provider.id());
        }
    }

    @Test
    void eachProviderCreatesAnEngineFromEnvironmentStyleCredentials() throws Exception {
        for (EngineProvider provider : remote()) {
            EngineContext context = EngineContext.builder().credentials(CredentialSource.of(ALL_KEYS)).build();
            assertNotNull(provider.create(context), provider.id());
        }
    }

    @Test
    void missingKeyIsAnAuthenticationFailureNamingTheVariable() {
        for (EngineProvider provider : keyed()) {
            EngineException e = assertThrows(EngineException.class,
                    () -> provider.create(EngineContext.builder().build()), provider.id());
            assertEquals(Category.AUTHENTICATION, e.category());
            String expected = provider.capabilities().credentialNames().get(0);
            assertTrue(e.getMessage().contains(expected), e.getMessage());
        }
    }

    @Test
    void plainHttpOverrideIsRefusedUnlessItIsLoopback() throws Exception {
        for (EngineProvider provider : remote()) {
            EngineContext remoteHttp = EngineContext.builder().credentials(CredentialSource.of(ALL_KEYS))
                    .endpoint(URI.create("http://proxy.example.com:8080")).build();
            EngineException e = assertThrows(EngineException.class, () -> provider.create(remoteHttp), provider.id());
            assertEquals(Category.INVALID_INPUT, e.category());
            assertTrue(e.getMessage().contains("https"), e.getMessage());

            EngineContext loopback = EngineContext.builder().credentials(CredentialSource.of(ALL_KEYS))
                    .endpoint(URI.create("http://127.0.0.1:8080")).build();
            assertNotNull(provider.create(loopback));
        }
    }

    @Test
    void wiroSocketOptionMustBeAWebsocketUrlUnderTheSameHttpsRule() {
        EngineProvider wiro = EngineProviders.find("wiro").orElseThrow();
        for (String bad : List.of("https://socket.example.com", "ws://socket.example.com/v1")) {
            EngineContext context = EngineContext.builder().credentials(CredentialSource.of(ALL_KEYS))
                    .option("socketUrl", bad).build();
            EngineException e = assertThrows(EngineException.class, () -> wiro.create(context), bad);
            assertEquals(Category.INVALID_INPUT, e.category());
        }
    }

    @Test
    void environmentCredentialsReadVariablesAndTreatBlankAsAbsent() {
        Map<String, String> env = new HashMap<>(Map.of("WAVESPEED_API_KEY", "  ws-key \n", "ONEMIN_API_KEY", " "));
        EnvironmentCredentials credentials = new EnvironmentCredentials(env::get);
        assertEquals("ws-key", credentials.find("WAVESPEED_API_KEY").orElseThrow().reveal());
        assertTrue(credentials.find("ONEMIN_API_KEY").isEmpty());
        assertTrue(credentials.find("WIRO_API_KEY").isEmpty());
        assertFalse(credentials.find("WAVESPEED_API_KEY").orElseThrow().toString().contains("ws-key"));
    }

    @Test
    void keyWithAStrayCharacterIsRefusedNamingTheVariableButNeverTheKey() {
        String key = "sk-live-0123456789abcdef";
        for (String stray : List.of("\r", "\u00A0", "\u200B")) {
            for (EngineProvider provider : remote()) {
                Map<String, String> keys = new HashMap<>(ALL_KEYS);
                String name = provider.capabilities().credentialNames().get(provider.id().equals("wiro") ? 1 : 0);
                keys.put(name, key + stray);
                EngineException e = assertThrows(EngineException.class, () -> provider.create(
                        EngineContext.builder().credentials(CredentialSource.of(keys)).build()), provider.id());
                assertEquals(Category.AUTHENTICATION, e.category());
                assertTrue(e.getMessage().contains(name), e.getMessage());
                assertFalse(e.toString().contains("0123456789"), e.toString());
            }
        }
    }
}
