package com.maskfill.app.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.engine.api.engine.CredentialSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialStoresTest {

    @TempDir
    Path dir;

    @Test
    void theFileStoreKeepsKeysReadableOnlyByTheUser() throws Exception {
        CredentialStore store = CredentialStores.file(dir);

        store.write("WAVESPEED_API_KEY", "ws-secret-1");
        store.write("WIRO_API_KEY", "wiro-2");

        assertEquals(Optional.of("ws-secret-1"), store.read("WAVESPEED_API_KEY"));
        assertEquals(Optional.of("wiro-2"), store.read("WIRO_API_KEY"));
        Path file = dir.resolve(FileCredentialStore.FILE_NAME);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void deletingAKeyForgetsIt() throws Exception {
        CredentialStore store = CredentialStores.file(dir);
        store.write("ONEMIN_API_KEY", "om-3");

        store.delete("ONEMIN_API_KEY");

        assertEquals(Optional.empty(), store.read("ONEMIN_API_KEY"));
        assertFalse(Files.readString(dir.resolve(FileCredentialStore.FILE_NAME)).contains("om-3"));
    }

    @Test
    void engineKeysComeFromTheStoreBeforeTheEnvironment() throws Exception {
        CredentialStore store = CredentialStores.file(dir);
        store.write("WAVESPEED_API_KEY", "from-store");
        CredentialSource source = CredentialStores.asSource(store,
                Map.of("WAVESPEED_API_KEY", "from-env", "WIRO_API_KEY", "wiro-env"));

        assertEquals("from-store", source.find("WAVESPEED_API_KEY").orElseThrow().reveal());
        assertEquals("wiro-env", source.find("WIRO_API_KEY").orElseThrow().reveal());
        assertTrue(source.find("ONEMIN_API_KEY").isEmpty());
        assertFalse(source.find("WAVESPEED_API_KEY").orElseThrow().toString().contains("from-store"),
                "a secret never shows in toString");
    }

    @Test
    void theChosenStoreKeepsAndForgetsKeysWhateverItsBackend() throws Exception {
        // The keychain where this machine has one (a desktop), else the private file (CI has no Secret Service).
        CredentialStore store = CredentialStores.forCurrentUser(dir);
        String name = "MASKFILL_TEST_KEY_" + ProcessHandle.current().pid();

        store.write(name, "value-1");
        assertEquals(Optional.of("value-1"), store.read(name));
        store.delete(name);
        assertEquals(Optional.empty(), store.read(name));
        assertFalse(store.describe().isBlank());
    }

    @Test
    void keysSavedToTheFileMoveIntoAKeychainThatAppearedAndLeaveNoFile() throws Exception {
        FileCredentialStore file = fileWith("WAVESPEED_API_KEY", "ws-secret-1", "WIRO_API_KEY", "wiro-2");
        MemoryKeychain keychain = new MemoryKeychain();
        keychain.write("WAVESPEED_API_KEY", "older");

        CredentialStores.moveKeys(file, keychain);

        assertEquals(Map.of("WAVESPEED_API_KEY", "ws-secret-1", "WIRO_API_KEY", "wiro-2"), keychain.keys,
                "the file's key was typed last");
        assertFalse(Files.exists(dir.resolve(FileCredentialStore.FILE_NAME)), "no key left in plain text");
    }

    @Test
    void aKeyTheKeychainRefusesStaysInTheFile() throws Exception {
        FileCredentialStore file = fileWith("WAVESPEED_API_KEY", "ws-secret-1", "ONEMIN_API_KEY", "om-3");
        MemoryKeychain keychain = new MemoryKeychain();
        keychain.refused = "ONEMIN_API_KEY";

        CredentialStores.moveKeys(file, keychain);

        assertEquals(Map.of("WAVESPEED_API_KEY", "ws-secret-1"), keychain.keys);
        assertEquals(Optional.of("om-3"), file.read("ONEMIN_API_KEY"));
        assertEquals(Optional.empty(), file.read("WAVESPEED_API_KEY"));
    }

    /** The fallback file with two keys, as saved while no keychain answered. */
    private FileCredentialStore fileWith(String name1, String value1, String name2, String value2)
            throws java.io.IOException {
        FileCredentialStore file = new FileCredentialStore(dir);
        file.write(name1, value1);
        file.write(name2, value2);
        return file;
    }

    /** A keychain in memory: the real one needs a desktop session this machine does not have. */
    private static final class MemoryKeychain implements CredentialStore {
        final Map<String, String> keys = new java.util.HashMap<>();
        String refused;

        @Override
        public Optional<String> read(String name) {
            return Optional.ofNullable(keys.get(name));
        }

        @Override
        public void write(String name, String value) throws java.io.IOException {
            if (name.equals(refused)) {
                throw new java.io.IOException("The system keychain refused to store " + name);
            }
            keys.put(name, value);
        }

        @Override
        public void delete(String name) {
            keys.remove(name);
        }

        @Override
        public String describe() {
            return "Keys are kept in memory.";
        }
    }
}
