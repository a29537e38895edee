package com.maskfill.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.app.model.EngineChoice;
import com.maskfill.app.outpaint.CanvasExtension;
import com.maskfill.app.outpaint.Outpainting;
import com.maskfill.app.project.Provenance;
import com.maskfill.app.settings.CredentialStores;
import com.maskfill.app.settings.SettingsStore;
import com.maskfill.engine.api.engine.EngineProviders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
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

/** Extend Canvas as Generative Expand does it: only the new area, no prompt needed, the new size in view. */
@ExtendWith(ApplicationExtension.class)
class OutpaintInEditorTest {

    private static final int W = 400;
    private static final int H = 300;
    private static final EngineChoice FILL = EngineChoice.of(EngineProviders.find("test-fill").orElseThrow());

    @TempDir
    static Path dir;

    private EditorWindow window;
    private BackgroundTasks tasks;

    @Start
    void start(Stage stage) throws Exception {
        tasks = new BackgroundTasks();
        Path config = Files.createTempDirectory(dir, "config");
        window = new EditorWindow(stage, new EditorServices(new SettingsStore(config), CredentialStores.file(config),
                List.of(FILL), tasks));
        stage.setWidth(1200);
        stage.setHeight(800);
        window.show();
        window.editor().openPasted(TestImages.quadrants(W, H));
        WaitForAsyncUtils.waitForFxEvents();
        // a mask painted before the extension, over the middle of the photo
        PaintedMasks.rectangle(window, 180, 120, 40, 40);
    }

    @AfterEach
    void closeTasks() {
        tasks.close();
    }

    private void generateAndWait(FxRobot robot) throws Exception {
        int before = window.jobs().queue().jobs().size();
        robot.clickOn("#generate");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.jobs().queue().jobs().size() > before
                && window.jobs().queue().jobs().get(before).getState().isFinished());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void anExtensionWithAnEmptyPromptFillsOnlyTheNewAreaWithANeutralPrompt(FxRobot robot) throws Exception {
        robot.interact(() -> {
            window.jobSettings().promptProperty().set("");
            window.outpaint().extend(new CanvasExtension(0, 0, 100, 0));
        });
        assertEquals(0, window.maskTools().document().mask().get(200, 140), "the old mask is put aside");

        generateAndWait(robot);

        assertEquals(1, window.jobs().results().groups().size(), "an empty prompt is fine for an extension");
        Provenance made = window.jobs().results().groups().get(0).provenance();
        assertEquals(Outpainting.PLAIN_EXTENSION_PROMPT, made.prompt(), "the prompt sent is the one recorded");
        assertTrue(made.crop().x() > 220, "only the new strip (and its seam) was sent, not the old mask: "
                + made.crop());

        robot.interact(() -> window.canvas().requestFocus());
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(W, window.editor().getImage().width());
        assertEquals(255, window.maskTools().document().mask().get(200, 140), "undo brings the old mask back");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.shownNotice().contains("Nothing is lost"));
        assertEquals(Notice.Severity.ERROR, window.editor().noticeProperty().get().severity(),
                "results moved to a file are told by a notice that stays until dismissed");
    }

    @Test
    void withoutAnExtensionAnEmptyPromptIsStillRefusedInASentence(FxRobot robot) throws Exception {
        robot.interact(() -> window.jobSettings().promptProperty().set(""));
        robot.clickOn("#generate");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.jobs().queue().jobs().isEmpty());
        Notice told = window.editor().noticeProperty().get();
        assertTrue(told != null && told.text().startsWith("Prompt is blank"), String.valueOf(told));
    }

    @Test
    void theDialogShowsTheSizeTheExtensionMakes(FxRobot robot) throws Exception {
        Platform.runLater(window::extendCanvas);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#extend-size").tryQuery().isPresent());
        Label size = robot.lookup("#extend-size").queryAs(Label.class);
        assertEquals("400 × 300 → 400 × 300 px", size.getText());
        @SuppressWarnings("unchecked")
        Spinner<Integer> left = robot.lookup("#extend-left").queryAs(Spinner.class);
        robot.interact(() -> left.getValueFactory().setValue(128));
        assertEquals("400 × 300 → 528 × 300 px", size.getText());
        assertTrue(robot.lookup("px").tryQuery().isPresent(), "the fields say their unit");
        ShownDialogs.clickWhenShown(robot, "Cancel");
        assertEquals(W, window.editor().getImage().width());
    }
}
