package com.maskfill.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The settings dialog names each credential field by what it holds, not always "API key". */
class KeyLabelTest {

    @Test
    void eachCredentialIsNamedByWhatItHolds() {
        assertEquals("API key", EngineSettingsDialog.keyLabel("WAVESPEED_API_KEY"));
        assertEquals("API key", EngineSettingsDialog.keyLabel("FAL_KEY"));
        assertEquals("API secret", EngineSettingsDialog.keyLabel("WIRO_API_SECRET"));
        assertEquals("API token", EngineSettingsDialog.keyLabel("REPLICATE_API_TOKEN"));
        assertEquals("Access token", EngineSettingsDialog.keyLabel("COMFYUI_TOKEN"),
                "ComfyUI's reverse-proxy token is not a provider's key");
        assertEquals("Access token", EngineSettingsDialog.keyLabel("HF_TOKEN"));
    }
}
