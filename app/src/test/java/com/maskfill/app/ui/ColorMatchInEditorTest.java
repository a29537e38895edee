package com.maskfill.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.app.jobs.Job;
import com.maskfill.app.model.EngineChoice;
import com.maskfill.app.settings.CredentialStores;
import com.maskfill.app.settings.SettingsStore;
import com.maskfill.engine.api.engine.EngineProviders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.CheckBox;
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
 * The side panel's colour-match and model-resolution switches, in the real window, with the test engine that gives back what it was sent
 * with its colours drifted: on by default, and what it says reaches the job and the result layer.
 */
@ExtendWith(ApplicationExtension.class)
class ColorMatchInEditorTest {

    private static final int W = 800;
    private static final int H = 500;
    private static final EngineChoice DRIFT = EngineChoice.of(EngineProviders.find("test-drift").orElseThrow());
    private static final EngineChoice MEGAPIXEL = EngineChoice.of(EngineProviders.find("test-megapixel").orElseThrow());

    @TempDir
    static Path dir;

    private EditorWindow window;
    private BackgroundTasks tasks;

    @Start
    void start(Stage stage) throws Exception {
        tasks = new BackgroundTasks();
        Path config = Files.createTempDirectory(dir, "config");
        window = new EditorWindow(stage, new EditorServices(new SettingsStore(config), CredentialStores.file(config),
                List.of(DRIFT, MEGAPIXEL), tasks));
        stage.setWidth(1200);
        stage.setHeight(800);
        window.show();
        window.editor().openPasted(TestImages.quadrants(W, H));
    }

    @AfterEach
    void closeTasks() {
        tasks.close();
    }

    private Job generate(FxRobot robot) throws Exception {
        return generate(robot, DRIFT);
    }

    private Job generate(FxRobot robot, EngineChoice engine) throws Exception {
        robot.interact(() -> {
            PaintedMasks.rectangle(window, 300, 200, 60, 60);
            window.jobSettings().engineProperty().set(engine);
            window.jobSettings().promptProperty().set("the same wall");
        });
        int before = window.jobs().queue().jobs().size();
        robot.clickOn("#generate");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.jobs().queue().jobs().size() > before
                && window.jobs().queue().jobs().get(before).getState().isFinished());
        WaitForAsyncUtils.waitForFxEvents();
        return window.jobs().queue().jobs().get(before);
    }

    @Test
    void theSwitchIsOnByDefaultAndWhatItSaysReachesTheResultLayer(FxRobot robot) throws Exception {
        CheckBox colorMatch = robot.lookup("#color-match").queryAs(CheckBox.class);
        assertTrue(colorMatch.isSelected(), "on by default");

        generate(robot);
        assertTrue(window.jobs().results().getSelected().colorMatched(), "the drift was measured and corrected");

        // fire(): the switch may lie below the fold of the side panel's scrolling settings at this window size
        robot.interact(colorMatch::fire);
        assertFalse(window.jobSettings().colorMatchProperty().get());
        generate(robot);
        assertFalse(window.jobs().results().getSelected().colorMatched());
        assertEquals(2, window.jobs().results().groups().size());
    }

    @Test
    void smallAreasGoAtTheModelsResolutionUnlessTheSwitchIsOff(FxRobot robot) throws Exception {
        assertTrue(robot.lookup("#model-resolution").queryAs(CheckBox.class).isSelected(), "on by default");
        generate(robot, MEGAPIXEL);
        int model = com.maskfill.app.cli.TestEngines.MEGAPIXEL_WORK_WIDTH.get();

        robot.interact(robot.lookup("#model-resolution").queryAs(CheckBox.class)::fire);
        generate(robot, MEGAPIXEL);
        int asIs = com.maskfill.app.cli.TestEngines.MEGAPIXEL_WORK_WIDTH.get();

        assertEquals(window.jobs().results().getSelected().region().width(), asIs, "as is: the crop's own size");
        assertTrue(model >= 3 * asIs, "model resolution " + model + " px wide, as is " + asIs);
    }
}
