package com.maskfill.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.app.cli.HostedApiFakes;
import com.maskfill.app.jobs.Job;
import com.maskfill.app.jobs.JobState;
import com.maskfill.app.model.EngineChoice;
import com.maskfill.app.project.Provenance;
import com.maskfill.app.settings.AppSettings;
import com.maskfill.app.settings.CredentialStores;
import com.maskfill.app.settings.SettingsStore;
import com.maskfill.engine.api.engine.EngineProviders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
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
 * Black Forest Labs, fal and Replicate from the real editor window, each the installed engine (found through
 * ServiceLoader) pointed at a local fake of its API as a user would set it: the key in the key store, the base URL
 * override in the settings. One click, one submission, the provider's pixels on the photo.
 */
@ExtendWith(ApplicationExtension.class)
class HostedEnginesInEditorTest {

    private static final int W = 800;
    private static final int H = 500;

    @TempDir
    static Path dir;

    private Stage stage;
    private EditorWindow window;
    private final BackgroundTasks tasks = new BackgroundTasks();

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void close() {
        tasks.close();
    }

    @Test
    void bflFillsFromTheEditorAndTheQueueShowsTheReportedCost(FxRobot robot) throws Exception {
        try (HostedApiFakes.Fake fake = HostedApiFakes.bfl()) {
            Job job = fill(robot, "bfl", "BFL_API_KEY", "bfl-editor-key-123", fake, "t-1");
            assertEquals("0.05 USD", job.charge().orElseThrow().text(), "BFL's reported cost (5 credits), not an estimate");
        }
    }

    @Test
    void falFillsFromTheEditor(FxRobot robot) throws Exception {
        try (HostedApiFakes.Fake fake = HostedApiFakes.fal()) {
            fill(robot, "fal", "FAL_KEY", "fal-editor-key:123", fake, "req-1");
        }
    }

    @Test
    void replicateFillsFromTheEditor(FxRobot robot) throws Exception {
        try (HostedApiFakes.Fake fake = HostedApiFakes.replicate()) {
            fill(robot, "replicate", "REPLICATE_API_TOKEN", "r8_editor_token_123", fake, "pr-1");
        }
    }

    private Job fill(FxRobot robot, String engineId, String keyName, String key, HostedApiFakes.Fake fake,
                     String providerJobId) throws Exception {
        Path config = Files.createTempDirectory(dir, engineId);
        SettingsStore store = new SettingsStore(config);
        AppSettings settings = store.load();
        settings.engineEndpoints.put(engineId, fake.url("/"));
        settings.lastEngine = engineId;
        store.save(settings);
        var credentials = CredentialStores.file(config);
        credentials.write(keyName, key);
        EngineChoice engine = EngineChoice.of(EngineProviders.find(engineId).orElseThrow());
        robot.interact(() -> {
            window = new EditorWindow(stage, new EditorServices(new SettingsStore(config), credentials,
                    List.of(engine), tasks));
            stage.setWidth(1280);
            stage.setHeight(800);
            window.show();
            window.editor().openPasted(TestImages.quadrants(W, H));
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            PaintedMasks.rectangle(window, 300, 200, 60, 60);
            window.maskTools().overlayVisibleProperty().set(false);
            window.jobSettings().promptProperty().set("a glass marble");
        });
        // before the click: the price, or that it is not documented (fal's [dev] LoRA fill, Replicate's)
        Label price = robot.lookup("#price-estimate").queryAs(Label.class);
        assertTrue(price.getText().startsWith("≈") || price.getText().equals("price unknown"), price.getText());

        robot.clickOn("#generate");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !window.jobs().queue().jobs().isEmpty()
                && window.jobs().queue().jobs().get(0).getState().isFinished());
        WaitForAsyncUtils.waitForFxEvents();

        Job job = window.jobs().queue().jobs().get(0);
        assertEquals(JobState.DONE, job.getState(), job.errorProperty().get());
        assertEquals(1, fake.submissions(), "one click, one submission");
        Provenance made = window.jobs().results().groups().get(0).provenance();
        assertEquals(engineId, made.engineId());
        assertEquals(providerJobId, made.providerJobId());
        assertEquals(HostedApiFakes.OUT_COLOUR, shownAt(330, 230), "the provider's image is drawn in the mask");
        assertEquals(TestImages.expectedAt(700, 50, W, H), shownAt(700, 50), "far from the mask: the photo");
        assertFalse(String.valueOf(job.errorProperty().get()).contains(key));
        return job;
    }

    /** The canvas pixel drawn for photo pixel (x, y) as the view shows it now. */
    private int shownAt(double imageX, double imageY) throws Exception {
        return CanvasPixels.shownAt(window, imageX, imageY);
    }
}
