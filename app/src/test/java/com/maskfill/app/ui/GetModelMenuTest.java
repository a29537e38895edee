package com.maskfill.app.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.app.settings.CredentialStores;
import com.maskfill.app.settings.SettingsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The editor reaches "Get the model" from the Generate menu, next to Engine Settings. */
@ExtendWith(ApplicationExtension.class)
class GetModelMenuTest {

    @TempDir
    static Path dir;

    private BackgroundTasks tasks;

    @Start
    void start(Stage stage) throws Exception {
        Path config = Files.createTempDirectory(dir, "config");
        tasks = new BackgroundTasks();
        new EditorWindow(stage, new EditorServices(new SettingsStore(config), CredentialStores.file(config), List.of(),
                tasks)).show();
    }

    @AfterEach
    void closeTasks() {
        tasks.close();
    }

    @Test
    void theGenerateMenuOpensGetTheModel(FxRobot robot) {
        robot.clickOn("Generate").clickOn("Get the Model…");
        WaitForAsyncUtils.waitForFxEvents();

        assertTrue(robot.lookup("#model-check").tryQuery().isPresent(), "the dialog is open");
        assertTrue(robot.lookup("#model-download").tryQuery().isPresent());
        robot.clickOn("Close");
    }
}
