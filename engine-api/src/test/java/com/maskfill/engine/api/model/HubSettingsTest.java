package com.maskfill.engine.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HF_* variables read as huggingface_hub reads them; the token never printed. */
class HubSettingsTest {

    private static final String TOKEN = "hf_abcdefghijklmnopqrstuvwxyz012345";

    @TempDir
    Path home;

    @Test
    void defaultsAreTheHubAndTheCacheUnderHfHome() {
        HubSettings s = HubSettings.fromEnvironment(Map.of("HF_HOME", home.toString()));

        assertEquals("https://huggingface.co", s.endpoint().toString());
        assertEquals(home.resolve("hub"), s.cache().root());
        assertTrue(s.token().isEmpty());
        assertFalse(s.offline());
        assertTrue(s.cache().symlinks());
    }

    @Test
    void hfHubDisableSymlinksMakesTheCacheCopyInsteadOfLinking() {
        for (String on : List.of("1", "true", "YES", "on")) {
            assertFalse(HubSettings.fromEnvironment(Map.of("HF_HOME", home.toString(), "HF_HUB_DISABLE_SYMLINKS", on))
                    .cache().symlinks(), on);
        }
        assertTrue(HubSettings.fromEnvironment(Map.of("HF_HOME", home.toString(), "HF_HUB_DISABLE_SYMLINKS", "0"))
                .cache().symlinks());
    }

    @Test
    void aMirrorEndpointLosesItsTrailingSlashAndHubCacheOverridesTheFolder() {
        HubSettings s = HubSettings.fromEnvironment(Map.of("HF_ENDPOINT", "https://hf-mirror.com/",
                "HF_HOME", home.toString(), "HF_HUB_CACHE", home.resolve("elsewhere").toString(), "HF_HUB_OFFLINE", "1"));

        assertEquals("https://hf-mirror.com", s.endpoint().toString());
        assertEquals(home.resolve("elsewhere"), s.cache().root());
        assertTrue(s.offline());
    }

    @Test
    void plainHttpToAnotherMachineIsRefusedForTheEndpoint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HubSettings.fromEnvironment(Map.of("HF_ENDPOINT", "http://mirror.example.com")));
        assertTrue(e.getMessage().startsWith("HF_ENDPOINT: plain http"), e.getMessage());
    }

    @Test
    void theTokenComesFromHfTokenElseFromTheLoginFileAndIsNeverPrinted() throws Exception {
        Files.writeString(home.resolve("token"), TOKEN + "\n");

        HubSettings fromFile = HubSettings.fromEnvironment(Map.of("HF_HOME", home.toString()));
        assertEquals(TOKEN, fromFile.token().orElseThrow().reveal());
        assertEquals(home.resolve("token").toString(), fromFile.tokenSource());

        HubSettings fromEnv = HubSettings.fromEnvironment(Map.of("HF_HOME", home.toString(), "HF_TOKEN", "hf_other"));
        assertEquals("hf_other", fromEnv.token().orElseThrow().reveal());
        assertEquals("HF_TOKEN", fromEnv.tokenSource());
        assertFalse(fromFile.toString().contains(TOKEN), fromFile.toString());
    }

    @Test
    void aTokenThatCannotBeAHeaderIsRefusedWithoutShowingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HubSettings.fromEnvironment(Map.of("HF_HOME", home.toString(), "HF_TOKEN", "hf_secret\u00a0x")));
        assertTrue(e.getMessage().contains("HF_TOKEN"), e.getMessage());
        assertFalse(e.getMessage().contains("hf_secret"), e.getMessage());
    }

    @Test
    void theDefaultSetTakesTheSingleFilesAndNotTheDiffusersWeights() {
        ModelSelection flux = ModelSelection.fluxFill();

        for (String p : List.of("flux1-fill-dev.safetensors", "ae.safetensors", "text_encoder/model.safetensors",
                "text_encoder_2/model-00001-of-00002.safetensors", "tokenizer/vocab.json", "tokenizer_2/spiece.model",
                "model_index.json", "transformer/config.json", "vae/config.json", "README.md")) {
            assertTrue(flux.selects(p), p);
        }
        for (String p : List.of("transformer/diffusion_pytorch_model-00001-of-00003.safetensors",
                "vae/diffusion_pytorch_model.safetensors", "transformer/diffusion_pytorch_model.safetensors.index.json",
                ".gitattributes", "docs/example.png")) {
            assertFalse(flux.selects(p), p);
        }
        assertTrue(ModelSelection.required("flux1-fill-dev.safetensors"));
        assertFalse(ModelSelection.required("transformer/config.json"), "a mirror may lack the small configs");
        assertFalse(ModelSelection.required("text_encoder/"));
    }

    @Test
    void aListedPathThatLeadsOutOfTheSnapshotIsRefused() {
        String sha = "a".repeat(64);
        for (String bad : List.of("../evil", "a/../../b", "/etc/passwd", "a\\b", "./x")) {
            assertThrows(IllegalArgumentException.class, () -> new RepoFile(bad, 1, sha, null), bad);
        }
        assertEquals(sha, new RepoFile("a/b.safetensors", 1, sha, null).etag());
    }
}
