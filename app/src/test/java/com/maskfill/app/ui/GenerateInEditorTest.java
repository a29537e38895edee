package com.maskfill.app.ui;

import com.maskfill.app.model.EngineChoice;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.app.jobs.Job;
import com.maskfill.app.jobs.JobState;
import com.maskfill.app.project.ResultLayer;
import com.maskfill.app.settings.CredentialStores;
import com.maskfill.app.settings.SettingsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
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
 * From Generate to a result a designer keeps, in the real window, with the test engine that paints the area a
 * solid colour (registered for tests through ServiceLoader, found like any installed engine).
 */
@ExtendWith(ApplicationExtension.class)
class GenerateInEditorTest {

    private static final int W = 800;
    private static final int H = 500;
    private static final int FILL = 0xFF10C0A0;
    private static final EngineChoice TEST_FILL = cancellable("test-fill", "Test fill");
    private static final EngineChoice WAITS = cancellable("test-waits", "Test waits");
    private static final EngineChoice GATED = cancellable("test-gated", "Test gated");
    /** Like 1min.ai: once it has a job, it finishes it (and bills it). */
    private static final EngineChoice CANNOT_CANCEL = EngineChoice.of(
            com.maskfill.engine.api.engine.EngineProviders.find("test-cannot-cancel").orElseThrow());

    @TempDir
    static Path dir;

    private EditorWindow window;
    private BackgroundTasks tasks;
    private Path config;

    @Start
    void start(Stage stage) throws Exception {
        tasks = new BackgroundTasks();
        config = Files.createTempDirectory(dir, "config");
        window = new EditorWindow(stage, new EditorServices(new SettingsStore(config), CredentialStores.file(config),
                List.of(TEST_FILL, WAITS, GATED, CANNOT_CANCEL), tasks));
        stage.setWidth(1200);
        stage.setHeight(800);
        window.show();
        window.editor().openPasted(TestImages.quadrants(W, H));
    }

    @AfterEach
    void closeTasks() {
        tasks.close();
    }

    private static EngineChoice cancellable(String id, String name) {
        return new EngineChoice(id, name, com.maskfill.engine.api.engine.Capabilities.builder().cancellable(true)
                .build());
    }

    /** A mask square at (300..360, 200..260), painted through the mask document like a brush would. */
    private void paintMask(FxRobot robot) {
        robot.interact(() -> {
            PaintedMasks.rectangle(window, 300, 200, 60, 60);
        });
    }

    /** A mask, then Generate on the gated engine: the job runs until the test opens the gate. */
    private Job startGatedJob(FxRobot robot) throws Exception {
        System.clearProperty("maskfill.test.gate");
        return startJob(robot, GATED);
    }

    /** A mask, then Generate on {@code engine}; returns once the job runs. */
    private Job startJob(FxRobot robot, EngineChoice engine) throws Exception {
        paintMask(robot);
        robot.interact(() -> {
            window.jobSettings().engineProperty().set(engine);
            window.jobSettings().promptProperty().set("a teal patch");
        });
        robot.clickOn("#generate");
        Job job = window.jobs().queue().jobs().get(0);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> job.getState() == JobState.RUNNING);
        return job;
    }

    private Job generateAndWait(FxRobot robot) throws Exception {
        robot.interact(() -> window.jobSettings().promptProperty().set("a teal patch"));
        robot.clickOn("#generate");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !window.jobs().queue().jobs().isEmpty()
                && window.jobs().queue().jobs().get(window.jobs().queue().jobs().size() - 1).getState().isFinished());
        WaitForAsyncUtils.waitForFxEvents();
        return window.jobs().queue().jobs().get(window.jobs().queue().jobs().size() - 1);
    }

    private int shownAt(double imageX, double imageY) throws Exception {
        return CanvasPixels.shownAt(window, imageX, imageY);
    }

    @Test
    void generateQueuesAJobAndItsResultIsShownOverThePhoto(FxRobot robot) throws Exception {
        paintMask(robot);
        robot.interact(() -> window.maskTools().overlayVisibleProperty().set(false));

        Job job = generateAndWait(robot);

        assertEquals(JobState.DONE, job.getState());
        assertEquals(1, window.jobs().results().groups().size());
        ResultLayer shown = window.jobs().results().getSelected();
        assertTrue(shown.region().contains(new com.maskfill.engine.api.pipeline.Region(300, 200, 60, 60)));
        assertEquals(FILL, shownAt(330, 230), "the result is drawn over the photo");
        assertEquals(TestImages.expectedAt(700, 50, W, H), shownAt(700, 50), "far from the mask: the photo");
        assertEquals(TestImages.expectedAt(330, 230, W, H), window.editor().getImage().pixels().getRGB(330, 230),
                "the photo itself is untouched until the result is applied");
        assertTrue(robot.lookup("#result-provenance").queryAs(Label.class).getText().contains("“a teal patch”"));
    }

    @Test
    void enterAppliesTheResultAndCtrlZTakesItBack(FxRobot robot) throws Exception {
        paintMask(robot);
        generateAndWait(robot);
        robot.interact(() -> window.canvas().requestFocus());

        robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(FILL, window.editor().getImage().pixels().getRGB(330, 230), "applied into the photo");
        assertNull(window.jobs().results().getSelected());
        assertEquals(TestImages.expectedAt(5, 5, W, H), window.editor().getImage().pixels().getRGB(5, 5));

        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(TestImages.expectedAt(330, 230, W, H), window.editor().getImage().pixels().getRGB(330, 230),
                "undo puts the photo's pixels back");
        assertTrue(window.jobs().results().getSelected() != null);
    }

    @Test
    void aResultWhoseCropCoversAnAppliedOneShowsAndAppliesOnlyItsOwnMaskArea(FxRobot robot) throws Exception {
        paintMask(robot);
        generateAndWait(robot);
        ResultLayer first = window.jobs().results().getSelected();
        robot.interact(() -> {
            var mask = window.maskTools().document().mask();
            for (int y = 200; y < 260; y++) {
                for (int x = 300; x < 420; x++) {
                    mask.set(x, y, x >= 380 ? 255 : 0);
                }
            }
            mask.fireChanged(new com.maskfill.app.mask.PixelRect(300, 200, 120, 60));
            window.maskTools().overlayVisibleProperty().set(false);
        });
        // queued before the first was applied: its crop holds the photo as it was then
        generateAndWait(robot);
        ResultLayer second = window.jobs().results().getSelected();
        assertTrue(second.region().contains(345, 230), "the second job's context covers the first's mask");

        robot.interact(() -> {
            window.jobs().results().select(first);
            window.jobs().actions().apply();
            window.jobs().results().select(second);
        });
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(FILL, shownAt(345, 230), "the preview shows the photo as it is now around the result");
        assertEquals(FILL, shownAt(400, 230));
        robot.interact(() -> window.jobs().actions().apply());
        assertEquals(FILL, window.editor().getImage().pixels().getRGB(345, 230), "the first result stays applied");
        assertEquals(FILL, window.editor().getImage().pixels().getRGB(400, 230));
        assertEquals(TestImages.expectedAt(370, 230, W, H), window.editor().getImage().pixels().getRGB(370, 230),
                "between the two masks, beyond both feathers: the photo");
    }

    @Test
    void arrowsBrowseVariationsAndDeleteDiscardsOne(FxRobot robot) throws Exception {
        paintMask(robot);
        robot.interact(() -> window.jobSettings().imageCountProperty().set(3));
        generateAndWait(robot);
        robot.interact(() -> window.canvas().requestFocus());
        List<ResultLayer> layers = window.jobs().results().layers();
        assertEquals(3, layers.size());

        robot.press(KeyCode.RIGHT).release(KeyCode.RIGHT);
        assertSame(layers.get(1), window.jobs().results().getSelected());
        robot.press(KeyCode.DELETE).release(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(2, window.jobs().results().layers().size());
        assertFalse(window.jobs().results().layers().contains(layers.get(1)));
        assertEquals("Job #1 · image 2 of 2", robot.lookup("#result-position").queryAs(Label.class).getText());
    }

    @Test
    void holdingTabShowsThePhotoAlone(FxRobot robot) throws Exception {
        paintMask(robot);
        robot.interact(() -> window.maskTools().overlayVisibleProperty().set(false));
        generateAndWait(robot);
        robot.interact(() -> window.canvas().requestFocus());

        robot.press(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        int whileHeld = shownAt(330, 230);
        robot.release(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(TestImages.expectedAt(330, 230, W, H), whileHeld);
        assertEquals(FILL, shownAt(330, 230));
    }

    @Test
    void extendingTheCanvasMasksTheNewAreaAndKeepsResultsInPlace(FxRobot robot) throws Exception {
        paintMask(robot);
        generateAndWait(robot);

        robot.interact(() -> window.outpaint().extend(new com.maskfill.app.outpaint.CanvasExtension(100, 0, 60, 0)));
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(W + 160, window.editor().getImage().width());
        assertEquals(TestImages.expectedAt(0, 10, W, H), window.editor().getImage().pixels().getRGB(5, 10),
                "the new strip is pre-filled from the edge");
        var mask = window.maskTools().document().mask();
        assertEquals(255, mask.get(50, 10), "the new area is masked");
        assertEquals(0, mask.get(430, 230), "only the new area is masked: the painted mask is put aside");
        assertEquals(0, mask.get(700, 300));
        ResultLayer layer = window.jobs().results().getSelected();
        assertTrue(layer.region().contains(new com.maskfill.engine.api.pipeline.Region(400, 200, 60, 60)),
                "results moved with the photo: " + layer.region());
        assertEquals((W + 160) + " × " + H + " px · Clipboard",
                robot.lookup("#status-size").queryAs(Label.class).getText());
    }

    @Test
    void ctrlZTakesTheExtensionBackAndWhatCameBeforeStaysUndoable(FxRobot robot) throws Exception {
        paintMask(robot);
        generateAndWait(robot);
        robot.interact(() -> {
            byte[] pixels = window.maskTools().document().mask().toByteArray();
            for (int y = 10; y < 20; y++) {
                for (int x = 10; x < 20; x++) {
                    pixels[y * W + x] = (byte) 255;
                }
            }
            window.maskTools().document().commands().replaceAll(pixels, "Load mask");
        });
        byte[] beforeExtending = window.maskTools().document().mask().toByteArray();
        robot.interact(() -> window.outpaint().extend(new com.maskfill.app.outpaint.CanvasExtension(100, 0, 60, 0)));
        robot.interact(() -> window.canvas().requestFocus());

        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(W, window.editor().getImage().width(), "the photo is its old size again");
        assertEquals(TestImages.expectedAt(5, 10, W, H), window.editor().getImage().pixels().getRGB(5, 10));
        assertArrayEquals(beforeExtending, window.maskTools().document().mask().toByteArray(), "and so is the mask");
        assertTrue(window.jobs().results().getSelected().region()
                .contains(new com.maskfill.engine.api.pipeline.Region(300, 200, 60, 60)), "results moved back");
        assertEquals(W + " × " + H + " px · Clipboard", robot.lookup("#status-size").queryAs(Label.class).getText());

        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, window.maskTools().document().mask().get(15, 15), "the mask edit before it is undone too");

        robot.press(KeyCode.CONTROL, KeyCode.Y).release(KeyCode.Y, KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL, KeyCode.Y).release(KeyCode.Y, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(W + 160, window.editor().getImage().width(), "redo grows the canvas again");
        assertEquals(0, window.maskTools().document().mask().get(115, 15),
                "the mask painted before stays put aside: only the new area is masked");
        assertEquals(255, window.maskTools().document().mask().get(50, 15));
        assertEquals(0, window.maskTools().document().mask().get(460, 300));
        assertTrue(window.jobs().results().getSelected().region()
                .contains(new com.maskfill.engine.api.pipeline.Region(400, 200, 60, 60)));
    }

    @Test
    void anApplyBeforeAnExtensionIsUndoneOntoTheLayerThatMovedThereAndBack(FxRobot robot) throws Exception {
        paintMask(robot);
        generateAndWait(robot);
        robot.interact(() -> window.canvas().requestFocus());
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
        robot.interact(() -> window.outpaint().extend(new com.maskfill.app.outpaint.CanvasExtension(100, 0, 60, 0)));
        robot.interact(() -> window.canvas().requestFocus());

        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(TestImages.expectedAt(330, 230, W, H), window.editor().getImage().pixels().getRGB(330, 230),
                "the apply is undone on the photo");
        ResultLayer shown = window.jobs().results().getSelected();
        assertTrue(shown != null && window.jobs().results().groupOf(shown) != null,
                "the layer shown again is the one in the list, so browsing and Del work on it");
        assertEquals(0, window.jobs().results().layers().indexOf(shown));
    }

    @Test
    void aRetriedJobsResultsLandOnTheOpenPhoto(FxRobot robot) throws Exception {
        Job first = startGatedJob(robot);
        robot.interact(() -> window.jobs().queue().cancel(first));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> first.getState() == JobState.CANCELLED);

        System.setProperty("maskfill.test.gate", "open");
        try {
            Job again = WaitForAsyncUtils.asyncFx(() -> window.jobs().queue().retry(first)).get();
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> again.getState() == JobState.DONE);
            WaitForAsyncUtils.waitForFxEvents();
        } finally {
            System.clearProperty("maskfill.test.gate");
        }
        assertEquals(1, window.jobs().results().groups().size(), "on the canvas, not in a recovery project");
    }

    @Test
    void resultsInTheAddedAreaAreSavedAsideByUndoAndBroughtBackByRedo(FxRobot robot) throws Exception {
        robot.interact(() -> window.outpaint().extend(new com.maskfill.app.outpaint.CanvasExtension(100, 0, 0, 0)));
        generateAndWait(robot); // the added strip is masked
        com.maskfill.engine.api.pipeline.Region arrived = window.jobs().results().getSelected().region();
        assertTrue(arrived.x() < 100, "the result covers the added strip: " + arrived);
        robot.interact(() -> window.canvas().requestFocus());

        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(W, window.editor().getImage().width());
        assertTrue(window.jobs().results().groups().isEmpty(), "it cannot lie on the smaller photo");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> setAside().size() == 1);
        List<Path> aside = setAside();
        var project = com.maskfill.app.project.ProjectFile.load(aside.get(0));
        assertEquals(W + 100, project.image().getWidth(), "with the extended canvas it belongs to");
        assertEquals(arrived, project.groups().get(0).layers().get(0).region());

        robot.press(KeyCode.CONTROL, KeyCode.Y).release(KeyCode.Y, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(W + 100, window.editor().getImage().width());
        assertEquals(arrived, window.jobs().results().groups().get(0).layers().get(0).region(), "redo brings it back");

        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        // each set-aside gets a file of its own, even within one second (it is saved in the background)
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> setAside().size() == 2);
    }

    /** The projects saved for results an undo took off the canvas, once written. */
    private List<Path> setAside() throws java.io.IOException {
        return savedAside("extended-canvas-");
    }

    /** The projects saved in the recovery folder whose names start with {@code prefix}, once written. */
    private List<Path> savedAside(String prefix) throws java.io.IOException {
        if (!Files.isDirectory(config.resolve("recovered"))) {
            return List.of();
        }
        try (var files = Files.list(config.resolve("recovered"))) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)
                    && f.getFileName().toString().endsWith(".maskfill")).toList();
        }
    }

    @Test
    void aJobThatFinishesAfterTheCanvasGrewLandsWhereItsPixelsMoved(FxRobot robot) throws Exception {
        Job job = startGatedJob(robot);

        robot.interact(() -> window.outpaint().extend(new com.maskfill.app.outpaint.CanvasExtension(100, 0, 60, 0)));
        System.setProperty("maskfill.test.gate", "open");
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> job.getState() == JobState.DONE);
            WaitForAsyncUtils.waitForFxEvents();
        } finally {
            System.clearProperty("maskfill.test.gate");
        }

        assertEquals(1, window.jobs().results().groups().size(), "on the canvas, not in a recovery project");
        assertTrue(window.jobs().results().getSelected().region()
                .contains(new com.maskfill.engine.api.pipeline.Region(400, 200, 60, 60)),
                "moved right by the 100 px added on the left: " + window.jobs().results().getSelected().region());
    }

    @Test
    void escapeAsksBeforeCancellingAJobTheProviderHasAndKeepRunningKeepsIt(FxRobot robot) throws Exception {
        Job job = startJob(robot, WAITS);

        answerEscape(robot, "Keep Running");
        Thread.sleep(200);
        assertEquals(JobState.RUNNING, job.getState(), "Keep Running keeps the job");

        answerEscape(robot, "Cancel Job");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> job.getState().isFinished());
        assertEquals(JobState.CANCELLED, job.getState());
        assertTrue(window.jobs().results().groups().isEmpty());
    }

    /** Esc on the canvas, then the question's {@code answer}. */
    private void answerEscape(FxRobot robot, String answer) throws Exception {
        robot.interact(() -> window.canvas().requestFocus());
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> ShownDialogs.shownButton(robot, answer).isPresent());
        robot.clickOn(ShownDialogs.shownButton(robot, answer).orElseThrow());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void escapeOnAJobItsProviderCannotStopSaysSoAndItsResultsArrive(FxRobot robot) throws Exception {
        com.maskfill.app.cli.TestEngines.CannotCancel.FINISH.set(false);
        Job job = startJob(robot, CANNOT_CANCEL);
        robot.interact(() -> window.canvas().requestFocus());

        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> window.shownNotice().contains("cannot be stopped"));
        assertEquals(JobState.RUNNING, job.getState());
        assertTrue(robot.lookup(".job-cannot-stop").queryAll().stream().anyMatch(javafx.scene.Node::isVisible),
                "the queue shows why there is no Cancel");
        assertTrue(robot.lookup(".job-cancel").queryAll().stream().noneMatch(javafx.scene.Node::isVisible));
        assertTrue(window.jobs().closeWarning().contains("Job #1 cannot be stopped any more"),
                "closing says what it costs: " + window.jobs().closeWarning());

        com.maskfill.app.cli.TestEngines.CannotCancel.FINISH.set(true);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> job.getState().isFinished());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(JobState.DONE, job.getState());
        assertEquals(1, window.jobs().results().groups().size(), "what was paid for is on the canvas");
    }

    @Test
    void resultsOfAJobWhosePhotoWasReplacedAreSavedAsideWithTheSeedTheyUsed(FxRobot robot) throws Exception {
        Job job = startGatedJob(robot);
        robot.interact(() -> window.editor().openPasted(TestImages.quadrants(300, 200)));
        System.setProperty("maskfill.test.gate", "open");
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> job.getState() == JobState.DONE);
        } finally {
            System.clearProperty("maskfill.test.gate");
        }
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> savedAside("job-1-").size() == 1);

        var project = com.maskfill.app.project.ProjectFile.load(savedAside("job-1-").get(0));
        assertEquals(project.groups().get(0).provenance().seed(), project.settings().seed());
        assertFalse(project.settings().seedLocked(), "the seed was left to chance, as in the command line's projects");
    }

    @Test
    void anEmptyMaskIsExplainedAndNoJobIsQueued(FxRobot robot) throws Exception {
        robot.interact(() -> window.jobSettings().promptProperty().set("anything"));
        robot.clickOn("#generate");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> window.shownNotice().toLowerCase().contains("mask"));

        assertTrue(window.jobs().queue().jobs().isEmpty());
        Notice notice = window.editor().noticeProperty().get();
        assertEquals(Notice.Severity.ERROR, notice.severity());
        assertTrue(notice.text().startsWith("The mask is empty"), notice.text());
    }
}
