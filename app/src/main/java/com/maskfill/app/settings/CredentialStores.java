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

    /**
     * The system keychain where one works, otherwise a private file in {@code settingsDirectory}. Keys saved to
     * the file while no keychain answered move into the keychain once one does.
     */
    public static CredentialStore forCurrentUser(Path settingsDirectory) {
        FileCredentialStore file = new FileCredentialStore(settingsDirectory);
        if (Boolean.getBoolean("maskfill.credentials.file")) {
            return file;
        }
        Optional<CredentialStore> keychain = KeyringCredentialStore.open();
        keychain.ifPresent(k -> moveKeys(file, k));
        return keychain.orElse(file);
    }

    /**
     * Moves every key from the fallback file into the keychain and removes it from the file once the keychain
     * gives it back; the file goes when it is empty. The file's value wins: it was saved while the keychain
     * could not be reached, so it is the one the user typed last. A key the keychain refuses stays in the file.
     */
    static void moveKeys(FileCredentialStore file, CredentialStore keychain) {
        try {
            for (String name : file.names()) {
                Optional<String> value = file.read(name);
                if (value.isEmpty()) {
                    file.delete(name);
                    continue;
                }
                try {
                    keychain.write(name, value.get());
                    if (keychain.read(name).equals(value)) {
                        file.delete(name);
                    }
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "Cannot move credential " + name
                            + " into the system keychain; it stays in the private file");
                }
            }
            file.deleteIfEmpty();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot read the credentials file to move its keys into the "
                    + "system keychain: " + e.getClass().getName());
        }
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
