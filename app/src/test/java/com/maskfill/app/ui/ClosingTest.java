package com.maskfill.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.app.jobs.JobState;
import com.maskfill.app.cli.TestEngines;
import com.maskfill.app.settings.CredentialStores;
import com.maskfill.app.settings.SettingsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Closing the window never loses work silently. */
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
    }

    /** A button of a dialog that is on screen now (a closed dialog's nodes linger until collected). */
    static java.util.Optional<javafx.scene.Node> shownButton(FxRobot robot, String text) {
        return robot.lookup(text).queryAll().stream()
                .filter(n -> n.getScene() != null && n.getScene().getWindow() != null
                        && n.getScene().getWindow().isShowing() && n.getScene().getWindow() != null)
                .findFirst();
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
}
