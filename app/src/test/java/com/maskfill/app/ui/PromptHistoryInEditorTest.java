package com.maskfill.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.app.jobs.Job;
import com.maskfill.app.jobs.JobState;
import com.maskfill.app.model.EngineChoice;
import com.maskfill.app.project.JobSettings;
import com.maskfill.app.settings.CredentialStores;
import com.maskfill.app.settings.PromptHistory;
import com.maskfill.app.settings.SettingsStore;
import com.maskfill.engine.api.engine.EngineProviders;
import com.maskfill.engine.api.request.Lora;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
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
 * The prompt history in the real window: a queued job's prompt and settings come back from the history button
 * beside the prompt, found by typing part of the prompt, and still there in the next editor over the same settings.
 */
@ExtendWith(ApplicationExtension.class)
class PromptHistoryInEditorTest {

    private static final EngineChoice BATCH = EngineChoice.of(EngineProviders.find("test-fill").orElseThrow());
    /** Runs until the system property maskfill.test.gate is "open". */
    private static final EngineChoice GATED = EngineChoice.of(EngineProviders.find("test-gated").orElseThrow());
    private static final EngineChoice VARIATIONS =
            EngineChoice.of(EngineProviders.find("test-variations").orElseThrow());

    @TempDir
    static Path dir;

    private EditorWindow window;
    private BackgroundTasks tasks;
    private Path config;

    @Start
    void start(Stage stage) throws Exception {
        tasks = new BackgroundTasks();
        config = Files.createTempDirectory(dir, "config");
        window = newWindow(stage, config);
        stage.setWidth(1200);
        stage.setHeight(800);
        window.show();
    }

    private EditorWindow newWindow(Stage stage, Path settings) {
        EditorWindow w = new EditorWindow(stage, new EditorServices(new SettingsStore(settings),
                CredentialStores.file(settings), List.of(BATCH, VARIATIONS, GATED), tasks));
        w.editor().openPasted(TestImages.quadrants(400, 300));
        w.maskTools().document().commands().fillAll();
        return w;
    }

    @AfterEach
    void closeTasks() {
        System.setProperty("maskfill.test.gate", "open"); // a gated job left by a failed test ends
        tasks.close();
        System.clearProperty("maskfill.test.gate");
    }

    private void generateAndWait(FxRobot robot, EditorWindow in) throws Exception {
        int before = in.jobs().queue().jobs().size();
        robot.interact(() -> in.jobs().generate());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> in.jobs().queue().jobs().size() > before
                && in.jobs().queue().jobs().get(before).getState().isFinished());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String text(FxRobot robot, Node root, String id) {
        Node node = robot.from(root).lookup(id).query();
        return node instanceof TextArea area ? area.getText() : ((TextField) node).getText();
    }

    @SuppressWarnings("unchecked")
    private static ListView<JobSettings> historyList(FxRobot robot) {
        return robot.lookup("#prompt-history-list").queryAs(ListView.class);
    }

    private static boolean historyShowing(FxRobot robot) {
        return robot.lookup("#prompt-history-popup").tryQuery()
                .map(n -> n.getScene().getWindow().isShowing()).orElse(false);
    }

    @Test
    void aQueuedPromptComesBackWithItsSettingsFromTheHistoryAndInTheNextEditor(FxRobot robot) throws Exception {
        robot.interact(() -> {
            JobSettingsViewModel s = window.jobSettings();
            s.engineProperty().set(VARIATIONS);
            s.promptProperty().set("a teal patch on the old wall");
            s.steps().textProperty().set("12");
            s.guidance().textProperty().set("3.5");
            s.seedLockedProperty().set(true);
            s.seed().textProperty().set("4242");
            s.imageCountProperty().set(2);
        });
        generateAndWait(robot, window);
        robot.interact(() -> {
            JobSettingsViewModel s = window.jobSettings();
            s.engineProperty().set(BATCH);
            s.promptProperty().set("an orange cat asleep");
            s.steps().textProperty().set("20");
            s.guidance().textProperty().set("30");
            s.seedLockedProperty().set(false);
            s.imageCountProperty().set(1);
        });
        generateAndWait(robot, window);
        String orangeSeed = Long.toString(window.jobs().results().groups().get(1).provenance().seed());

        Node root = window.canvas().getScene().getRoot();
        robot.clickOn(robot.from(root).lookup("#prompt-history").queryButton());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> historyShowing(robot));
        assertEquals(List.of("an orange cat asleep", "a teal patch on the old wall"),
                historyList(robot).getItems().stream().map(JobSettings::prompt).toList(), "most recent first");

        robot.write("TEAL wall");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("a teal patch on the old wall"),
                historyList(robot).getItems().stream().map(JobSettings::prompt).toList(), "filtered as typed");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertFalse(historyShowing(robot), "picking closes the list");
        assertEquals("a teal patch on the old wall", text(robot, root, "#prompt"));
        assertEquals("12", text(robot, root, "#steps"));
        assertEquals("3.5", text(robot, root, "#guidance"));
        assertEquals("4242", text(robot, root, "#seed"));
        assertTrue(window.jobSettings().seedLockedProperty().get());
        assertEquals(2, window.jobSettings().imageCountProperty().get());
        assertEquals(VARIATIONS, window.jobSettings().engineProperty().get());

        // The next run: a new editor over the same settings folder lists both, and a click brings one back.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> PromptHistory.load(config).entries().size() == 2);
        EditorWindow next = WaitForAsyncUtils.asyncFx(() -> {
            EditorWindow w = newWindow(new Stage(), config);
            w.show();
            return w;
        }).get();
        Node nextRoot = next.canvas().getScene().getRoot();
        try {
            robot.clickOn(robot.from(nextRoot).lookup("#prompt-history").queryButton());
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> historyShowing(robot));
            robot.write("cat");
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(1, historyList(robot).getItems().size());
            robot.clickOn(robot.lookup("#prompt-history-list .list-cell").nth(0).queryAs(Node.class));
            WaitForAsyncUtils.waitForFxEvents();
            assertFalse(historyShowing(robot));
            assertEquals("an orange cat asleep", text(robot, nextRoot, "#prompt"));
            assertEquals("20", text(robot, nextRoot, "#steps"));
            assertEquals("30", text(robot, nextRoot, "#guidance"));
            assertEquals(orangeSeed, text(robot, nextRoot, "#seed"), "the seed the job ran with");
            assertEquals(BATCH, next.jobSettings().engineProperty().get());
        } finally {
            robot.interact(() -> ((Stage) nextRoot.getScene().getWindow()).close());
        }
    }

    @Test
    void aHistoryEntryBringsBackItsLoraListAndAnOlderEntryWithoutOneLeavesTheList(FxRobot robot) throws Exception {
        List<Lora> inked = List.of(Lora.of("/loras/ink.safetensors", 0.5), Lora.of("/loras/film.safetensors", 2));
        robot.interact(() -> {
            window.jobSettings().engineProperty().set(BATCH);
            window.jobSettings().promptProperty().set("an ink drawing of the wall");
            window.jobSettings().loras().restore(inked);
        });
        generateAndWait(robot, window);
        List<Lora> other = List.of(Lora.of("/loras/paper.safetensors", 1));
        robot.interact(() -> {
            window.jobSettings().promptProperty().set("a plain wall");
            window.jobSettings().loras().restore(other);
        });
        generateAndWait(robot, window);
        robot.interact(() -> window.jobSettings().loras().restore(List.of()));

        pick(robot, window, "ink");
        assertEquals("an ink drawing of the wall", window.jobSettings().promptProperty().get());
        assertEquals(inked, window.jobSettings().loras().loras());
        pick(robot, window, "plain");
        assertEquals(other, window.jobSettings().loras().loras());

        // An entry saved before entries kept the list has no "loras": picking it leaves the list as it is.
        Path older = Files.createTempDirectory(dir, "older");
        Files.writeString(older.resolve(PromptHistory.FILE_NAME), "{\"version\": 1, \"entries\": [{\"prompt\": "
                + "\"an old prompt\", \"steps\": 20, \"guidance\": 30, \"seed\": 5, \"seedLocked\": true, "
                + "\"imageCount\": 1, \"engineId\": \"test-fill\"}]}");
        EditorWindow next = WaitForAsyncUtils.asyncFx(() -> {
            EditorWindow w = newWindow(new Stage(), older);
            w.show();
            return w;
        }).get();
        try {
            robot.interact(() -> next.jobSettings().loras().restore(other));
            pick(robot, next, "old");
            assertEquals("an old prompt", next.jobSettings().promptProperty().get());
            assertEquals(other, next.jobSettings().loras().loras());
        } finally {
            robot.interact(() -> ((Stage) next.canvas().getScene().getWindow()).close());
        }
    }

    /** Opens the history of {@code in}, types {@code query} and picks the first entry with Enter. */
    private static void pick(FxRobot robot, EditorWindow in, String query) throws Exception {
        robot.clickOn(robot.from(in.canvas().getScene().getRoot()).lookup("#prompt-history").queryButton());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> historyShowing(robot));
        robot.write(query);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, historyList(robot).getItems().size());
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(historyShowing(robot));
    }

    @Test
    void escClosesTheHistoryLeavingThePanelAndTheRunningJobAsTheyWere(FxRobot robot) throws Exception {
        robot.interact(() -> window.jobSettings().promptProperty().set("a teal patch"));
        generateAndWait(robot, window);
        System.clearProperty("maskfill.test.gate");
        robot.interact(() -> {
            window.jobSettings().engineProperty().set(GATED);
            window.jobSettings().promptProperty().set("something else");
            window.jobs().generate();
        });
        Job running = window.jobs().queue().jobs().get(1);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> running.getState() == JobState.RUNNING);

        robot.clickOn("#prompt-history");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> historyShowing(robot));
        robot.write("teal");
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();

        assertFalse(historyShowing(robot));
        assertEquals("something else", window.jobSettings().promptProperty().get());
        assertEquals(JobState.RUNNING, running.getState(), "Esc closed the list, not the paid job");
        System.setProperty("maskfill.test.gate", "open");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> running.getState() == JobState.DONE);
    }

    @Test
    void aDamagedHistoryFileStillOpensTheEditorWithAnEmptyHistoryThatTheNextJobRepairs(FxRobot robot)
            throws Exception {
        Path damaged = Files.createTempDirectory(dir, "damaged");
        Files.writeString(damaged.resolve(PromptHistory.FILE_NAME), "{\"entries\": [ {\"prompt\": \"half a wor");
        EditorWindow other = WaitForAsyncUtils.asyncFx(() -> {
            EditorWindow w = newWindow(new Stage(), damaged);
            w.show();
            return w;
        }).get();
        Node root = other.canvas().getScene().getRoot();
        try {
            robot.clickOn(robot.from(root).lookup("#prompt-history").queryButton());
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> historyShowing(robot));
            assertTrue(historyList(robot).getItems().isEmpty());
            assertTrue(robot.lookup("#prompt-history-none").query().isVisible(), "says there are none yet");
            robot.type(KeyCode.ESCAPE);

            robot.interact(() -> {
                other.jobSettings().engineProperty().set(BATCH);
                other.jobSettings().promptProperty().set("a fresh start");
            });
            generateAndWait(robot, other);
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                    () -> PromptHistory.load(damaged).entries().size() == 1);
            assertEquals("a fresh start", PromptHistory.load(damaged).entries().get(0).prompt());
        } finally {
            robot.interact(() -> ((Stage) root.getScene().getWindow()).close());
        }
    }
}
