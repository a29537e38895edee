package com.maskfill.app.ui;

import com.maskfill.app.model.EngineChoice;
import static com.maskfill.app.ui.ShownDialogs.clickWhenShown;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.app.settings.CredentialStores;
import com.maskfill.app.settings.SettingsStore;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Saving, reopening, recovering after a crash and exporting, in the real window. */
@ExtendWith(ApplicationExtension.class)
class ProjectsInEditorTest {

    private static final int W = 640;
    private static final int H = 400;
    private static final int FILL = 0xFF10C0A0;
    private static final EngineChoice TEST_FILL = new EngineChoice("test-fill", "Test fill", List.of());

    @TempDir
    static Path dir;

    private Path config;
    private BackgroundTasks tasks;
    private EditorWindow window;

    @Start
    void start(Stage stage) throws Exception {
        config = Files.createTempDirectory(dir, "config");
        tasks = new BackgroundTasks();
        window = newWindow(stage);
        window.show();
        window.editor().openPasted(TestImages.quadrants(W, H));
    }

    private EditorWindow newWindow(Stage stage) {
        return new EditorWindow(stage, new EditorServices(new SettingsStore(config), CredentialStores.file(config),
                List.of(TEST_FILL), tasks));
    }

    @AfterEach
    void closeTasks() {
        tasks.close();
    }

    /** Paints a mask square at (200..260, 150..210) and generates two variations with the test engine. */
    private void paintAndGenerate(FxRobot robot) throws Exception {
        robot.interact(() -> {
            PaintedMasks.rectangle(window, 200, 150, 60, 60);
            window.jobSettings().promptProperty().set("a teal tile");
            window.jobSettings().imageCountProperty().set(2);
            window.jobs().generate();
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.jobs().results().groups().size() == 1);
    }

    private EditorWindow reopenedWindow() throws Exception {
        EditorWindow second = WaitForAsyncUtils.asyncFx(() -> {
            EditorWindow w = newWindow(new Stage());
            w.show();
            return w;
        }).get();
        return second;
    }

    @Test
    void aSavedProjectReopensWithPhotoMaskResultsAndSettings(FxRobot robot) throws Exception {
        paintAndGenerate(robot);
        Path file = dir.resolve("tiles.maskfill");
        byte[] mask = WaitForAsyncUtils.asyncFx(() -> window.maskTools().document().mask().toByteArray()).get();

        robot.interact(() -> window.projects().save(file, () -> { }));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> file.equals(window.projects().projectFileProperty().get()));
        EditorWindow second = reopenedWindow();
        robot.interact(() -> second.open(file));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> second.jobs().results().groups().size() == 1);

        assertEquals("tiles.maskfill", second.editor().getImage().name());
        assertEquals(TestImages.expectedAt(10, 10, W, H), second.editor().getImage().pixels().getRGB(10, 10));
        assertArrayEquals(mask, WaitForAsyncUtils.asyncFx(() -> second.maskTools().document().mask().toByteArray())
                .get());
        assertEquals(2, second.jobs().results().layers().size());
        assertEquals("a teal tile", second.jobSettings().promptProperty().get());
        assertEquals("a teal tile", second.jobs().results().groups().get(0).provenance().prompt());
        robot.interact(() -> ((Stage) second.canvas().getScene().getWindow()).close());
    }

    /** This window's recovery file, once its autosave wrote it. */
    private Path ownRecoveryFile() throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> recoveryFiles().size() == 1);
        return recoveryFiles().get(0);
    }

    private List<Path> recoveryFiles() throws java.io.IOException {
        try (var files = Files.list(config)) {
            return files.filter(p -> p.getFileName().toString().matches("recovery.*\\.maskfill")).toList();
        }
    }

    /** What an editor that crashed leaves: its recovery file, with no running editor holding its lock. */
    private Path crashedEditorsFile() throws Exception {
        return Files.copy(ownRecoveryFile(), config.resolve("recovery-999-crashed.maskfill"));
    }

    @Test
    void afterACrashTheNextStartRestoresTheAutosavedWork(FxRobot robot) throws Exception {
        paintAndGenerate(robot);
        Path live = ownRecoveryFile();
        Path crashed = crashedEditorsFile();
        EditorWindow next = reopenedWindow();
        assertEquals(List.of(crashed), WaitForAsyncUtils.asyncFx(() -> next.projects().recoveries()).get(),
                "the running editor's own file is not offered");

        robot.interact(() -> next.projects().restoreRecovery(crashed, () -> { }));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> next.jobs().results().groups().size() == 1);

        assertEquals(2, next.jobs().results().layers().size());
        assertEquals(TestImages.expectedAt(300, 300, W, H), next.editor().getImage().pixels().getRGB(300, 300));
        robot.interact(next::autosaveNow);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !Files.exists(crashed));
        robot.interact(() -> ((Stage) next.canvas().getScene().getWindow()).close());
        assertEquals(List.of(live), recoveryFiles(), "a clean exit removes its own file, never another's");
    }

    @Test
    void aSecondEditorNeitherOffersNorDeletesTheFirstOnesRecovery(FxRobot robot) throws Exception {
        paintAndGenerate(robot);
        Path live = ownRecoveryFile();

        EditorWindow second = reopenedWindow();
        assertEquals(List.of(), WaitForAsyncUtils.asyncFx(() -> second.projects().recoveries()).get());
        robot.interact(() -> ((Stage) second.canvas().getScene().getWindow()).close());

        assertTrue(Files.exists(live), "the first editor's autosave survives the second one's exit");
    }

    @Test
    void aFileGivenAtStartOpensOnlyAfterTheRestoreAndAsksBeforeReplacingIt(FxRobot robot) throws Exception {
        paintAndGenerate(robot);
        crashedEditorsFile();
        Path photo = TestImages.writeQuadrants(dir.resolve("double-clicked.png"), 320, 200);
        EditorWindow next = reopenedWindow();

        javafx.application.Platform.runLater(() -> next.start(photo));
        clickWhenShown(robot, "Restore");
        // The restored work is unsaved: opening the photo over it asks first.
        clickWhenShown(robot, "Cancel");

        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, next.jobs().results().groups().size(), "the restored results stay");
        assertEquals(W, next.editor().getImage().width(), "the photo did not replace them");
        assertTrue(next.projects().unsavedProperty().get());
        robot.interact(() -> ((Stage) next.canvas().getScene().getWindow()).hide());
    }

    @Test
    void notNowKeepsTheCrashedWorkForTheNextStartAndDiscardDeletesIt(FxRobot robot) throws Exception {
        paintAndGenerate(robot);
        Path live = ownRecoveryFile();
        Path crashed = crashedEditorsFile();

        EditorWindow later = reopenedWindow();
        javafx.application.Platform.runLater(() -> later.start(null));
        clickWhenShown(robot, "Not Now");
        assertTrue(Files.exists(crashed));
        robot.interact(() -> ((Stage) later.canvas().getScene().getWindow()).close());

        EditorWindow next = reopenedWindow();
        javafx.application.Platform.runLater(() -> next.start(null));
        clickWhenShown(robot, "Discard");
        assertFalse(Files.exists(crashed));
        assertTrue(Files.exists(live), "the running editor's file is not touched");
        robot.interact(() -> ((Stage) next.canvas().getScene().getWindow()).close());
    }
}
