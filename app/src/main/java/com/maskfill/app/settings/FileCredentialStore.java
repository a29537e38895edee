package com.maskfill.app.settings;

import com.maskfill.app.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Keys in {@code credentials.properties} in the settings folder, readable only by the user (mode 600 where the
 * file system has POSIX permissions). Used only where no system keychain exists.
 */
final class FileCredentialStore implements CredentialStore {

    static final String FILE_NAME = "credentials.properties";

    private final Path file;

    FileCredentialStore(Path directory) {
        this.file = directory.resolve(FILE_NAME);
    }

    @Override
    public synchronized Optional<String> read(String name) throws IOException {
        return Optional.ofNullable(load().getProperty(name)).filter(v -> !v.isBlank());
    }

    @Override
    public synchronized void write(String name, String value) throws IOException {
        Properties properties = load();
        properties.setProperty(name, value);
        save(properties);
    }

    @Override
    public synchronized void delete(String name) throws IOException {
        Properties properties = load();
        if (properties.remove(name) != null) {
            save(properties);
        }
    }

    /** The names of the keys kept here. */
    synchronized java.util.Set<String> names() throws IOException {
        return load().stringPropertyNames();
    }

    /** Removes the file once it holds no key. */
    synchronized void deleteIfEmpty() throws IOException {
        if (load().isEmpty()) {
            Files.deleteIfExists(file);
        }
    }

    @Override
    public String describe() {
        return "No system keychain was found: keys are kept in " + file + ", readable only by you.";
    }

    private Properties load() throws IOException {
        Properties properties = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            }
        }
        return properties;
    }

    /** Private from the first byte on, so the keys are never readable by others, even briefly. */
    private void save(Properties properties) throws IOException {
        AtomicFiles.writePrivate(file, temp -> {
            try (OutputStream out = Files.newOutputStream(temp)) {
                properties.store(out, "Maskfill API keys: keep this file private");
            }
        });
    }
}
