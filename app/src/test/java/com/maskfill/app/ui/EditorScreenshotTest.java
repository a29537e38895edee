package com.maskfill.app.ui;

import com.maskfill.app.model.EngineChoice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.app.settings.CredentialStores;
import com.maskfill.app.settings.SettingsStore;
import com.maskfill.engine.api.engine.EngineProviders;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.image.WritableImage;
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

/**
 * Writes a screenshot of the editor to target/screenshot.png, and to the path in the system property
 * {@code maskfill.screenshot} when set (scripts/screenshot.sh uses it for docs/screenshot.png).
 */
@ExtendWith(ApplicationExtension.class)
class EditorScreenshotTest {

    @TempDir
    static Path dir;

    private EditorWindow window;
    private BackgroundTasks tasks;

    @Start
    void start(Stage stage) throws Exception {
        tasks = new BackgroundTasks();
        Path config = Files.createTempDirectory(dir, "config");
        // The engines a user would see (the hosted ones are on the test class path), not the test doubles.
        List<EngineChoice> engines = EngineProviders.discover().stream().filter(p -> !p.id().startsWith("test-"))
                .map(EngineChoice::of).toList();
        // A designer past the first run: a hosted engine has its key, so the setup card is not over the photo.
        var credentials = CredentialStores.file(config);
        credentials.write("WAVESPEED_API_KEY", "screenshot-key-not-sent-anywhere");
        window = new EditorWindow(stage, new EditorServices(new SettingsStore(config), credentials, engines, tasks));
        stage.setWidth(1280);
        stage.setHeight(820);
        window.show();
    }

    @AfterEach
    void closeTasks() {
        tasks.close();
    }

    @Test
    void writesAScreenshotOfTheEditorWithAPhotoOpen(FxRobot robot) throws Exception {
        Path photo = dir.resolve("lake-at-dusk.png");
        ImageIO.write(landscape(2400, 1600), "png", photo.toFile());
        robot.interact(() -> {
            window.editor().open(photo);
            window.jobSettings().promptProperty().set("a wooden rowing boat on the calm lake, soft evening light");
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.editor().getImage() != null);
        // A soft mask where the boat should go, as a designer would brush it.
        robot.interact(() -> {
            var mask = window.maskTools().document().mask();
            for (int y = 1080; y < 1300; y++) {
                for (int x = 700; x < 1200; x++) {
                    double dx = (x - 950) / 250.0;
                    double dy = (y - 1190) / 110.0;
                    double r = Math.sqrt(dx * dx + dy * dy);
                    if (r < 1) {
                        mask.set(x, y, (int) Math.round(255 * Math.min(1, (1 - r) * 4)));
                    }
                }
            }
            mask.fireChanged(new com.maskfill.app.mask.PixelRect(700, 1080, 500, 220));
        });
        WaitForAsyncUtils.waitForFxEvents();

        WritableImage shot = WaitForAsyncUtils.asyncFx(() -> window.canvas().getScene().snapshot(null)).get();
        BufferedImage pixels = FxImages.toArgb(shot);
        Path out = Path.of("target", "screenshot.png");
        ImageIO.write(pixels, "png", out.toFile());
        String docs = System.getProperty("maskfill.screenshot");
        if (docs != null && !docs.isBlank()) {
            ImageIO.write(pixels, "png", Path.of(docs).toFile());
        }

        assertEquals(1280, pixels.getWidth(), 1);
        assertTrue(distinctColours(pixels) > 200, "the screenshot shows a photo, not a blank window");
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    /** A synthetic dusk landscape: sky gradient, sun, two ranges of hills and a lake reflecting the sky. */
    static BufferedImage landscape(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        int horizon = h * 62 / 100;
        g.setPaint(new GradientPaint(0, 0, new Color(0x2B3A67), 0, horizon, new Color(0xF4A259)));
        g.fillRect(0, 0, w, horizon);
        g.setColor(new Color(0xFFE29A));
        g.fillOval(w * 60 / 100, horizon - h / 5, h / 6, h / 6);
        g.setColor(new Color(0x5B4E77));
        g.fill(hills(w, horizon, h / 7, 3, 0.7));
        g.setColor(new Color(0x3C3157));
        g.fill(hills(w, horizon, h / 12, 5, 2.1));
        g.setPaint(new GradientPaint(0, horizon, new Color(0xE09155), 0, h, new Color(0x1F2A4A)));
        g.fillRect(0, horizon, w, h - horizon);
        g.setColor(new Color(255, 226, 154, 90));
        for (int i = 0; i < 14; i++) {
            int y = horizon + 20 + i * (h - horizon) / 16;
            int half = w / 18 - i * 6;
            g.fillRoundRect(w * 60 / 100 + h / 12 - half, y, 2 * half, 6, 6, 6);
        }
        g.dispose();
        return image;
    }

    private static Path2D hills(int w, int base, int height, int waves, double phase) {
        Path2D path = new Path2D.Double();
        path.moveTo(0, base);
        for (int x = 0; x <= w; x += 8) {
            double t = (double) x / w;
            path.lineTo(x, base - height * (0.55 + 0.45 * Math.sin(t * Math.PI * waves + phase)));
        }
        path.lineTo(w, base);
        path.closePath();
        return path;
    }
}
