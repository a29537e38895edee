package com.maskfill.app.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.app.project.JobSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptHistoryTest {

    @TempDir
    Path dir;

    private static JobSettings job(String prompt, long seed) {
        return new JobSettings(prompt, 28, 30.0, seed, false, 1, "test-fill");
    }

    private static List<String> prompts(List<JobSettings> entries) {
        return entries.stream().map(JobSettings::prompt).toList();
    }

    @Test
    void theMostRecentPromptComesFirst() {
        PromptHistory history = PromptHistory.load(dir);
        history.record(job("a red door", 1));
        history.record(job("a blue sky", 2));
        history.record(job("a green field", 3));
        assertEquals(List.of("a green field", "a blue sky", "a red door"), prompts(history.entries()));
    }

    @Test
    void usingAPromptAgainMovesItToTheTopWithItsNewSettingsAndKeepsOneEntry() {
        PromptHistory history = PromptHistory.load(dir);
        history.record(job("a red door", 1));
        history.record(job("a blue sky", 2));
        JobSettings again = new JobSettings("a red door ", 40, 12.5, 77, true, 3, "other");
        history.record(again);
        assertEquals(List.of("a red door ", "a blue sky"), prompts(history.entries()));
        assertEquals(again, history.entries().get(0), "the settings of the latest use");
    }

    @Test
    void keepsOnlyTheLatestFiftyPrompts() {
        PromptHistory history = PromptHistory.load(dir);
        for (int i = 0; i < PromptHistory.MAX_ENTRIES + 7; i++) {
            history.record(job("prompt " + i, i));
        }
        List<JobSettings> entries = history.entries();
        assertEquals(PromptHistory.MAX_ENTRIES, entries.size());
        assertEquals("prompt " + (PromptHistory.MAX_ENTRIES + 6), entries.get(0).prompt());
        assertEquals("prompt 7", entries.get(entries.size() - 1).prompt(), "the oldest went first");
    }

    @Test
    void blankPromptsAreNotRemembered() {
        PromptHistory history = PromptHistory.load(dir);
        history.record(job("  ", 1));
        history.record(job("", 2));
        assertTrue(history.entries().isEmpty());
    }

    @Test
    void searchMatchesEveryWordInAnyOrderAndCase() {
        PromptHistory history = PromptHistory.load(dir);
        history.record(job("A Red door in the rain", 1));
        history.record(job("a blue door", 2));
        history.record(job("red roses", 3));
        assertEquals(List.of("a blue door", "A Red door in the rain"), prompts(history.matching("DOOR")));
        assertEquals(List.of("A Red door in the rain"), prompts(history.matching("door red")));
        assertEquals(3, history.matching("  ").size(), "a blank search shows everything");
    }

    @Test
    void savedEntriesComeBackInOrderWithTheirSettings() throws Exception {
        PromptHistory history = PromptHistory.load(dir);
        JobSettings first = new JobSettings("a red door", 12, 3.5, 42, true, 2, "test-fill");
        JobSettings second = new JobSettings("a blue sky\nwith clouds", 50, 60.0, 9_007_199_254_740_000L, false, 4,
                "test-variations");
        history.record(first);
        history.record(second);
        history.save();

        PromptHistory reloaded = PromptHistory.load(dir);
        assertEquals(List.of(second, first), reloaded.entries());
    }

    @Test
    void theFileIsReadableByTheUserAlone() throws Exception {
        PromptHistory history = PromptHistory.load(dir);
        history.record(job("something private", 1));
        history.save();
        Path file = dir.resolve(PromptHistory.FILE_NAME);
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                    Files.getPosixFilePermissions(file));
        }
    }

    @Test
    void aDamagedFileGivesAnEmptyHistoryThatTheNextSaveReplaces() throws Exception {
        Path file = dir.resolve(PromptHistory.FILE_NAME);
        Files.writeString(file, "{\"entries\": [ {\"prompt\": \"half a wor");
        PromptHistory history = PromptHistory.load(dir);
        assertTrue(history.entries().isEmpty());

        history.record(job("a fresh start", 1));
        history.save();
        assertEquals(List.of("a fresh start"), prompts(PromptHistory.load(dir).entries()));
    }

    @Test
    void aDamagedFileIsReportedWithoutItsPrompts() throws Exception {
        Files.writeString(dir.resolve(PromptHistory.FILE_NAME), "{\"entries\": [ {\"prompt\": my-secret-client }");
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(PromptHistory.class.getName());
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                logged.add(record.getMessage() + " " + record.getThrown());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            assertTrue(PromptHistory.load(dir).entries().isEmpty());
        } finally {
            logger.removeHandler(handler);
        }
        assertEquals(1, logged.size(), "the damage is reported: " + logged);
        assertFalse(logged.get(0).contains("my-secret-client"), logged.get(0));
    }

    @Test
    void aFileOfTheWrongShapeGivesAnEmptyHistory() throws Exception {
        Files.writeString(dir.resolve(PromptHistory.FILE_NAME), "[1, 2, 3]");
        assertTrue(PromptHistory.load(dir).entries().isEmpty());
        Files.writeString(dir.resolve(PromptHistory.FILE_NAME), "{\"entries\": [null, {\"steps\": 3}]}");
        assertTrue(PromptHistory.load(dir).entries().isEmpty(), "entries without a prompt are dropped");
    }

    @Test
    void nothingIsWrittenUntilSaved() {
        PromptHistory history = PromptHistory.load(dir);
        history.record(job("a red door", 1));
        assertFalse(Files.exists(dir.resolve(PromptHistory.FILE_NAME)));
    }
}
