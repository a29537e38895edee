package com.maskfill.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.app.jobs.Job;
import com.maskfill.app.jobs.JobState;
import com.maskfill.app.model.EngineChoice;
import com.maskfill.app.project.ResultGroup;
import com.maskfill.app.project.ResultLayer;
import com.maskfill.app.settings.CredentialStores;
import com.maskfill.app.settings.SettingsStore;
import com.maskfill.engine.api.engine.EngineProviders;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TextField;
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
 * The seed field in the real window means what it says: the seed shown is the one the next job uses, each variation
 * keeps its own seed when the engine knows it, and Reuse settings and Retry run with the seed they promise.
 */
@ExtendWith(ApplicationExtension.class)
class SeedsInEditorTest {

    private static final EngineChoice BATCH = EngineChoice.of(EngineProviders.find("test-fill").orElseThrow());
    /** Seeds image i with seed + i and says so, like the local engine. */
    private static final EngineChoice VARIATIONS =
            EngineChoice.of(EngineProviders.find("test-variations").orElseThrow());
    private static final EngineChoice GATED = EngineChoice.of(EngineProviders.find("test-gated").orElseThrow());

    @TempDir
    static Path dir;

    private EditorWindow window;
    private BackgroundTasks tasks;

    @Start
    void start(Stage stage) throws Exception {
        tasks = new BackgroundTasks();
        Path config = Files.createTempDirectory(dir, "config");
        window = new EditorWindow(stage, new EditorServices(new SettingsStore(config), CredentialStores.file(config),
                List.of(BATCH, VARIATIONS, GATED), tasks));
        stage.setWidth(1200);
        stage.setHeight(800);
        window.show();
        window.editor().openPasted(TestImages.quadrants(400, 300));
        WaitForAsyncUtils.waitForFxEvents();
        PaintedMasks.rectangle(window, 100, 100, 40, 40);
        window.jobSettings().promptProperty().set("a teal patch");
    }

    @AfterEach
    void closeTasks() {
        tasks.close();
        System.clearProperty("maskfill.test.gate");
    }

    private String shownSeed(FxRobot robot) {
        return robot.lookup("#seed").queryAs(TextField.class).getText();
    }

    private Job generateAndWait(FxRobot robot) throws Exception {
        int before = window.jobs().queue().jobs().size();
        robot.clickOn("#generate");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.jobs().queue().jobs().size() > before
                && window.jobs().queue().jobs().get(before).getState().isFinished());
        WaitForAsyncUtils.waitForFxEvents();
        return window.jobs().queue().jobs().get(before);
    }

    @Test
    void theSeedShownBeforeGenerateIsTheSeedTheJobUsesAndTheNextOneIsShownAtOnce(FxRobot robot) throws Exception {
        robot.interact(() -> {
            window.jobSettings().engineProperty().set(BATCH);
            window.jobSettings().seedLockedProperty().set(false);
        });
        String shown = shownSeed(robot);

        generateAndWait(robot);

        ResultGroup group = window.jobs().results().groups().get(0);
        assertEquals(Long.parseLong(shown), group.provenance().seed(), "the job ran with the seed the field showed");
        String next = shownSeed(robot);
        assertNotEquals(shown, next, "unlocked: the next job's seed is drawn when this one is queued");

        Job second = generateAndWait(robot);
        assertEquals(Long.parseLong(next), window.jobs().results().groups().get(1).provenance().seed(),
                "the next job uses exactly the seed shown in between");
        assertEquals(JobState.DONE, second.getState());
    }

    @Test
    void aLockedSeedStaysForTheNextJob(FxRobot robot) throws Exception {
        robot.interact(() -> {
            window.jobSettings().engineProperty().set(BATCH);
            window.jobSettings().seedLockedProperty().set(true);
            window.jobSettings().seed().textProperty().set("4242");
        });
        generateAndWait(robot);
        assertEquals("4242", shownSeed(robot));
        assertEquals(4242, window.jobs().results().groups().get(0).provenance().seed());
    }

    @Test
    void eachVariationRecordsItsOwnSeedAndReuseSettingsMakesThatOneAgainAlone(FxRobot robot) throws Exception {
        robot.interact(() -> {
            window.jobSettings().engineProperty().set(VARIATIONS);
            window.jobSettings().seedLockedProperty().set(true);
            window.jobSettings().seed().textProperty().set("1000");
            window.jobSettings().imageCountProperty().set(3);
        });
        generateAndWait(robot);
        List<ResultLayer> layers = window.jobs().results().groups().get(0).layers();
        assertEquals(List.of(1000L, 1001L, 1002L),
                layers.stream().map(l -> l.seed().orElse(-1)).toList(), "one seed per image");

        robot.interact(() -> window.jobs().results().select(layers.get(1)));
        robot.interact(() -> robot.lookup("#result-reuse").queryButton().fire()); // the panel may need scrolling
        assertEquals("1001", shownSeed(robot), "the second variation's own seed");
        assertTrue(window.jobSettings().seedLockedProperty().get());
        assertEquals(1, window.jobSettings().imageCountProperty().get());

        Job again = generateAndWait(robot);
        assertEquals(JobState.DONE, again.getState());
        ResultGroup rerun = window.jobs().results().groups().get(1);
        assertEquals(1, rerun.layers().size());
        assertEquals(1001, rerun.layers().get(0).seed().orElseThrow());
        assertSamePixels(layers.get(1).pixels(), rerun.layers().get(0).pixels());
    }

    @Test
    void imagesMadeInOneCallFromOneSeedClaimNoSeedOfTheirOwn(FxRobot robot) throws Exception {
        robot.interact(() -> {
            window.jobSettings().engineProperty().set(BATCH);
            window.jobSettings().seedLockedProperty().set(true);
            window.jobSettings().seed().textProperty().set("77");
            window.jobSettings().imageCountProperty().set(2);
        });
        generateAndWait(robot);
        ResultGroup group = window.jobs().results().groups().get(0);
        assertTrue(group.layers().stream().allMatch(l -> l.seed().isEmpty()), "never a false per-image seed");
        robot.interact(() -> window.jobs().results().select(group.layers().get(1)));
        // the one-line summary under the canvas shows the seed; its tooltip has the whole details
        String details = robot.lookup("#result-provenance").queryAs(javafx.scene.control.Label.class).getTooltip()
                .getText();
        assertTrue(details.contains("seed 77 (image 2 of 2), shared"), "the details say the seed is the job's: "
                + details);
        robot.interact(() -> window.jobSettings().imageCountProperty().set(1));
        robot.interact(() -> robot.lookup("#result-reuse").queryButton().fire()); // the panel may need scrolling
        assertEquals("77", shownSeed(robot));
        assertEquals(1, window.jobSettings().imageCountProperty().get(), "the image count is left alone");
        assertTrue(window.shownNotice().contains("only with the same number of images"), window.shownNotice());
    }

    @Test
    void retryRunsWithTheSeedTheJobWasQueuedWith(FxRobot robot) throws Exception {
        System.clearProperty("maskfill.test.gate");
        robot.interact(() -> {
            window.jobSettings().engineProperty().set(GATED);
            window.jobSettings().seedLockedProperty().set(false);
        });
        long shown = Long.parseLong(shownSeed(robot));
        robot.clickOn("#generate");
        Job first = window.jobs().queue().jobs().get(0);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> first.getState() == JobState.RUNNING);
        robot.interact(() -> window.jobs().queue().cancel(first));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> first.getState() == JobState.CANCELLED);

        System.setProperty("maskfill.test.gate", "open");
        Job again = WaitForAsyncUtils.asyncFx(() -> window.jobs().queue().retry(first)).get();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> again.getState() == JobState.DONE);
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(shown, window.jobs().results().groups().get(0).provenance().seed(),
                "Retry runs the same inputs, the seed included");
        assertFalse(Long.toString(shown).equals(shownSeed(robot)), "the field shows the next job's seed");
    }

    private static void assertSamePixels(BufferedImage expected, BufferedImage actual) {
        assertEquals(expected.getWidth(), actual.getWidth());
        assertEquals(expected.getHeight(), actual.getHeight());
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                assertEquals(expected.getRGB(x, y), actual.getRGB(x, y), "pixel " + x + "," + y);
            }
        }
    }
}
