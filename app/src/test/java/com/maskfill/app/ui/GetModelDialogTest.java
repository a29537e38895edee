package com.maskfill.app.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.app.cli.FakeHubServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The "Get the model" dialog in a real window against a fake Hub: files and sizes, progress, pause, resume. */
@ExtendWith(ApplicationExtension.class)
class GetModelDialogTest {

    private static final String FLUX = "flux1-fill-dev.safetensors";

    @TempDir
    static Path home;

    private FakeHubServer hub;
    private BackgroundTasks tasks;
    private GetModelViewModel model;

    @Start
    void start(Stage stage) throws Exception {
        byte[] weights = new byte[1_500_000];
        new Random(5).nextBytes(weights);
        hub = new FakeHubServer().file(FLUX, weights)
                .file("ae.safetensors", new byte[20_000])
                .file("tokenizer_2/tokenizer.json", "{\"model\":{}}".getBytes());
        tasks = new BackgroundTasks();
        // The gated fake Hub gets its token from the editor's keychain: the environment has none.
        Map<String, String> env = Map.of("HF_ENDPOINT", hub.endpoint(), "HF_HOME", home.toString());
        com.maskfill.app.settings.CredentialStore keychain = com.maskfill.app.settings.CredentialStores.file(
                Files.createTempDirectory(home, "config"));
        keychain.write(GetModelViewModel.TOKEN, FakeHubServer.TOKEN);
        model = GetModelViewModel.forEditor(env, keychain, tasks);
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 320, 200));
        stage.show();
        new GetModelDialog(stage, model).show();
    }

    @AfterEach
    void stop() {
        model.pause();
        tasks.close();
        hub.close();
    }

    private static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void checkShowsTheFilesTheirSizesAndTheFreeSpace(FxRobot robot) throws Exception {
        robot.clickOn("#model-check");
        waitUntil(() -> model.phaseProperty().get() == GetModelViewModel.Phase.READY);

        ListView<?> files = robot.lookup("#model-files").queryAs(ListView.class);
        assertEquals(3, files.getItems().size());
        assertTrue(files.getItems().get(0).toString().contains(FLUX + "  ·  1.50 MB  ·  to download"),
                files.getItems().toString());
        String summary = robot.lookup("#model-summary").queryAs(Label.class).getText();
        assertTrue(summary.startsWith("To download: 1.52 MB of 1.52 MB · free disk space: "), summary);
    }

    @Test
    void aDownloadShowsProgressPausesAndResumesWhereItStopped(FxRobot robot) throws Exception {
        hub.slow = true;
        robot.clickOn("#model-download");
        Label progress = robot.lookup("#model-progress-text").queryAs(Label.class);
        waitUntil(() -> progress.getText().contains("MB/s") && progress.getText().contains("left"));
        assertTrue(progress.getText().contains(" / 1.52 MB"), progress.getText());

        robot.clickOn("#model-pause");
        waitUntil(() -> model.phaseProperty().get() == GetModelViewModel.Phase.PAUSED);
        Button resume = robot.lookup("#model-download").queryAs(Button.class);
        assertEquals("Resume", resume.getText());
        Path snapshot = home.resolve("hub/models--black-forest-labs--FLUX.1-Fill-dev/snapshots")
                .resolve(FakeHubServer.COMMIT);
        assertFalse(Files.exists(snapshot.resolve(FLUX)), "a paused file never has its final name");
        assertTrue(robot.lookup("#model-message").queryAs(Label.class).getText().startsWith("Paused."));

        hub.slow = false;
        robot.clickOn("#model-download");
        waitUntil(() -> model.phaseProperty().get() == GetModelViewModel.Phase.DONE);

        assertArrayEquals(hub.content(FLUX), Files.readAllBytes(snapshot.resolve(FLUX)));
        String sha = FakeHubServer.sha256(hub.content(FLUX));
        var gets = hub.cdnRequests.stream().filter(r -> r.getUrl().encodedPath().endsWith(sha)).toList();
        assertEquals(2, gets.size(), "one paused, one resumed");
        assertTrue(gets.get(1).getHeaders().get("Range").matches("bytes=[1-9]\\d*-"), "Resume asked only for the rest");
        assertTrue(robot.lookup("#model-message").queryAs(Label.class).getText().contains(snapshot.toString()));
    }
}
