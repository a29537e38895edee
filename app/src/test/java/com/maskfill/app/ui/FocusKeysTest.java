package com.maskfill.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.maskfill.app.canvas.CanvasView;
import com.maskfill.app.jobs.Job;
import com.maskfill.app.jobs.JobState;
import com.maskfill.app.model.EngineChoice;
import com.maskfill.app.project.ResultLayer;
import com.maskfill.app.settings.CredentialStores;
import com.maskfill.app.settings.SettingsStore;
import com.maskfill.engine.api.engine.Capabilities;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Slider;
import javafx.scene.control.TextArea;
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
 * The result and job keys act wherever the focus is, except in text being edited; the canvas gets the keys back
 * after Generate and after a slider; the click that brings the focus back to the canvas paints nothing.
 */
@ExtendWith(ApplicationExtension.class)
class FocusKeysTest {

    private static final int W = 800;
    private static final int H = 500;
    private static final int FILL = 0xFF10C0A0;
    private static final EngineChoice TEST_FILL = new EngineChoice("test-fill", "Test fill",
            Capabilities.builder().cancellable(true).build());
    private static final EngineChoice WAITS = new EngineChoice("test-waits", "Test waits",
            Capabilities.builder().cancellable(true).build());

    @TempDir
    static Path dir;

    private EditorWindow window;
    private BackgroundTasks tasks;

    @Start
    void start(Stage stage) throws Exception {
        tasks = new BackgroundTasks();
        Path config = Files.createTempDirectory(dir, "config");
        window = new EditorWindow(stage, new EditorServices(new SettingsStore(config), CredentialStores.file(config),
                List.of(TEST_FILL, WAITS), tasks));
        stage.setWidth(1200);
        stage.setHeight(800);
        window.show();
        window.editor().openPasted(TestImages.quadrants(W, H));
    }

    @AfterEach
    void closeTasks() {
        tasks.close();
    }

    /** Three results of one job, the first shown. */
    private List<ResultLayer> threeResults(FxRobot robot) throws Exception {
        robot.interact(() -> {
            PaintedMasks.rectangle(window, 300, 200, 60, 60);
            window.maskTools().overlayVisibleProperty().set(false);
            window.jobSettings().engineProperty().set(TEST_FILL);
            window.jobSettings().imageCountProperty().set(3);
            window.jobSettings().promptProperty().set("a teal patch");
        });
        robot.interact(() -> window.jobs().generate());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.jobs().results().layers().size() == 3);
        WaitForAsyncUtils.waitForFxEvents();
        return window.jobs().results().layers();
    }

    private void focus(FxRobot robot, Node node) {
        robot.interact(node::requestFocus);
        assertSame(node, node.getScene().getFocusOwner());
    }

    private void type(FxRobot robot, KeyCode key) {
        robot.press(key).release(key);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private int shownAt(double imageX, double imageY) throws Exception {
        return CanvasPixels.shownAt(window, imageX, imageY);
    }

    @Test
    void resultKeysWorkWithTheFocusInASlider(FxRobot robot) throws Exception {
        List<ResultLayer> layers = threeResults(robot);
        Slider size = robot.lookup("#brush-size").queryAs(Slider.class);
        double sizeBefore = size.getValue();
        focus(robot, size);

        type(robot, KeyCode.RIGHT);
        assertSame(layers.get(1), window.jobs().results().getSelected(), "→ browses");
        assertEquals(sizeBefore, size.getValue(), "and does not move the slider");
        robot.press(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        int whileHeld = shownAt(330, 230);
        robot.release(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(TestImages.expectedAt(330, 230, W, H), whileHeld, "holding Tab shows the photo");
        assertEquals(FILL, shownAt(330, 230), "and letting go the result");
        type(robot, KeyCode.ENTER);
        assertEquals(FILL, window.editor().getImage().pixels().getRGB(330, 230), "Enter applies");
    }

    @Test
    void resultKeysWorkWithTheFocusInTheQueue(FxRobot robot) throws Exception {
        List<ResultLayer> layers = threeResults(robot);
        focus(robot, robot.lookup("#job-list").query());

        type(robot, KeyCode.RIGHT);
        type(robot, KeyCode.LEFT);
        type(robot, KeyCode.DELETE);

        assertEquals(2, window.jobs().results().layers().size(), "Del discards");
        assertFalse(window.jobs().results().layers().contains(layers.get(0)), "the one → then ← came back to");
    }

    @Test
    void inThePromptArrowsAndEnterEditTheTextAndEscStillAsksToCancelTheJob(FxRobot robot) throws Exception {
        List<ResultLayer> layers = threeResults(robot);
        TextArea prompt = robot.lookup("#prompt").queryAs(TextArea.class);
        focus(robot, prompt);
        robot.interact(() -> prompt.positionCaret(0));

        type(robot, KeyCode.RIGHT);
        type(robot, KeyCode.ENTER);
        type(robot, KeyCode.DELETE);

        assertEquals("a\nteal patch", prompt.getText(), "→ moved the caret, Enter and Del edit");
        assertSame(layers.get(0), window.jobs().results().getSelected(), "nothing browsed");
        assertEquals(3, window.jobs().results().layers().size(), "nothing discarded or applied");

        robot.interact(() -> window.jobSettings().engineProperty().set(WAITS));
        robot.interact(() -> window.jobs().generate());
        Job job = window.jobs().queue().jobs().get(1);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> job.getState() == JobState.RUNNING);
        focus(robot, prompt);
        type(robot, KeyCode.ESCAPE);
        ShownDialogs.clickWhenShown(robot, "Cancel Job");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> job.getState() == JobState.CANCELLED);
    }

    @Test
    void theRowsCancelAsksLikeEscOnceTheProviderHasTheJob(FxRobot robot) throws Exception {
        threeResults(robot);
        robot.interact(() -> window.jobSettings().engineProperty().set(WAITS));
        robot.interact(() -> window.jobs().generate());
        Job job = window.jobs().queue().jobs().get(1);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> job.getState() == JobState.RUNNING);

        robot.clickOn(robot.lookup(".job-cancel").match(javafx.scene.Node::isVisible).queryButton());
        ShownDialogs.clickWhenShown(robot, "Keep Running");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(JobState.RUNNING, job.getState(), "Keep Running keeps it");

        robot.clickOn(robot.lookup(".job-cancel").match(javafx.scene.Node::isVisible).queryButton());
        ShownDialogs.clickWhenShown(robot, "Cancel Job");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> job.getState() == JobState.CANCELLED);
    }

    @Test
    void afterGenerateAndAfterASliderTheCanvasHasTheKeys(FxRobot robot) throws Exception {
        focus(robot, robot.lookup("#prompt").query());
        threeResults(robot);
        assertSame(window.canvas(), window.canvas().getScene().getFocusOwner(), "after Generate");

        robot.clickOn("#brush-size");
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(window.canvas(), window.canvas().getScene().getFocusOwner(), "after a slider");

        robot.clickOn("#image-count-2");
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(window.canvas(), window.canvas().getScene().getFocusOwner(), "after a toggle");
    }

    @Test
    void theClickThatBringsTheFocusBackToTheCanvasPaintsNothing(FxRobot robot) throws Exception {
        CanvasView canvas = window.canvas();
        Point2D first = WaitForAsyncUtils.asyncFx(() -> canvas.localToScreen(
                canvas.getTransform().toViewX(100), canvas.getTransform().toViewY(100))).get();
        Point2D second = WaitForAsyncUtils.asyncFx(() -> canvas.localToScreen(
                canvas.getTransform().toViewX(600), canvas.getTransform().toViewY(100))).get();
        focus(robot, robot.lookup("#prompt").query());

        robot.clickOn(first);
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(canvas, canvas.getScene().getFocusOwner(), "the click took the focus");
        assertEquals(0, window.maskTools().document().mask().get(100, 100), "and painted nothing");

        robot.clickOn(second);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(255, window.maskTools().document().mask().get(600, 100), "the next click paints");
    }
}
