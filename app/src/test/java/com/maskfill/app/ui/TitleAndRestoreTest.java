package com.maskfill.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.app.model.DocumentImage;
import com.maskfill.app.settings.CredentialStores;
import com.maskfill.app.settings.SettingsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The title says what is open and whether it has unsaved changes; work restored after a crash keeps its name. */
@ExtendWith(ApplicationExtension.class)
class TitleAndRestoreTest {

    @TempDir
    static Path dir;

    private Path config;
    private Path photos;
    private BackgroundTasks tasks;
    private EditorWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        config = Files.createTempDirectory(dir, "config");
        photos = Files.createTempDirectory(dir, "photos");
        tasks = new BackgroundTasks();
        window = newWindow(stage);
        window.show();
    }

    private EditorWindow newWindow(Stage stage) {
        return new EditorWindow(stage, new EditorServices(new SettingsStore(config), CredentialStores.file(config),
                List.of(), tasks));
    }

    @AfterEach
    void closeTasks() {
        tasks.close();
    }

    private void openLakeAndPaint(FxRobot robot) throws Exception {
        Path lake = TestImages.writeQuadrants(photos.resolve("lake.png"), 320, 200);
        robot.interact(() -> window.open(lake));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.editor().getImage() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("lake.png — Maskfill", stage.getTitle(), "just opened: nothing to save");
        robot.interact(() -> {
            byte[] mask = window.maskTools().document().mask().toByteArray();
            mask[10 * 320 + 10] = (byte) 255;
            window.maskTools().document().commands().replaceAll(mask, "Load mask");
        });
    }

    @Test
    void theTitleMarksUnsavedChangesAndNamesTheProjectOnceSaved(FxRobot robot) throws Exception {
        openLakeAndPaint(robot);
        assertEquals("*lake.png — Maskfill", stage.getTitle());

        Path project = photos.resolve("lake.maskfill");
        robot.interact(() -> window.projects().save(project, () -> { }));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> "lake.maskfill — Maskfill".equals(stage.getTitle()));
        WaitForAsyncUtils.waitForFxEvents();
        Notice told = window.editor().noticeProperty().get();
        assertTrue(told != null && told.text().startsWith("Saved lake.maskfill"), "a short confirmation: " + told);
    }

    @Test
    void restoredWorkKeepsItsNameAndSaveSuggestsItsOwnFolderNotTheSettingsFolder(FxRobot robot) throws Exception {
        openLakeAndPaint(robot);
        robot.interact(window::autosaveNow);
        Path own;
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> recoveryFiles().size() == 1);
        own = recoveryFiles().get(0);
        Path crashed = Files.copy(own, config.resolve("recovery-999-crashed.maskfill"));

        EditorWindow next = WaitForAsyncUtils.asyncFx(() -> {
            EditorWindow w = newWindow(new Stage());
            w.show();
            return w;
        }).get();
        robot.interact(() -> next.projects().recoveries());
        robot.interact(() -> next.projects().restoreRecovery(crashed, () -> { }));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> next.editor().getImage() != null);
        WaitForAsyncUtils.waitForFxEvents();

        Stage nextStage = (Stage) next.canvas().getScene().getWindow();
        assertEquals("*lake.png — Maskfill", nextStage.getTitle(), "its own name, unsaved");
        DocumentImage restored = next.editor().getImage();
        assertEquals(photos.resolve("lake.maskfill").toAbsolutePath(),
                FileDialogs.suggestedProject(restored, config, next.editor().lastFolder()).toAbsolutePath(),
                "Save suggests the photo's folder and name");
        assertFalse(nextStage.getTitle().contains("recovery"));
        robot.interact(nextStage::close);
    }

    @Test
    void saveNeverSuggestsTheSettingsFolder() {
        Path settings = dir.resolve("settings");
        DocumentImage inSettings = new DocumentImage(TestImages.quadrants(4, 4),
                settings.resolve("recovered/extended-canvas-1.maskfill"), "extended-canvas-1.maskfill", "project");
        assertEquals(photos.resolve("extended-canvas-1.maskfill"),
                FileDialogs.suggestedProject(inSettings, settings, photos));
        assertEquals(Path.of("extended-canvas-1.maskfill"),
                FileDialogs.suggestedProject(inSettings, settings, settings), "no folder rather than that one");
        DocumentImage pasted = new DocumentImage(TestImages.quadrants(4, 4), null, "Pasted image", "Clipboard");
        assertEquals(Path.of("Pasted image.maskfill"), FileDialogs.suggestedProject(pasted, settings, null));
    }

    @Test
    void exportsSuggestThePhotosNameBesideThePhoto() {
        Path settings = dir.resolve("settings");
        DocumentImage photo = new DocumentImage(TestImages.quadrants(4, 4), photos.resolve("lake.jpg"), "lake.jpg",
                "JPEG");
        assertEquals(photos.resolve("lake-filled.png"),
                FileDialogs.suggested(photo, settings, null, FileDialogs.exportName(false)));
        assertEquals(photos.resolve("lake-result.png"),
                FileDialogs.suggested(photo, settings, null, FileDialogs.exportName(true)));
        assertEquals(photos.resolve("lake.ora"), FileDialogs.suggested(photo, settings, null, ".ora"));
    }

    private List<Path> recoveryFiles() throws java.io.IOException {
        try (var files = Files.list(config)) {
            return files.filter(p -> p.getFileName().toString().matches("recovery.*\\.maskfill")).toList();
        }
    }
}
