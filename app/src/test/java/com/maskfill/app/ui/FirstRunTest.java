package com.maskfill.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.maskfill.app.model.EngineChoice;
import com.maskfill.app.settings.CredentialStore;
import com.maskfill.app.settings.CredentialStores;
import com.maskfill.app.settings.SettingsStore;
import com.maskfill.engine.api.engine.EngineProviders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
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
 * A new user's first start, in the real window with the real engines (the hosted ones and the local one, found
 * as the packaged app finds them) and a fresh settings folder: nobody is sent into a job that must fail.
 */
@ExtendWith(ApplicationExtension.class)
class FirstRunTest {

    private static final List<String> KEY_VARIABLES = List.of("WAVESPEED_API_KEY", "ONEMIN_API_KEY", "WIRO_API_KEY");

    @TempDir
    static Path dir;

    private Stage stage;
    private EditorWindow window;
    private BackgroundTasks tasks;
    private Path config;
    private CredentialStore credentials;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @BeforeEach
    void freshSettings() throws Exception {
        // A developer's own keys in the environment would make this machine not a first run.
        assumeTrue(KEY_VARIABLES.stream().allMatch(v -> System.getenv(v) == null), "a key is set in the environment");
        tasks = new BackgroundTasks();
        config = Files.createTempDirectory(dir, "config");
        credentials = CredentialStores.file(config);
    }

    @AfterEach
    void closeTasks() {
        if (tasks != null) {
            tasks.close();
        }
    }

    /** The engines a user gets: every one on the class path except the app's test doubles. */
    private static List<EngineChoice> realEngines() {
        return EngineProviders.discover().stream().filter(p -> !p.id().startsWith("test-"))
                .map(EngineChoice::of).toList();
    }

    private void open(FxRobot robot) {
        robot.interact(() -> {
            window = new EditorWindow(stage, new EditorServices(new SettingsStore(config), credentials,
                    realEngines(), tasks));
            stage.setWidth(1280);
            stage.setHeight(800);
            window.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The picker's own entry for {@code id}. */
    private EngineChoice engine(String id) {
        return window.jobSettings().engines().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
    }

    private EngineChoice chosen() {
        return window.jobSettings().engineProperty().get();
    }

    private boolean cardShown(FxRobot robot) {
        Node card = robot.lookup("#engine-setup").query();
        return card.isVisible() && card.getScene() != null;
    }

    @Test
    void withNoKeyAndNoModelTheSetupCardExplainsTheChoicesAndThePickerMarksEveryEngine(FxRobot robot) {
        open(robot);

        assertTrue(cardShown(robot));
        String card = robot.lookup("#engine-setup").queryAs(javafx.scene.layout.VBox.class).getChildren().stream()
                .filter(n -> n instanceof Label).map(n -> ((Label) n).getText()).reduce("", String::concat);
        assertTrue(card.contains("hosted service"), card);
        assertTrue(card.contains("On this computer"), card);
        assertTrue(card.contains("ComfyUI"), card);
        for (String id : List.of("wavespeed", "oneminai", "wiro")) {
            assertNotNull(robot.lookup("#get-key-" + id).query(), id + " says where to get a key");
        }
        assertEquals(realEngines().size(), window.jobSettings().setup().notSetUp().size(), "no engine is set up");
        Label status = robot.lookup("#engine-status").queryAs(Label.class);
        assertEquals("Not set up", status.getText());
        assertEquals(window.jobSettings().setup().notSetUp().get(chosen().id()), status.getTooltip().getText());

        ComboBox<?> picker = robot.lookup("#engine").queryAs(ComboBox.class);
        assertNotNull(picker.getButtonCell().getGraphic(), "the chosen engine carries a warning icon");
        assertTrue(picker.getButtonCell().getTooltip().getText().contains("not set up"));
        robot.clickOn("#engine");
        List<String> items = robot.lookup(".list-cell").queryAllAs(ListCell.class).stream()
                .filter(c -> c != picker.getButtonCell() && c.getItem() instanceof EngineChoice)
                .map(ListCell::getText).toList();
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
        assertFalse(items.isEmpty());
        assertTrue(items.stream().allMatch(t -> t.endsWith("— not set up")), items.toString());
        saveScreenshot("first-run-1280.png");
    }

    /** For a reviewer's eye, beside the surefire reports; asserts nothing. */
    private void saveScreenshot(String name) {
        try {
            javafx.scene.image.WritableImage shot = WaitForAsyncUtils.asyncFx(
                    () -> stage.getScene().snapshot(null)).get();
            javax.imageio.ImageIO.write(FxImages.toArgb(shot), "png",
                    Path.of("target", name).toFile());
        } catch (Exception e) {
            System.getLogger(FirstRunTest.class.getName()).log(System.Logger.Level.WARNING, "no screenshot: " + e);
        }
    }

    @Test
    void theCardOffersTheModelsDownloadForThisComputer(FxRobot robot) {
        open(robot);

        robot.clickOn("#engine-setup-get-model");
        WaitForAsyncUtils.waitForFxEvents();

        assertTrue(robot.lookup("#model-check").tryQuery().isPresent(), "the Get the Model dialog is open");
        robot.clickOn("Close");
    }

    @Test
    void generateWithAnEngineThatIsNotSetUpOpensTheSetupInsteadOfQueueingAFailingJob(FxRobot robot) {
        open(robot);
        robot.interact(() -> {
            window.editor().openPasted(TestImages.quadrants(400, 300));
            PaintedMasks.rectangle(window, 100, 100, 60, 60);
            window.jobSettings().promptProperty().set("a boat");
        });
        robot.clickOn("#engine-setup-dismiss");
        assertFalse(cardShown(robot), "Not now puts the card away");

        robot.clickOn("#generate");

        assertTrue(window.jobs().queue().jobs().isEmpty(), "no job was queued");
        assertTrue(cardShown(robot), "the setup card came back");
    }

    @Test
    void aHostedKeyInTheCredentialStoreMakesThatEngineTheReadyDefault(FxRobot robot) throws Exception {
        credentials.write("WAVESPEED_API_KEY", "ws-key-from-the-keychain");
        open(robot);

        assertEquals("wavespeed", chosen().id());
        assertFalse(window.jobSettings().setup().notSetUp().containsKey("wavespeed"));
        assertFalse(cardShown(robot));
        assertEquals("", robot.lookup("#engine-status").queryAs(Label.class).getText());
    }

    @Test
    void everyEngineNameIsShownWholeInThePickerAt1280Pixels(FxRobot robot) {
        open(robot);
        ComboBox<?> picker = robot.lookup("#engine").queryAs(ComboBox.class);
        for (EngineChoice engine : window.jobSettings().engines()) {
            robot.interact(() -> window.jobSettings().engineProperty().set(engine));
            WaitForAsyncUtils.waitForFxEvents();
            // A label that does not fit shows a shortened text ending in "…"; its Text node tells.
            String shown = picker.getButtonCell().lookupAll(".text").stream()
                    .filter(n -> n.getClass().getSimpleName().equals("LabeledText"))
                    .map(n -> ((Text) n).getText()).findFirst().orElse("");
            assertEquals(engine.displayName(), shown.replace('\n', ' ').replaceAll("\\s+", " "),
                    describe(picker.getButtonCell()) + " text=" + picker.getButtonCell().getText() + " graphic="
                    + picker.getButtonCell().getGraphic() + " size=" + picker.getButtonCell().getWidth() + "x"
                    + picker.getButtonCell().getHeight() + " combo=" + picker.getWidth() + "x" + picker.getHeight());
        }
    }

    @Test
    void theGuidanceCaptionShowsTheChosenEnginesRangeAfterEverySwitch(FxRobot robot) {
        open(robot);
        List<String> order = List.of("oneminai", "wavespeed", "local", "oneminai");
        for (String id : order) {
            EngineChoice engine = engine(id);
            robot.interact(() -> window.jobSettings().engineProperty().set(engine));
            WaitForAsyncUtils.waitForFxEvents();
            String caption = robot.lookup(".field-caption").queryAllAs(Label.class).stream()
                    .map(Label::getText).filter(t -> t.startsWith("Guidance")).findFirst().orElseThrow();
            var range = engine.capabilities().guidanceRange();
            assertEquals("Guidance (" + com.maskfill.engine.api.request.DoubleRange.format(range.min()) + "–"
                    + com.maskfill.engine.api.request.DoubleRange.format(range.max()) + ")", caption, id);
        }
    }

    @Test
    void theSettingsDialogIsPaddedOwnedByTheWindowAndTestsTheKeyWithOneFreeCall(FxRobot robot) throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                    .body("{\"code\":200,\"message\":\"success\",\"data\":{\"balance\":12.5,\"currency\":\"USD\"}}")
                    .build());
            server.start();
            open(robot);
            EngineChoice waveSpeed = engine("wavespeed");
            robot.interact(() -> window.jobSettings().engineProperty().set(waveSpeed));
            robot.clickOn("#engine-settings");

            Label keyLabel = robot.lookup("#label-WAVESPEED_API_KEY").queryAs(Label.class);
            assertEquals("API key", keyLabel.getText());
            Window dialog = keyLabel.getScene().getWindow();
            assertSame(stage, ((Stage) dialog).getOwner(), "the dialog belongs to the editor window");
            Bounds label = keyLabel.localToScreen(keyLabel.getBoundsInLocal());
            assertTrue(label.getMinX() >= dialog.getX() + 12, "label at " + label.getMinX() + ", dialog at "
                    + dialog.getX());
            assertTrue(robot.lookup("#key-WAVESPEED_API_KEY").queryAs(javafx.scene.control.PasswordField.class)
                    .getPromptText().contains("WAVESPEED_API_KEY"), "the variable is named as a hint");
            assertTrue(robot.lookup("#get-key").queryAs(javafx.scene.control.Hyperlink.class).getText()
                    .contains("wavespeed.ai"));

            robot.clickOn("#key-WAVESPEED_API_KEY").write("ws-typed-key-42");
            robot.clickOn("#endpoint").write("http://127.0.0.1:" + server.getPort());
            robot.clickOn("#test-connection");
            Label result = robot.lookup("#test-result").queryAs(Label.class);
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> result.getText().startsWith("Connected"));

            assertTrue(result.getText().contains("12.50 USD"), result.getText());
            assertFalse(result.getText().contains("ws-typed-key-42"));
            assertEquals(1, server.getRequestCount(), "one call, and no job");
            WaitForAsyncUtils.waitForFxEvents();
            try {
                javax.imageio.ImageIO.write(FxImages.toArgb(WaitForAsyncUtils.asyncFx(
                        () -> keyLabel.getScene().snapshot(null)).get()), "png",
                        Path.of("target", "engine-settings.png").toFile());
            } catch (java.io.IOException | java.util.concurrent.ExecutionException e) {
                System.getLogger(FirstRunTest.class.getName()).log(System.Logger.Level.WARNING, "no screenshot");
            }
            assertEquals("/api/v3/account/balance", server.takeRequest().getUrl().encodedPath());
            robot.clickOn("Cancel");
        }
    }

    @Test
    void theExtendCanvasDialogIsPaddedAndOwnedByTheWindow(FxRobot robot) {
        open(robot);
        robot.interact(() -> new ExtendCanvasDialog(stage, 400, 300).show());
        WaitForAsyncUtils.waitForFxEvents();

        Label left = robot.lookup("Left").queryAs(Label.class);
        Window dialog = left.getScene().getWindow();
        assertSame(stage, ((Stage) dialog).getOwner());
        Bounds label = left.localToScreen(left.getBoundsInLocal());
        assertTrue(label.getMinX() >= dialog.getX() + 12, "label at " + label.getMinX() + ", dialog at " + dialog.getX());
        robot.clickOn("Cancel");
    }

    private static String describe(Node node) {
        StringBuilder out = new StringBuilder(node.getClass().getSimpleName() + node.getStyleClass()
                + (node instanceof Text t ? "'" + t.getText() + "'" : ""));
        if (node instanceof javafx.scene.Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> out.append(" (").append(describe(c)).append(")"));
        }
        return out.toString();
    }
}
