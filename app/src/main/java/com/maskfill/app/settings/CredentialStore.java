package com.maskfill.app.settings;

import java.io.IOException;
import java.util.Optional;

/**
 * Where the editor keeps API keys: the operating system's keychain, or where none exists a file only the user
 * can read. Values never go into settings.json, logs or messages.
 */
public interface CredentialStore {

    Optional<String> read(String name) throws IOException;

    void write(String name, String value) throws IOException;

    void delete(String name) throws IOException;

    /** Where the keys are kept, in words for the settings dialog. */
    String describe();
}
