package com.maskfill.app.settings;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.maskfill.app.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads and writes {@code settings.json} in the user's configuration folder, atomically (a crash mid-write leaves
 * the previous settings intact).
 */
public final class SettingsStore {

    private static final System.Logger LOG = System.getLogger(SettingsStore.class.getName());
    private static final String FILE_NAME = "settings.json";

    private final Path directory;
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public SettingsStore(Path directory) {
        this.directory = directory;
    }

    /**
     * The platform's place for per-user settings: {@code $XDG_CONFIG_HOME/maskfill} (or {@code ~/.config/maskfill})
     * on Linux, {@code ~/Library/Application Support/Maskfill} on macOS, {@code %APPDATA%\Maskfill} on Windows.
     * The system property {@code maskfill.config.dir} overrides it (tests, portable installs).
     */
    public static SettingsStore forCurrentUser() {
        return new SettingsStore(defaultDirectory());
    }

    static Path defaultDirectory() {
        String override = System.getProperty("maskfill.config.dir");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String home = System.getProperty("user.home");
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String appData = System.getenv("APPDATA");
            return Path.of(appData != null ? appData : home, "Maskfill");
        }
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Application Support", "Maskfill");
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".config")).resolve("maskfill");
    }

    public Path directory() {
        return directory;
    }

    /** Where engines keep what they can make again (encoded prompts, converted weights, native libraries). */
    public Path cacheDirectory() {
        return directory.resolve("cache");
    }

    /** The saved settings, or defaults when there are none or the file cannot be read. */
    public AppSettings load() {
        Path file = directory.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return new AppSettings();
        }
        try {
            AppSettings settings = mapper.readValue(file.toFile(), AppSettings.class);
            return settings != null ? settings : new AppSettings();
        } catch (JacksonException e) {
            LOG.log(System.Logger.Level.WARNING, "Ignoring unreadable settings file " + file + ": " + e.getOriginalMessage());
            return new AppSettings();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot read settings file " + file + ": " + e.getMessage());
            return new AppSettings();
        }
    }

    public void save(AppSettings settings) throws IOException {
        AtomicFiles.write(directory.resolve(FILE_NAME), temp -> mapper.writeValue(temp.toFile(), settings));
    }
}
