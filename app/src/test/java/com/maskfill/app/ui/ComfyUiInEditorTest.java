package com.maskfill.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.app.jobs.Job;
import com.maskfill.app.jobs.JobState;
import com.maskfill.app.model.EngineChoice;
import com.maskfill.app.project.Provenance;
import com.maskfill.app.settings.AppSettings;
import com.maskfill.app.settings.CredentialStores;
import com.maskfill.app.settings.SettingsStore;
import com.maskfill.engine.api.engine.EngineProviders;
import com.maskfill.engine.remote.comfyui.ComfyUiFake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The ComfyUI engine from the real editor window, against the fake ComfyUI server of the engine's own tests
 * (engine-remote's test-jar): the engine is the installed one, found through ServiceLoader, its server's address
 * saved in the settings as a user would.
 */
@ExtendWith(ApplicationExtension.class)
class ComfyUiInEditorTest {

    private static final int W = 800;
    private static final int H = 500;

    @TempDir
    static Path dir;

    private Stage stage;
    private EditorWindow window;
    private BackgroundTasks tasks;
    private Path config;
    private ComfyUiFake comfy;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @BeforeEach
    void serverAndSettings() throws Exception {
        comfy = new ComfyUiFake();
        tasks = new BackgroundTasks();
        config = Files.createTempDirectory(dir, "config");
        SettingsStore store = new SettingsStore(config);
        AppSettings settings = store.load();
        settings.engineEndpoints.put("comfyui", comfy.root());
        settings.lastEngine = "comfyui";
        store.save(settings);
    }

    @AfterEach
    void close() {
        tasks.close();
        comfy.close();
    }

    private void open(FxRobot robot) {
        EngineChoice comfyUi = EngineChoice.of(EngineProviders.find("comfyui").orElseThrow());
        robot.interact(() -> {
            window = new EditorWindow(stage, new EditorServices(new SettingsStore(config),
                    CredentialStores.file(config), List.of(comfyUi), tasks));
            stage.setWidth(1280);
            stage.setHeight(800);
            window.show();
            window.editor().openPasted(TestImages.quadrants(W, H));
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aFillRunsOnTheComfyUiServerAndItsResultLayerCarriesTheJobsProvenance(FxRobot robot) throws Exception {
        open(robot);
        robot.interact(() -> {
            PaintedMasks.rectangle(window, 300, 200, 60, 60);
            window.maskTools().overlayVisibleProperty().set(false);
            window.jobSettings().promptProperty().set("a green door");
        });

        robot.clickOn("#generate");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.jobs().queue().jobs().isEmpty()
                && window.jobs().queue().jobs().get(0).getState().isFinished());
        WaitForAsyncUtils.waitForFxEvents();

        Job job = window.jobs().queue().jobs().get(0);
        assertEquals(JobState.DONE, job.getState(), job.errorProperty().get());
        assertEquals(1, comfy.count("POST", "/prompt"));
        assertEquals("a green door", comfy.graphs.get(0).path("6").path("inputs").path("text").asText());
        Provenance made = window.jobs().results().groups().get(0).provenance();
        assertEquals("comfyui", made.engineId());
        assertEquals("a green door", made.prompt());
        assertTrue(made.providerJobId().endsWith("/prompt-1"), made.providerJobId());
        assertTrue(made.crop().contains(300, 200), String.valueOf(made.crop()));
        assertEquals(ComfyUiFake.OUTPUT.getRGB(), shownAt(330, 230), "the server's image is drawn in the mask");
        assertEquals(TestImages.expectedAt(700, 50, W, H), shownAt(700, 50), "far from the mask: the photo");
        assertTrue(robot.lookup("#result-provenance").queryAs(Label.class).getText().contains("a green door"));
    }

    @Test
    void theSettingsListTheServersModelFilesPreselectTheEnginesPicksAndSaveThem(FxRobot robot) throws Exception {
        open(robot);

        robot.clickOn("#engine-settings");
        Label found = robot.lookup("#choices-message").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> found.getText().startsWith("Model files found"));
        ComboBox<?> unet = robot.lookup("#option-unet").queryAs(ComboBox.class);
        assertEquals(List.of("flux1-dev.safetensors", "flux1-fill-dev.safetensors"), List.copyOf(unet.getItems()));
        assertEquals("flux1-fill-dev.safetensors", unet.getValue(), "the model with \"fill\" in its name");
        assertEquals("clip_l.safetensors", robot.lookup("#option-clipL").queryAs(ComboBox.class).getValue());
        assertEquals("t5xxl_fp16.safetensors", robot.lookup("#option-t5").queryAs(ComboBox.class).getValue());
        assertEquals("ae.safetensors", robot.lookup("#option-vae").queryAs(ComboBox.class).getValue());
        assertTrue(found.getStyleClass().contains("field-hint"));
        try {
            javax.imageio.ImageIO.write(FxImages.toArgb(WaitForAsyncUtils.asyncFx(
                    () -> found.getScene().snapshot(null)).get()), "png",
                    Path.of("target", "comfyui-settings.png").toFile());
        } catch (java.io.IOException | java.util.concurrent.ExecutionException e) {
            System.getLogger(ComfyUiInEditorTest.class.getName()).log(System.Logger.Level.WARNING, "no screenshot");
        }

        robot.clickOn("Save");
        WaitForAsyncUtils.waitForFxEvents();

        Map<String, String> saved = new SettingsStore(config).load().engineOptions.get("comfyui");
        assertEquals("flux1-fill-dev.safetensors", saved.get("unet"));
        assertEquals("clip_l.safetensors", saved.get("clipL"));
        assertEquals("t5xxl_fp16.safetensors", saved.get("t5"));
        assertEquals("ae.safetensors", saved.get("vae"));
        assertEquals(0, comfy.count("POST", "/prompt"), "looking up models queues nothing");
    }

    @Test
    void aServerWithoutAFillModelSaysSoInTheSettings(FxRobot robot) throws Exception {
        comfy.unets = List.of("flux1-dev.safetensors", "sdxl.safetensors");
        open(robot);

        robot.clickOn("#engine-settings");
        Label found = robot.lookup("#choices-message").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> found.getText().contains("no FLUX.1 Fill"));

        assertTrue(found.getText().contains("flux1-fill-dev.safetensors"), "says what to add: " + found.getText());
        assertTrue(found.getStyleClass().contains("field-error"));
        ComboBox<?> unet = robot.lookup("#option-unet").queryAs(ComboBox.class);
        assertEquals(List.of("flux1-dev.safetensors", "sdxl.safetensors"), List.copyOf(unet.getItems()));
        assertTrue(unet.getValue() == null || unet.getValue().toString().isEmpty(), "nothing picked for the user");
        assertEquals("ae.safetensors", robot.lookup("#option-vae").queryAs(ComboBox.class).getValue());
        robot.clickOn("Cancel");
    }

    @Test
    void aSavedModelTheServerNoLongerHasIsKeptAndNamed(FxRobot robot) throws Exception {
        SettingsStore store = new SettingsStore(config);
        AppSettings settings = store.load();
        settings.engineOptions.put("comfyui", Map.of("unet", "fill-v2.safetensors"));
        store.save(settings);
        open(robot);

        robot.clickOn("#engine-settings");
        Label found = robot.lookup("#choices-message").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> found.getText().contains("is not on the server"));

        assertTrue(found.getText().contains("Fill model “fill-v2.safetensors”"), found.getText());
        assertTrue(found.getStyleClass().contains("field-error"));
        assertEquals("fill-v2.safetensors", robot.lookup("#option-unet").queryAs(ComboBox.class).getValue(),
                "the user's choice is not replaced behind their back");
        assertEquals("ae.safetensors", robot.lookup("#option-vae").queryAs(ComboBox.class).getValue());
        robot.clickOn("Cancel");
    }

    private int shownAt(double imageX, double imageY) throws Exception {
        return CanvasPixels.shownAt(window, imageX, imageY);
    }
}
