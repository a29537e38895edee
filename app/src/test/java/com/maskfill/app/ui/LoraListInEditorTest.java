package com.maskfill.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.app.cli.TestEngines;
import com.maskfill.app.model.EngineChoice;
import com.maskfill.app.settings.CredentialStores;
import com.maskfill.app.settings.SettingsStore;
import com.maskfill.engine.api.engine.Capabilities;
import com.maskfill.engine.api.request.Lora;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
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

/**
 * The side panel's LoRA list in the real window: added by path, scaled, carried by the job to the engine, kept in
 * the project, and disabled (and not sent) where the engine takes no LoRAs.
 */
@ExtendWith(ApplicationExtension.class)
class LoraListInEditorTest {

    private static final int W = 640;
    private static final int H = 400;
    /** The solid-fill test engine, reading LoRA files as the local engine does. */
    private static final EngineChoice WITH_LORAS = new EngineChoice("test-fill", "Test fill",
            Capabilities.builder().sideRange(64, 1024).maxImages(4).loraFiles(true).build());
    /** The same engine as one that takes no LoRAs (BFL, 1min.ai, ComfyUI...). */
    private static final EngineChoice WITHOUT_LORAS = new EngineChoice("test-fill", "Test fill without LoRAs",
            Capabilities.builder().sideRange(64, 1024).maxImages(4).maxLoras(0).build());
    /** Takes one LoRA, as Replicate's dev does. */
    private static final EngineChoice ONE_LORA = new EngineChoice("test-fill", "Test fill with one LoRA",
            Capabilities.builder().sideRange(64, 1024).maxImages(4).maxLoras(1).build());

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
        stage.setWidth(1200);
        stage.setHeight(1000);
        window.show();
        window.editor().openPasted(TestImages.quadrants(W, H));
    }

    private EditorWindow newWindow(Stage stage) {
        return new EditorWindow(stage, new EditorServices(new SettingsStore(config), CredentialStores.file(config),
                List.of(WITH_LORAS, WITHOUT_LORAS, ONE_LORA), tasks));
    }

    @AfterEach
    void closeTasks() {
        tasks.close();
    }

    /** Opens the LoRA list if it is folded away, types a path into its add row and presses +. */
    private void addLora(FxRobot robot, String path) {
        if (!shown(robot.lookup("#lora-source").query())) {
            robot.clickOn("#loras-toggle");
        }
        scrollIntoView(robot, "#lora-add");
        robot.clickOn("#lora-source").write(path);
        robot.clickOn("#lora-add");
    }

    /** Visible with every parent: what the user can see (a node's own visible flag ignores a hidden parent). */
    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static void scrollIntoView(FxRobot robot, String query) {
        Node node = robot.lookup(query).query();
        robot.interact(() -> {
            javafx.scene.control.ScrollPane scroll = (javafx.scene.control.ScrollPane) robot.lookup("#side-settings")
                    .query();
            double contentHeight = scroll.getContent().getBoundsInLocal().getHeight();
            double y = scroll.getContent().sceneToLocal(node.localToScene(0, 0)).getY();
            scroll.setVvalue(Math.min(1, y / Math.max(1, contentHeight - scroll.getViewportBounds().getHeight())));
        });
    }

    private void typeScale(FxRobot robot, int index, String scale) {
        Spinner<?> spinner = robot.lookup("#lora-scale-" + index).queryAs(Spinner.class);
        scrollIntoView(robot, "#lora-scale-" + index);
        robot.doubleClickOn(spinner.getEditor());
        robot.push(KeyCode.CONTROL, KeyCode.A).write(scale).push(KeyCode.ENTER);
    }

    private void generate(FxRobot robot) throws Exception {
        robot.interact(() -> {
            PaintedMasks.rectangle(window, 200, 150, 60, 60);
            window.jobSettings().promptProperty().set("an ink drawing");
        });
        int before = window.jobs().queue().jobs().size();
        TestEngines.SOLID_FILL_LORAS.set(null);
        robot.clickOn("#generate");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.jobs().queue().jobs().size() > before
                && window.jobs().queue().jobs().get(before).getState().isFinished());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theListIsFoldedAwayUntilAskedForAndShownOnceItHasLoras(FxRobot robot) {
        assertFalse(shown(robot.lookup("#lora-source").query()), "folded: the settings are no taller");
        robot.clickOn("#loras-toggle");
        assertTrue(shown(robot.lookup("#lora-source").query()));
        robot.clickOn("#loras-toggle");
        assertFalse(shown(robot.lookup("#lora-source").query()));
        robot.interact(() -> window.jobSettings().loras().restore(List.of(Lora.of("/loras/ink.safetensors", 1.5))));
        assertTrue(shown(robot.lookup("#lora-source").query()), "a list with LoRAs is always in view");
        assertEquals("LoRAs (1)", robot.lookup("#loras-toggle").queryAs(javafx.scene.control.ToggleButton.class)
                .getText());
    }

    @Test
    void aLoraAddedWithItsScaleIsCarriedByTheJobToTheEngine(FxRobot robot) throws Exception {
        Path file = Files.writeString(dir.resolve("ink style.safetensors"), "not read by the test engine");
        robot.interact(() -> window.jobSettings().engineProperty().set(WITH_LORAS));
        assertTrue(robot.lookup("#lora-browse").query().isVisible(), "an engine reading files offers Browse");

        addLora(robot, file.toString());
        assertEquals("", robot.lookup("#lora-source").queryTextInputControl().getText(), "the field is cleared");
        assertEquals("ink style.safetensors", ((Label) ((javafx.scene.layout.HBox) robot.lookup("#lora-scale-0")
                .query().getParent()).getChildren().get(0)).getText());
        typeScale(robot, 0, "0.7");
        assertEquals(List.of(Lora.of(file.toString(), 0.7)), window.jobSettings().loras().loras());

        generate(robot);
        assertEquals(List.of(Lora.of(file.toString(), 0.7)), TestEngines.SOLID_FILL_LORAS.get());
    }

    @Test
    void theListIsSavedInTheProjectAndComesBackWhenItIsReopened(FxRobot robot) throws Exception {
        robot.interact(() -> window.jobSettings().engineProperty().set(WITH_LORAS));
        addLora(robot, "/loras/ink.safetensors");
        addLora(robot, "/loras/film grain.safetensors");
        typeScale(robot, 1, "2.5");
        robot.clickOn("#lora-remove-0");
        addLora(robot, "/loras/paper.safetensors");
        List<Lora> expected = List.of(Lora.of("/loras/film grain.safetensors", 2.5),
                Lora.of("/loras/paper.safetensors", 1.0));
        assertEquals(expected, window.jobSettings().loras().loras());

        Path file = dir.resolve("loras.maskfill");
        robot.interact(() -> window.projects().save(file, () -> { }));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> file.equals(window.projects().projectFileProperty().get()));
        EditorWindow second = WaitForAsyncUtils.asyncFx(() -> {
            EditorWindow w = newWindow(new Stage());
            w.show();
            return w;
        }).get();
        assertEquals(List.of(), second.jobSettings().loras().loras(), "a new window starts with none");
        robot.interact(() -> second.open(file));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !second.jobSettings().loras().entries().isEmpty());

        assertEquals(expected, second.jobSettings().loras().loras());
        Spinner<?> scale = robot.from(second.canvas().getScene().getRoot()).lookup("#lora-scale-0")
                .queryAs(Spinner.class);
        assertEquals(2.5, ((Number) scale.getValue()).doubleValue(), "the row shows the saved scale");
        robot.interact(() -> ((Stage) second.canvas().getScene().getWindow()).close());
    }

    @Test
    void reuseSettingsPutsTheLorasTheJobRanWithBackInTheList(FxRobot robot) throws Exception {
        robot.interact(() -> window.jobSettings().engineProperty().set(WITH_LORAS));
        addLora(robot, "/loras/ink.safetensors");
        addLora(robot, "/loras/film grain.safetensors");
        typeScale(robot, 1, "2.25");
        List<Lora> ran = List.of(Lora.of("/loras/ink.safetensors", 1.0),
                Lora.of("/loras/film grain.safetensors", 2.25));
        generate(robot);
        assertEquals(ran, TestEngines.SOLID_FILL_LORAS.get());
        com.maskfill.app.project.ResultGroup group = window.jobs().results().groups().get(0);
        assertEquals(ran, group.provenance().loras(), "the result records what the job was sent");
        assertEquals("seed " + group.provenance().seed() + " · Test fill · LoRAs ink.safetensors × 1, "
                + "film grain.safetensors × 2.25", robot.lookup(".board-made").queryAs(Label.class).getText());

        robot.clickOn("#lora-remove-0");
        addLora(robot, "/loras/paper.safetensors");
        assertEquals(List.of(Lora.of("/loras/film grain.safetensors", 2.25), Lora.of("/loras/paper.safetensors", 1)),
                window.jobSettings().loras().loras());
        robot.interact(() -> window.jobs().results().select(group.layers().get(0)));
        robot.interact(() -> robot.lookup("#result-reuse").queryButton().fire()); // the panel may need scrolling

        assertEquals(ran, window.jobSettings().loras().loras());
        assertEquals(2.25, ((Number) robot.lookup("#lora-scale-1").queryAs(Spinner.class).getValue()).doubleValue(),
                "the rows show the job's scales");

        // A result from a project saved before results kept their LoRAs leaves the list as it is.
        com.maskfill.app.project.Provenance p = group.provenance();
        com.maskfill.app.project.ResultGroup older = new com.maskfill.app.project.ResultGroup(
                java.util.UUID.randomUUID(), new com.maskfill.app.project.Provenance(p.prompt(), p.seed(), p.steps(),
                p.guidance(), p.engineId(), p.engineName(), p.providerJobId(), p.costAmount(), p.costUnit(),
                p.queueMs(), p.inferenceMs(), p.totalMs(), p.crop(), p.created(), null), group.maskInCrop(),
                group.layers());
        robot.interact(() -> {
            window.jobSettings().loras().restore(List.of(Lora.of("/loras/paper.safetensors", 3)));
            window.jobs().results().reset(List.of(older));
            window.jobs().results().select(older.layers().get(0));
        });
        robot.interact(() -> robot.lookup("#result-reuse").queryButton().fire());
        assertEquals(List.of(Lora.of("/loras/paper.safetensors", 3)), window.jobSettings().loras().loras());
        assertEquals(p.prompt(), window.jobSettings().promptProperty().get(), "the rest came back");
    }

    @Test
    void anEngineWithoutLorasDisablesTheListKeepsItAndSendsNone(FxRobot robot) throws Exception {
        robot.interact(() -> window.jobSettings().engineProperty().set(WITH_LORAS));
        addLora(robot, "/loras/ink.safetensors");
        addLora(robot, "/loras/film.safetensors");

        robot.interact(() -> window.jobSettings().engineProperty().set(WITHOUT_LORAS));
        assertTrue(robot.lookup("#lora-scale-0").query().isDisabled(), "the rows");
        assertTrue(robot.lookup("#lora-add").queryAs(Button.class).isDisabled(), "adding");
        assertTrue(shown(robot.lookup("#lora-source").query()), "the list stays in view, greyed out");
        assertTrue(robot.lookup("#lora-source").query().isDisabled(), "the path field");
        assertFalse(robot.lookup("#lora-browse").query().isVisible(), "no files to browse for a URL engine");
        assertTrue(robot.lookup("#lora-message").queryAs(Label.class).getText().startsWith(
                "This engine takes no LoRAs"));
        generate(robot);
        assertEquals(List.of(), TestEngines.SOLID_FILL_LORAS.get(), "none sent");
        assertEquals(2, window.jobSettings().loras().loras().size(), "the list is kept");

        robot.interact(() -> window.jobSettings().loras().restore(List.of()));
        assertTrue(robot.lookup("#loras-toggle").query().isDisabled(), "nothing to show or add");
        robot.interact(() -> window.jobSettings().loras().restore(List.of(Lora.of("/loras/ink.safetensors", 1),
                Lora.of("/loras/film.safetensors", 1))));
        robot.interact(() -> window.jobSettings().engineProperty().set(ONE_LORA));
        assertEquals("This engine takes at most 1 LoRA: remove 1 or choose another engine.",
                robot.lookup("#lora-message").queryAs(Label.class).getText());
        int jobs = window.jobs().queue().jobs().size();
        robot.interact(() -> window.jobs().generate());
        assertEquals(jobs, window.jobs().queue().jobs().size(), "Generate refuses a list the engine cannot take");

        robot.interact(() -> window.jobSettings().engineProperty().set(WITH_LORAS));
        assertFalse(robot.lookup("#lora-scale-1").query().isDisabled());
        assertEquals("", robot.lookup("#lora-message").queryAs(Label.class).getText());
    }
}
