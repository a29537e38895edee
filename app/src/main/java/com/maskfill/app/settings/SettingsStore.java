package com.maskfill.app.settings;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.maskfill.app.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Reads and writes {@code settings.json} in the user's configuration folder, atomically (a crash mid-write leaves
 * the previous settings intact).
 */
public final class SettingsStore {

    private static final System.Logger LOG = System.getLogger(SettingsStore.class.getName());
    private static final String FILE_NAME = "settings.json";

    private final Path directory;
    private final Path cacheDirectory;
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Settings in {@code directory}, and caches in its {@code cache} folder (tests, portable installs). */
    public SettingsStore(Path directory) {
        this(directory, directory.resolve("cache"));
    }

    public SettingsStore(Path directory, Path cacheDirectory) {
        this.directory = directory;
        this.cacheDirectory = cacheDirectory;
    }

    /**
     * The platform's place for per-user settings: {@code $XDG_CONFIG_HOME/maskfill} (or {@code ~/.config/maskfill})
     * on Linux, {@code ~/Library/Application Support/Maskfill} on macOS, {@code %APPDATA%\Maskfill} on Windows;
     * caches in the platform's cache folder (see {@link #platformCacheDirectory}). The system property
     * {@code maskfill.config.dir} moves both (tests, portable installs: caches then go to its {@code cache}
     * folder), {@code maskfill.cache.dir} the caches alone.
     */
    public static SettingsStore forCurrentUser() {
        String os = System.getProperty("os.name", "");
        String home = System.getProperty("user.home");
        String configOverride = System.getProperty("maskfill.config.dir");
        String cacheOverride = System.getProperty("maskfill.cache.dir");
        boolean portable = configOverride != null && !configOverride.isBlank();
        Path directory = portable ? Path.of(configOverride) : platformDirectory(os, System.getenv(), home);
        Path cache = cacheOverride != null && !cacheOverride.isBlank() ? Path.of(cacheOverride)
                : portable ? directory.resolve("cache") : platformCacheDirectory(os, System.getenv(), home);
        return new SettingsStore(directory, cache);
    }

    static Path platformDirectory(String osName, Map<String, String> environment, String home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return Path.of(nonBlank(environment.get("APPDATA"), home), "Maskfill");
        }
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Application Support", "Maskfill");
        }
        String xdg = environment.get("XDG_CONFIG_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".config")).resolve("maskfill");
    }

    /**
     * Where caches of several gigabytes belong: not synced with a roaming profile, not backed up with settings,
     * cleared by the system's cleaning tools. {@code $XDG_CACHE_HOME/maskfill} (or {@code ~/.cache/maskfill}) on
     * Linux, {@code ~/Library/Caches/Maskfill} on macOS, {@code %LOCALAPPDATA%\Maskfill\Cache} on Windows.
     */
    static Path platformCacheDirectory(String osName, Map<String, String> environment, String home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String local = environment.get("LOCALAPPDATA");
            Path base = local != null && !local.isBlank() ? Path.of(local) : Path.of(home, "AppData", "Local");
            return base.resolve("Maskfill").resolve("Cache");
        }
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Caches", "Maskfill");
        }
        String xdg = environment.get("XDG_CACHE_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".cache")).resolve("maskfill");
    }

    private static String nonBlank(String value, String otherwise) {
        return value != null && !value.isBlank() ? value : otherwise;
    }

    public Path directory() {
        return directory;
    }

    /** Where engines keep what they can make again (encoded prompts, converted weights, native libraries). */
    public Path cacheDirectory() {
        return cacheDirectory;
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
