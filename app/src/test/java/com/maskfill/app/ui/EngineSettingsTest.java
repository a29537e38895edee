package com.maskfill.app.ui;

import com.maskfill.app.model.EngineChoice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.app.settings.CredentialStore;
import com.maskfill.app.settings.CredentialStores;
import com.maskfill.app.settings.SettingsStore;
import com.maskfill.engine.api.engine.Capabilities;
import com.maskfill.engine.api.engine.EngineSetting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.stage.Stage;

/** The engine settings dialog: keys go to the credential store, never back on screen or into settings.json. */
@ExtendWith(ApplicationExtension.class)
class EngineSettingsTest {

    private static final EngineChoice ENGINE = new EngineChoice("keyed", "Keyed engine", Capabilities.builder()
            .credential("TEST_API_KEY")
            .setting(new EngineSetting("model-dir", "Model folder", EngineSetting.Kind.FOLDER, List.of(), "weights"))
            .setting(new EngineSetting("device", "Device", EngineSetting.Kind.CHOICE, List.of("cuda", "cpu"), ""))
            .build());

    @TempDir
    static Path dir;

    private Path config;
    private CredentialStore credentials;
    private BackgroundTasks tasks;

    @Start
    void start(Stage stage) throws Exception {
        config = Files.createTempDirectory(dir, "config");
        credentials = CredentialStores.file(config);
        tasks = new BackgroundTasks();
        new EditorWindow(stage, new EditorServices(new SettingsStore(config), credentials, List.of(ENGINE), tasks))
                .show();
    }

    @AfterEach
    void closeTasks() {
        tasks.close();
    }

    @Test
    void aTypedKeyIsStoredAndNeverShownAgain(FxRobot robot) throws Exception {
        robot.clickOn("#engine-settings");
        robot.clickOn("#key-TEST_API_KEY").write("sk-typed-by-hand");
        robot.clickOn("#endpoint").write("https://proxy.example.com/flux");
        robot.clickOn("Save");
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(Optional.of("sk-typed-by-hand"), credentials.read("TEST_API_KEY"));
        String settingsJson = Files.readString(config.resolve("settings.json"));
        assertTrue(settingsJson.contains("https://proxy.example.com/flux"), settingsJson);
        assertFalse(settingsJson.contains("sk-typed-by-hand"));

        robot.clickOn("#engine-settings");
        PasswordField key = robot.lookup("#key-TEST_API_KEY").queryAs(PasswordField.class);
        assertEquals("", key.getText(), "a stored key is not loaded back into the form");
        assertEquals("saved — type to replace", key.getPromptText());
        robot.clickOn("Cancel");
    }

    @Test
    void engineSettingsSuchAsTheModelFolderAreSavedPerEngine(FxRobot robot) throws Exception {
        robot.clickOn("#engine-settings");
        assertEquals("cuda", robot.lookup("#option-device").queryAs(ComboBox.class).getValue(),
                "a choice starts at its first value");
        robot.clickOn("#option-model-dir").write("/models/FLUX.1-Fill-dev");
        robot.interact(() -> robot.lookup("#option-device").queryAs(ComboBox.class).setValue("cpu"));
        robot.clickOn("Save");
        WaitForAsyncUtils.waitForFxEvents();

        var saved = new SettingsStore(config).load().engineOptions.get("keyed");
        assertEquals("/models/FLUX.1-Fill-dev", saved.get("model-dir"));
        assertEquals("cpu", saved.get("device"));
    }

    @Test
    void plainHttpToAnotherHostIsRefusedBeforeSaving(FxRobot robot) throws Exception {
        robot.clickOn("#engine-settings");
        robot.clickOn("#endpoint").write("http://gateway.example.com");
        WaitForAsyncUtils.waitForFxEvents();

        Label error = robot.lookup("#endpoint-error").queryAs(Label.class);
        assertTrue(error.getText().startsWith("Base URL: plain http is allowed only for localhost"), error.getText());

        robot.clickOn("Save");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#save-error").queryAs(Label.class).getText().startsWith("Fix the base URL first"));
        assertFalse(Files.exists(config.resolve("settings.json")) && Files.readString(config.resolve("settings.json"))
                .contains("gateway.example.com"));
        robot.clickOn("Cancel");
    }

    @Test
    void aKeyPastedWithAnInvisibleCharacterIsRefusedByNameWithoutShowingIt(FxRobot robot) throws Exception {
        robot.clickOn("#engine-settings");
        // A no-break space copied from a web page: strip() keeps it, and no HTTP header can carry it.
        robot.interact(() -> robot.lookup("#key-TEST_API_KEY").queryAs(PasswordField.class)
                .setText("sk-pasted-0123\u00A0"));
        robot.clickOn("Save");
        WaitForAsyncUtils.waitForFxEvents();

        String error = robot.lookup("#save-error").queryAs(Label.class).getText();
        assertTrue(error.contains("TEST_API_KEY") && error.contains("no-break space"), error);
        assertFalse(error.contains("sk-pasted"), error);
        assertEquals(Optional.empty(), credentials.read("TEST_API_KEY"));
        robot.clickOn("Cancel");
    }
}
