package com.maskfill.app.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {

    @TempDir
    Path dir;

    @Test
    void savedSettingsComeBack() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("maskfill"));
        AppSettings settings = new AppSettings();
        settings.window = new AppSettings.WindowBounds(10, 20, 1100, 700, false);
        settings.lastFolder = "/photos";
        settings.rememberRecent("/photos/a.jpg");

        store.save(settings);
        AppSettings loaded = store.load();

        assertEquals(settings.window, loaded.window);
        assertEquals("/photos", loaded.lastFolder);
        assertEquals(List.of("/photos/a.jpg"), loaded.recentFiles);
        try (var files = Files.list(dir.resolve("maskfill"))) {
            assertEquals(List.of("settings.json"), files.map(p -> p.getFileName().toString()).toList(),
                    "no temporary file is left behind");
        }
    }

    @Test
    void missingOrCorruptFilesGiveDefaults() throws Exception {
        SettingsStore store = new SettingsStore(dir);
        assertNull(store.load().window);

        Files.writeString(dir.resolve("settings.json"), "{\"window\": [1, 2");
        AppSettings loaded = store.load();

        assertNull(loaded.window);
        assertTrue(loaded.recentFiles.isEmpty());
    }

    @Test
    void unknownFieldsFromANewerVersionAreIgnored() throws Exception {
        Files.writeString(dir.resolve("settings.json"), "{\"lastFolder\":\"/x\",\"theme\":\"light\"}");

        assertEquals("/x", new SettingsStore(dir).load().lastFolder);
    }

    @Test
    void recentFilesAreMostRecentFirstWithoutDuplicatesAndCapped() {
        AppSettings settings = new AppSettings();
        IntStream.range(0, 12).forEach(i -> settings.rememberRecent("/p/" + i + ".png"));
        settings.rememberRecent("/p/5.png");

        assertEquals(AppSettings.MAX_RECENT_FILES, settings.recentFiles.size());
        assertEquals("/p/5.png", settings.recentFiles.get(0));
        assertEquals("/p/11.png", settings.recentFiles.get(1));
        assertEquals(1, settings.recentFiles.stream().filter("/p/5.png"::equals).count());
    }

    @Test
    void largeCachesGoToThePlatformCacheFolderNotTheSettingsOrRoamingFolder() {
        String home = "/home/ada";
        Map<String, String> none = Map.of();
        assertEquals(Path.of("/home/ada/.cache/maskfill"), SettingsStore.platformCacheDirectory("Linux", none, home));
        assertEquals(Path.of("/xdg/cache/maskfill"),
                SettingsStore.platformCacheDirectory("Linux", Map.of("XDG_CACHE_HOME", "/xdg/cache"), home));
        assertEquals(Path.of("/home/ada/Library/Caches/Maskfill"),
                SettingsStore.platformCacheDirectory("Mac OS X", none, home));
        Map<String, String> windows = Map.of("APPDATA", "C:/Users/ada/AppData/Roaming",
                "LOCALAPPDATA", "C:/Users/ada/AppData/Local");
        assertEquals(Path.of("C:/Users/ada/AppData/Local/Maskfill/Cache"),
                SettingsStore.platformCacheDirectory("Windows 11", windows, home));
        for (String os : List.of("Linux", "Mac OS X", "Windows 11")) {
            Path settings = SettingsStore.platformDirectory(os, windows, home);
            assertFalse(SettingsStore.platformCacheDirectory(os, windows, home).startsWith(settings), os);
        }
    }

    @Test
    void aPortableSettingsFolderKeepsItsCachesBesideIt() {
        String before = System.getProperty("maskfill.config.dir");
        System.setProperty("maskfill.config.dir", dir.toString());
        try {
            assertEquals(dir.resolve("cache"), SettingsStore.forCurrentUser().cacheDirectory());
        } finally {
            if (before == null) {
                System.clearProperty("maskfill.config.dir");
            } else {
                System.setProperty("maskfill.config.dir", before);
            }
        }
    }
}
