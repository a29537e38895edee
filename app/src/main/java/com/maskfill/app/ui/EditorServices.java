package com.maskfill.app.ui;

import com.maskfill.app.model.EngineChoice;
import com.maskfill.app.settings.CredentialStore;
import com.maskfill.app.settings.CredentialStores;
import com.maskfill.app.settings.SettingsStore;
import com.maskfill.engine.api.engine.EngineProviders;
import java.time.Clock;
import java.util.List;

/**
 * What the editor window is built from; tests pass their own (temporary folders, test engines, a clock they move).
 *
 * @param clock where the day of the daily total comes from
 */
public record EditorServices(SettingsStore settingsStore, CredentialStore credentials, List<EngineChoice> engines,
                             BackgroundTasks tasks, Clock clock) {

    public EditorServices {
        engines = List.copyOf(engines);
        java.util.Objects.requireNonNull(clock, "clock");
    }

    /** With the system's clock in its time zone. */
    public EditorServices(SettingsStore settingsStore, CredentialStore credentials, List<EngineChoice> engines,
                          BackgroundTasks tasks) {
        this(settingsStore, credentials, engines, tasks, Clock.systemDefaultZone());
    }

    /** The user's settings folder and keychain, and every engine on the class path. */
    public static EditorServices forCurrentUser(BackgroundTasks tasks) {
        SettingsStore settings = SettingsStore.forCurrentUser();
        return new EditorServices(settings, CredentialStores.forCurrentUser(settings.directory()),
                EngineProviders.discover().stream().map(EngineChoice::of).toList(), tasks);
    }
}
