package com.maskfill.app.settings;

import com.maskfill.engine.api.engine.CredentialSource;
import com.maskfill.engine.api.engine.Secret;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Chooses the credential store and turns it into what engines read keys from. */
public final class CredentialStores {

    private static final System.Logger LOG = System.getLogger(CredentialStores.class.getName());

    private CredentialStores() {
    }

    /** The system keychain where one works, otherwise a private file in {@code settingsDirectory}. */
    public static CredentialStore forCurrentUser(Path settingsDirectory) {
        if (Boolean.getBoolean("maskfill.credentials.file")) {
            return new FileCredentialStore(settingsDirectory);
        }
        return KeyringCredentialStore.open().orElseGet(() -> new FileCredentialStore(settingsDirectory));
    }

    /** A private file in {@code directory}; for tests and portable installs. */
    public static CredentialStore file(Path directory) {
        return new FileCredentialStore(directory);
    }

    /**
     * Keys for engines: the store first, then environment variables of the same names (handy for developers
     * and shared machines). A store that cannot be read counts as empty, and says so in the log without the key.
     */
    public static CredentialSource asSource(CredentialStore store, Map<String, String> environment) {
        CredentialSource fromEnvironment = CredentialSource.of(environment);
        return name -> {
            try {
                Optional<String> stored = store.read(name);
                if (stored.isPresent()) {
                    return stored.map(Secret::of);
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "Cannot read credential " + name + ": " + e.getClass().getName());
            }
            return fromEnvironment.find(name);
        };
    }
}
