package com.maskfill.app.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.app.mask.PixelRect;
import com.maskfill.app.settings.CredentialStores;
import com.maskfill.app.settings.SettingsStore;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Saving, reopening, recovering after a crash and exporting, in the real window. */
@ExtendWith(ApplicationExtension.class)
class ProjectsInEditorTest {

    private static final int W = 640;
    private static final int H = 400;
    private static final int FILL = 0xFF10C0A0;
    private static final EngineChoice TEST_FILL = new EngineChoice("test-fill", "Test fill", List.of());

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
        window.show();
        window.editor().openPasted(TestImages.quadrants(W, H));
    }

    private EditorWindow newWindow(Stage stage) {
        return new EditorWindow(stage, new EditorServices(new SettingsStore(config), CredentialStores.file(config),
                List.of(TEST_FILL), tasks));
    }

    @AfterEach
    void closeTasks() {
        tasks.close();
    }

    /** Paints a mask square at (200..260, 150..210) and generates two variations with the test engine. */
    private void paintAndGenerate(FxRobot robot) throws Exception {
        robot.interact(() -> {
            var mask = window.maskTools().document().mask();
            for (int y = 150; y < 210; y++) {
                for (int x = 200; x < 260; x++) {
                    mask.set(x, y, 255);
                }
            }
            mask.fireChanged(new PixelRect(200, 150, 60, 60));
            window.jobSettings().promptProperty().set("a teal tile");
            window.jobSettings().imageCountProperty().set(2);
            window.jobs().generate();
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.jobs().results().groups().size() == 1);
    }

    private EditorWindow reopenedWindow() throws Exception {
        EditorWindow second = WaitForAsyncUtils.asyncFx(() -> {
            EditorWindow w = newWindow(new Stage());
            w.show();
            return w;
        }).get();
        return second;
    }

    @Test
    void aSavedProjectReopensWithPhotoMaskResultsAndSettings(FxRobot robot) throws Exception {
        paintAndGenerate(robot);
        Path file = dir.resolve("tiles.maskfill");
        byte[] mask = WaitForAsyncUtils.asyncFx(() -> window.maskTools().document().mask().toByteArray()).get();

        robot.interact(() -> window.projects().save(file, () -> { }));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> file.equals(window.projects().projectFileProperty().get()));
        EditorWindow second = reopenedWindow();
        robot.interact(() -> second.open(file));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> second.jobs().results().groups().size() == 1);

        assertEquals("tiles.maskfill", second.editor().getImage().name());
        assertEquals(TestImages.expectedAt(10, 10, W, H), second.editor().getImage().pixels().getRGB(10, 10));
        assertArrayEquals(mask, WaitForAsyncUtils.asyncFx(() -> second.maskTools().document().mask().toByteArray())
                .get());
        assertEquals(2, second.jobs().results().layers().size());
        assertEquals("a teal tile", second.jobSettings().promptProperty().get());
        assertEquals("a teal tile", second.jobs().results().groups().get(0).provenance().prompt());
        robot.interact(() -> ((Stage) second.canvas().getScene().getWindow()).close());
    }

    @Test
    void afterACrashTheNextStartRestoresTheAutosavedWork(FxRobot robot) throws Exception {
        paintAndGenerate(robot);
        Path recovery = config.resolve(ProjectsViewModel.RECOVERY_FILE);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Files.exists(recovery));
        // A crash: the first window never closes, so the recovery file stays. The next start finds it.
        EditorWindow next = reopenedWindow();
        assertTrue(next.projects().hasRecovery());

        robot.interact(() -> next.projects().restoreRecovery());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> next.jobs().results().groups().size() == 1);

        assertEquals(2, next.jobs().results().layers().size());
        assertEquals(TestImages.expectedAt(300, 300, W, H), next.editor().getImage().pixels().getRGB(300, 300));
        robot.interact(() -> ((Stage) next.canvas().getScene().getWindow()).close());
        assertFalse(Files.exists(recovery), "a clean exit removes the recovery file");
    }

    @Test
    void exportWritesTheShownCompositeAsPngOrJpeg(FxRobot robot) throws Exception {
        paintAndGenerate(robot);
        Path png = dir.resolve("composite.png");
        Path jpeg = dir.resolve("composite.jpg");
        Path layer = dir.resolve("layer.png");

        robot.interact(() -> {
            window.exports().export(png, false);
            window.exports().export(jpeg, false);
            window.exports().export(layer, true);
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(png) && Files.exists(jpeg)
                && Files.exists(layer));

        BufferedImage composite = ImageIO.read(png.toFile());
        assertEquals(W, composite.getWidth());
        assertEquals(FILL, composite.getRGB(230, 180), "the shown result is in the export");
        assertEquals(TestImages.expectedAt(10, 10, W, H), composite.getRGB(10, 10));
        assertEquals(W, ImageIO.read(jpeg.toFile()).getWidth());
        BufferedImage alone = ImageIO.read(layer.toFile());
        assertTrue(alone.getWidth() < W, "the layer alone is its area only");
    }
}
