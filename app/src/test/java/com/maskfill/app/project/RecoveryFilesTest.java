package com.maskfill.app.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recovery files of several editors in one folder, one of them in another process. */
class RecoveryFilesTest {

    @TempDir
    Path dir;

    @Test
    void aRunningEditorsFileIsNeverOfferedNorDeletedAndIsOfferedOnceItsEditorDied() throws Exception {
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldRecoveryInChildProcess.class.getName(),
                dir.toString()).redirectErrorStream(true).start();
        try (RecoveryFiles mine = RecoveryFiles.open(dir)) {
            Path theirs = Path.of(new BufferedReader(new InputStreamReader(other.getInputStream())).readLine());
            Files.writeString(mine.own(), "my work");

            assertEquals(List.of(), mine.claimOrphans(), "the other editor is running");
            assertThrows(IllegalArgumentException.class, () -> mine.delete(theirs));
            assertTrue(Files.exists(theirs));

            other.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // a crash
            assertEquals(List.of(theirs), mine.claimOrphans());
            mine.delete(theirs);
            assertFalse(Files.exists(theirs), "discarded");
        } finally {
            other.destroyForcibly();
        }
        try (var left = Files.list(dir)) {
            assertEquals(List.of(), left.toList(), "a clean exit removes its own file and lock");
        }
    }

    @Test
    void twoEditorsStartingTogetherDoNotBothClaimOneOrphan() throws Exception {
        Path crashed = Files.writeString(dir.resolve("recovery.maskfill"), "left by an older version");
        try (RecoveryFiles first = RecoveryFiles.open(dir); RecoveryFiles second = RecoveryFiles.open(dir)) {
            assertEquals(List.of(crashed), first.claimOrphans());
            assertEquals(List.of(), second.claimOrphans(), "the first editor holds it");
            first.release(crashed);
            assertEquals(List.of(crashed), second.claimOrphans(), "let go, for whoever asks next");
        }
        assertTrue(Files.exists(crashed), "only looked at, never restored: it stays for the next start");
    }

    @Test
    void anAdoptedOrphanGoesOnceTheEditorsOwnFileHoldsItsWork() throws Exception {
        Path crashed = Files.writeString(dir.resolve("recovery-1-crashed.maskfill"), "work");
        try (RecoveryFiles files = RecoveryFiles.open(dir)) {
            files.adopt(files.claimOrphans().get(0));
            assertTrue(Files.exists(crashed), "until the editor's own autosave has it");
            files.ownIsWritten();
            assertFalse(Files.exists(crashed));
        }
    }
}
