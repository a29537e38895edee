package com.maskfill.app.ui;

import static com.maskfill.app.ui.ShownDialogs.clickWhenShown;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.app.Version;
import com.maskfill.app.jobs.Job;
import com.maskfill.app.model.EngineChoice;
import com.maskfill.app.settings.CredentialStores;
import com.maskfill.app.settings.SettingsStore;
import com.maskfill.engine.api.engine.EngineProviders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
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

/** File ▸ New and Close, the Help menu, and what the editor carries from one run or one project to the next. */
@ExtendWith(ApplicationExtension.class)
class FileAndHelpMenusTest {

    private static final EngineChoice FILL = EngineChoice.of(EngineProviders.find("test-fill").orElseThrow());

    @TempDir
    static Path dir;

    private Path config;
    private BackgroundTasks tasks;
    private EditorWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        config = Files.createTempDirectory(dir, "config");
        tasks = new BackgroundTasks();
        window = newWindow(stage);
        stage.setWidth(1200);
        stage.setHeight(800);
        window.show();
        window.editor().openPasted(TestImages.quadrants(400, 300));
    }

    private EditorWindow newWindow(Stage stage) {
        return new EditorWindow(stage, new EditorServices(new SettingsStore(config), CredentialStores.file(config),
                List.of(FILL), tasks));
    }

    private EditorWindow reopenedWindow() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            EditorWindow w = newWindow(new Stage());
            w.show();
            return w;
        }).get();
    }

    @AfterEach
    void closeTasks() {
        tasks.close();
    }

    private void paint(EditorWindow in, FxRobot robot) {
        robot.interact(() -> {
            byte[] mask = in.maskTools().document().mask().toByteArray();
            for (int y = 100; y < 140; y++) {
                for (int x = 100; x < 140; x++) {
                    mask[y * 400 + x] = (byte) 255;
                }
            }
            in.maskTools().document().commands().replaceAll(mask, "Load mask");
        });
    }

    private void pressShortcut(FxRobot robot, KeyCode key) {
        robot.interact(() -> window.canvas().requestFocus());
        robot.press(KeyCode.CONTROL, key).release(key, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void closeAsksAboutUnsavedWorkThenLeavesTheEmptyEditor(FxRobot robot) throws Exception {
        paint(window, robot);
        robot.interact(window::autosaveNow);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> recoveryFiles().size() == 1);

        pressShortcut(robot, KeyCode.W);
        clickWhenShown(robot, "Cancel");
        assertTrue(window.editor().getImage() != null, "Cancel keeps the work");

        pressShortcut(robot, KeyCode.W);
        clickWhenShown(robot, "Don't Save");
        assertNull(window.editor().getImage());
        assertNull(window.maskTools().document(), "no mask left to paint on");
        assertEquals("Maskfill", stage.getTitle());
        assertTrue(window.canvas().lookup(".canvas-placeholder").isVisible(), "the canvas says how to start");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> recoveryFiles().isEmpty());

        robot.interact(() -> window.editor().openPasted(TestImages.quadrants(200, 100)));
        assertEquals(200, window.maskTools().document().mask().width(), "and a photo opens as at the start");
    }

    @Test
    void newOnUnchangedWorkEmptiesTheEditorWithoutAQuestion(FxRobot robot) {
        pressShortcut(robot, KeyCode.N);
        assertNull(window.editor().getImage());
        assertFalse(ShownDialogs.shownButton(robot, "Don't Save").isPresent());
    }

    @Test
    void theShortcutsSheetListsToolKeysResultKeysAndMenuAccelerators(FxRobot robot) throws Exception {
        robot.interact(() -> window.canvas().requestFocus());
        robot.press(KeyCode.F1).release(KeyCode.F1);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#shortcuts-sheet").tryQuery().isPresent());
        Node sheet = robot.lookup("#shortcuts-sheet").query();
        List<String> texts = robot.from(sheet).lookup(".label").queryAllAs(Label.class).stream()
                .map(Label::getText).toList();
        assertTrue(texts.contains("Shift+L") && texts.contains("Polygon lasso"), texts.toString());
        assertTrue(texts.contains("Apply the result shown"), texts.toString());
        assertTrue(texts.contains("Save Project") && texts.contains("Keyboard Shortcuts"), texts.toString());
        assertTrue(texts.stream().anyMatch(t -> t.endsWith("+S")), "accelerators as the menus show them: " + texts);
        clickWhenShown(robot, "Close");
    }

    @Test
    void aboutNamesTheVersion(FxRobot robot) throws Exception {
        var about = WaitForAsyncUtils.asyncFx(() -> HelpMenu.about(stage)).get();
        assertEquals("Maskfill " + Version.get(), about.getHeaderText());
        assertTrue(window.canvas().getScene().getRoot().lookupAll(".menu-bar").stream().findFirst()
                .map(bar -> ((javafx.scene.control.MenuBar) bar).getMenus().stream()
                        .anyMatch(m -> m.getText().equals("Help")))
                .orElse(false), "a Help menu");
    }

    @Test
    void jobNumbersContinueAfterTheHighestSavedOneInAReopenedProject(FxRobot robot) throws Exception {
        paint(window, robot);
        robot.interact(() -> {
            window.jobSettings().engineProperty().set(FILL);
            window.jobSettings().promptProperty().set("a teal patch");
            window.jobs().generate();
            window.jobs().generate();
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.jobs().results().groups().size() == 2);
        Path project = dir.resolve("numbers.maskfill");
        robot.interact(() -> window.projects().save(project, () -> { }));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> project.equals(window.projects().projectFileProperty().get()));

        EditorWindow next = reopenedWindow();
        robot.interact(() -> next.open(project));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> next.jobs().results().groups().size() == 2);
        robot.interact(() -> next.jobs().generate());
        Job third = next.jobs().queue().jobs().get(0);
        assertEquals(3, third.number(), "after #1 and #2 of the saved project");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> third.getState().isFinished());
        robot.interact(() -> ((Stage) next.canvas().getScene().getWindow()).close());
    }

    @Test
    void brushSizeAndHardnessComeBackAtTheNextStart(FxRobot robot) throws Exception {
        robot.interact(() -> {
            window.maskTools().tools().brush().settings().setSize(37);
            window.maskTools().tools().brush().settings().setHardness(0.3);
            window.maskTools().tools().eraser().settings().setSize(250);
        });
        robot.interact(stage::hide); // the settings are written when the window goes

        EditorWindow next = reopenedWindow();
        assertEquals(37, next.maskTools().tools().brush().settings().size());
        assertEquals(0.3, next.maskTools().tools().brush().settings().hardness(), 1e-9);
        assertEquals(250, next.maskTools().tools().eraser().settings().size());
        robot.interact(() -> ((Stage) next.canvas().getScene().getWindow()).close());
    }

    private List<Path> recoveryFiles() throws java.io.IOException {
        try (var files = Files.list(config)) {
            return files.filter(p -> p.getFileName().toString().matches("recovery.*\\.maskfill")).toList();
        }
    }
}
