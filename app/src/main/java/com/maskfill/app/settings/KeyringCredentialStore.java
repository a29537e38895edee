package com.maskfill.app.settings;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import java.io.IOException;
import java.util.Optional;

/** Keys in the system keychain (macOS Keychain, Windows Credential Manager, the Secret Service on Linux). */
final class KeyringCredentialStore implements CredentialStore {

    private static final String SERVICE = "Maskfill";

    private final Keyring keyring;

    private KeyringCredentialStore(Keyring keyring) {
        this.keyring = keyring;
    }

    /** The keychain if this system has a working one; probing reads an entry that need not exist. */
    static Optional<CredentialStore> open() {
        try {
            Keyring keyring = Keyring.create();
            try {
                keyring.getPassword(SERVICE, "maskfill-probe");
            } catch (PasswordAccessException absent) {
                // A missing entry is the normal answer of a working backend.
            }
            return Optional.of(new KeyringCredentialStore(keyring));
        } catch (BackendNotSupportedException | RuntimeException | LinkageError e) {
            // No keychain (a headless Linux without a Secret Service): the caller falls back to a file.
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> read(String name) throws IOException {
        try {
            return Optional.ofNullable(keyring.getPassword(SERVICE, name)).filter(v -> !v.isEmpty());
        } catch (PasswordAccessException e) {
            return Optional.empty();
        }
    }

    @Override
    public void write(String name, String value) throws IOException {
        try {
            keyring.setPassword(SERVICE, name, value);
        } catch (PasswordAccessException e) {
            throw new IOException("The system keychain refused to store " + name, null);
        }
    }

    @Override
    public void delete(String name) throws IOException {
        try {
            keyring.deletePassword(SERVICE, name);
        } catch (PasswordAccessException e) {
            // Already absent.
        }
    }

    @Override
    public String describe() {
        return "Keys are kept in the system keychain.";
    }
}
