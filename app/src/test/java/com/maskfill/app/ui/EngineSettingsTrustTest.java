package com.maskfill.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.app.model.EngineChoice;
import com.maskfill.app.settings.CredentialStores;
import com.maskfill.app.settings.SettingsStore;
import com.maskfill.engine.api.engine.Capabilities;
import com.maskfill.engine.api.engine.EngineSetting;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server on the studio's network: its plain-http base URL is accepted once the user trusts the network. */
class EngineSettingsTrustTest {

    private static final EngineSetting TRUST = new EngineSetting(EngineSetting.TRUST_PLAIN_HTTP,
            "Plain http on the local network", EngineSetting.Kind.CHOICE, List.of("false", "true"), "");

    @TempDir
    Path dir;

    @Test
    void plainHttpToTheStudiosServerIsRefusedUntilTheNetworkIsTrusted() {
        SettingsStore store = new SettingsStore(dir);
        EngineChoice server = new EngineChoice("own-server", "Own server", Capabilities.builder().setting(TRUST).build());
        EngineSettingsViewModel form = new EngineSettingsViewModel(server, CredentialStores.file(dir), store.load(),
                store);

        form.endpointProperty().set("http://192.168.1.20:8188");
        assertTrue(form.endpointErrorProperty().get().contains("plain http is allowed only for localhost"),
                form.endpointErrorProperty().get());

        form.options().get(TRUST).set("true");
        assertEquals("", form.endpointErrorProperty().get());

        form.options().get(TRUST).set("false");
        assertTrue(form.endpointErrorProperty().get().startsWith("Base URL: plain http"));
    }
}
