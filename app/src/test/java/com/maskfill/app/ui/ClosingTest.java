package com.maskfill.app.ui;

import com.maskfill.app.model.EngineChoice;
import com.maskfill.app.model.DocumentImage;
import static com.maskfill.app.ui.ShownDialogs.clickWhenShown;
import static com.maskfill.app.ui.ShownDialogs.shownButton;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.app.jobs.JobState;
import com.maskfill.app.cli.TestEngines;
import com.maskfill.app.settings.CredentialStores;
import com.maskfill.app.settings.SettingsStore;
import com.maskfill.app.project.ProjectFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
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
 * Closing the window, or opening, pasting or dropping something over the work, never loses work silently: all
 * ask the same question first when the work changed since it was saved.
 */
@ExtendWith(ApplicationExtension.class)
class ClosingTest {

    @TempDir
    static Path dir;

    private EditorWindow window;
    private Stage stage;
    private BackgroundTasks tasks;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        tasks = new BackgroundTasks();
        window = new EditorWindow(stage, EditorWindowTest.services(Files.createTempDirectory(dir, "config"), tasks));
        window.show();
        window.editor().openPasted(TestImages.quadrants(400, 300));
    }

    @AfterEach
    void closeTasks() {
        tasks.close();
    }

    private void paint(FxRobot robot) {
        robot.interact(() -> {
            var doc = window.maskTools().document();
            doc.commands().fillAll();
        });
        assertTrue(window.projects().unsavedProperty().get());
    }

    @Test
    void aPhotoJustOpenedClosesWithoutQuestions(FxRobot robot) throws Exception {
        Platform.runLater(window::requestClose);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !stage.isShowing());
    }

    @Test
    void unsavedWorkAsksFirstAndCancelKeepsTheWindow(FxRobot robot) throws Exception {
        paint(robot);
        assertTrue(window.projects().unsavedProperty().get());

        Platform.runLater(window::requestClose);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> shownButton(robot, "Cancel").isPresent());
        robot.clickOn(shownButton(robot, "Cancel").orElseThrow());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(stage.isShowing(), "Cancel keeps working");

        Platform.runLater(window::requestClose);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> shownButton(robot, "Don't Save").isPresent());
        robot.clickOn(shownButton(robot, "Don't Save").orElseThrow());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !stage.isShowing());
        assertFalse(stage.isShowing());
    }

    @Test
    void closingWithARunningJobCancelsItAtTheProviderBeforeTheWindowIsGone(FxRobot robot) throws Exception {
        EngineChoice slowToCancel = EngineChoice.of(com.maskfill.engine.api.engine.EngineProviders
                .find("test-slow-cancel").orElseThrow());
        Path config = Files.createTempDirectory(dir, "config");
        EditorWindow[] other = new EditorWindow[1];
        robot.interact(() -> {
            other[0] = new EditorWindow(new Stage(), new EditorServices(new SettingsStore(config),
                    CredentialStores.file(config), java.util.List.of(slowToCancel), tasks));
            other[0].show();
            other[0].editor().openPasted(TestImages.quadrants(400, 300));
        });
        EditorWindow running = other[0];
        robot.interact(() -> {
            running.maskTools().document().commands().fillAll();
            running.jobSettings().engineProperty().set(slowToCancel);
            running.jobSettings().promptProperty().set("a teal patch");
            running.jobs().generate();
        });
        var job = running.jobs().queue().jobs().get(0);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> job.getState() == JobState.QUEUED);
        int cancelledBefore = TestEngines.count("", "provider-cancelled"); // this window passes no test tag

        Platform.runLater(running::requestClose);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> shownButton(robot, "Close and cancel").isPresent());
        robot.clickOn(shownButton(robot, "Close and cancel").orElseThrow());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> shownButton(robot, "Don't Save").isPresent());
        robot.clickOn(shownButton(robot, "Don't Save").orElseThrow());
        WaitForAsyncUtils.waitForFxEvents();

        assertFalse(running.canvas().getScene().getWindow().isShowing());
        assertEquals(cancelledBefore + 1, TestEngines.count("", "provider-cancelled"),
                "the provider was told before the window finished closing");
    }

    private void copyImageToClipboard(FxRobot robot) {
        robot.interact(() -> {
            ClipboardContent content = new ClipboardContent();
            content.putImage(new javafx.scene.image.Image(
                    EditorWindowTest.class.getResourceAsStream("/com/maskfill/app/ui/pasted.png")));
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        });
    }

    private void pressCtrlV(FxRobot robot) {
        robot.clickOn(window.canvas());
        robot.press(KeyCode.CONTROL, KeyCode.V).release(KeyCode.V, KeyCode.CONTROL);
    }

    @Test
    void pastingOverUnsavedWorkAsksAndCancelKeepsIt(FxRobot robot) throws Exception {
        paint(robot);
        DocumentImage before = window.editor().getImage();
        copyImageToClipboard(robot);

        pressCtrlV(robot);
        clickWhenShown(robot, "Cancel");

        assertSame(before, window.editor().getImage(), "the photo stays");
        assertEquals(255, window.maskTools().document().mask().get(10, 10), "the mask stays");
        assertTrue(window.projects().unsavedProperty().get());
    }

    @Test
    void dontSaveReplacesTheWorkWithAnEmptyMaskAndHistory(FxRobot robot) throws Exception {
        paint(robot);
        copyImageToClipboard(robot);

        pressCtrlV(robot);
        clickWhenShown(robot, "Don't Save");

        assertEquals("Pasted image", window.editor().getImage().name());
        assertEquals(40, window.editor().getImage().width());
        assertTrue(window.maskTools().document().mask().isEmpty());
        assertEquals(0, window.maskTools().document().history().undoCount());
    }

    @Test
    void openingAFileOverUnsavedWorkOffersSaveAndSavesBeforeOpening(FxRobot robot) throws Exception {
        Path project = dir.resolve("kept.maskfill");
        robot.interact(() -> window.projects().save(project, () -> { }));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> project.equals(window.projects().projectFileProperty()
                .get()) && !window.projects().unsavedProperty().get());
        paint(robot);
        Path photo = TestImages.writeQuadrants(dir.resolve("next.png"), 320, 200);

        Platform.runLater(() -> window.open(photo));
        clickWhenShown(robot, "Save");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> photo.toAbsolutePath().equals(
                window.editor().getImage().source()));

        assertEquals(255, Byte.toUnsignedInt(ProjectFile.load(project).mask()[0]), "the painted mask was saved first");
        assertFalse(window.projects().unsavedProperty().get());
    }

    @Test
    void savedWorkIsReplacedWithoutAQuestion(FxRobot robot) throws Exception {
        Path photo = TestImages.writeQuadrants(dir.resolve("plain.png"), 320, 200);

        robot.interact(() -> window.open(photo));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> photo.toAbsolutePath().equals(
                window.editor().getImage().source()));
        assertFalse(shownButton(robot, "Don't Save").isPresent());
    }

    @Test
    void droppingAFileOverUnsavedWorkAsksFirst(FxRobot robot) throws Exception {
        paint(robot);
        DocumentImage before = window.editor().getImage();
        Path photo = TestImages.writeQuadrants(dir.resolve("dropped.png"), 320, 200);
        // A file dragged from another window (a file manager's, here one of this program's own).
        javafx.scene.control.Label source = WaitForAsyncUtils.asyncFx(() -> {
            javafx.scene.control.Label label = new javafx.scene.control.Label("dropped.png");
            label.setMinSize(120, 60);
            label.setOnDragDetected(e -> {
                ClipboardContent content = new ClipboardContent();
                content.putFiles(java.util.List.of(photo.toFile()));
                label.startDragAndDrop(javafx.scene.input.TransferMode.COPY).setContent(content);
                e.consume();
            });
            Stage files = new Stage();
            files.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(label), 160, 100));
            files.setX(0);
            files.setY(0);
            files.show();
            return label;
        }).get();

        robot.drag(source).dropTo(window.canvas());
        clickWhenShown(robot, "Cancel");

        assertSame(before, window.editor().getImage(), "Cancel keeps the work");
        robot.interact(() -> source.getScene().getWindow().hide());
    }
}
