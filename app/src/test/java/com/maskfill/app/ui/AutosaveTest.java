package com.maskfill.app.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.maskfill.app.project.Project;
import com.maskfill.app.project.ProjectFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The recovery file's autosave over a real window's document: snapshots do not pile up behind a slow write, and
 * the photo is written again only when its pixels changed.
 */
@ExtendWith(ApplicationExtension.class)
class AutosaveTest {

    private static final int W = 640;
    private static final int H = 400;

    @TempDir
    static Path dir;

    private EditorWindow window;
    private BackgroundTasks tasks;
    private Path folder;
    private ProjectsViewModel projects;
    private final AtomicInteger snapshots = new AtomicInteger();
    private volatile byte[] mask = new byte[W * H];

    @Start
    void start(Stage stage) throws Exception {
        tasks = new BackgroundTasks();
        window = new EditorWindow(stage, EditorWindowTest.services(Files.createTempDirectory(dir, "config"), tasks));
        window.show();
        window.editor().openPasted(TestImages.quadrants(W, H));
        folder = Files.createTempDirectory(dir, "recovery");
        // The window's own document, autosaved by a second view model whose mask reads are counted.
        projects = new ProjectsViewModel(window.editor(), window.jobSettings(), window.jobs(), () -> {
            snapshots.incrementAndGet();
            return mask.clone();
        }, bytes -> { }, folder, tasks);
    }

    @AfterEach
    void close() {
        projects.close();
        tasks.close();
    }

    private Path recoveryFile() throws Exception {
        try (var files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(ProjectFile.EXTENSION)).findFirst()
                    .orElse(folder.resolve("none" + ProjectFile.EXTENSION));
        }
    }

    /** Waits until the recovery file holds {@code expected} as its mask, and returns what it holds. */
    private Project savedWithMask(byte[] expected) throws Exception {
        Project[] saved = new Project[1];
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            Path file = recoveryFile();
            if (!Files.exists(file)) {
                return false;
            }
            saved[0] = ProjectFile.load(file);
            return Arrays.equals(expected, saved[0].mask());
        });
        return saved[0];
    }

    private void paint(int value) {
        byte[] next = new byte[W * H];
        Arrays.fill(next, (byte) value);
        mask = next;
    }

    @Test
    void autosavesAskedForWhileOneIsWrittenCollapseIntoOneWithTheLatestState(FxRobot robot) throws Exception {
        robot.interact(() -> {
            for (int i = 1; i <= 5; i++) {
                paint(i);
                projects.changed();
                projects.autosave();
            }
            assertEquals(1, snapshots.get(), "one snapshot while its write is under way, not five queued");
        });

        byte[] latest = mask.clone();
        savedWithMask(latest);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, snapshots.get(), "the first, then the latest once");
    }

    @Test
    void onlyAMaskChangeCarriesThePhotoOverAndAPhotoChangeWritesIt(FxRobot robot) throws Exception {
        int original = WaitForAsyncUtils.asyncFx(() -> window.editor().getImage().pixels().getRGB(5, 5)).get();
        robot.interact(() -> {
            projects.changed();
            projects.autosave();
        });
        savedWithMask(mask);

        robot.interact(() -> {
            // Pixels changed without telling the view model: a save that encoded the photo again would show it.
            window.editor().getImage().pixels().setRGB(5, 5, 0xFF123456);
            paint(7);
            projects.changed();
            projects.autosave();
        });
        Project maskOnly = savedWithMask(mask);
        assertEquals(original, maskOnly.image().getRGB(5, 5), "the photo was carried over, not encoded again");

        robot.interact(() -> {
            paint(9);
            projects.photoChanged();
            projects.autosave();
        });
        Project photoToo = savedWithMask(mask);
        assertEquals(0xFF123456, photoToo.image().getRGB(5, 5), "a changed photo is written");
        assertArrayEquals(mask, photoToo.mask());
    }
}
