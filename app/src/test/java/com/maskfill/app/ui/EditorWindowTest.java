package com.maskfill.app.ui;

import com.maskfill.app.model.DocumentImage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.app.canvas.CanvasPoint;
import com.maskfill.app.canvas.CanvasView;
import com.maskfill.app.canvas.ViewTransform;
import com.maskfill.app.settings.CredentialStores;
import com.maskfill.app.settings.SettingsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real editor window under Xvfb: opening, looking at and navigating a photo. */
@ExtendWith(ApplicationExtension.class)
class EditorWindowTest {

    private static final int W = 1200;
    private static final int H = 800;

    @TempDir
    static Path dir;

    private EditorWindow window;
    private BackgroundTasks tasks;
    private Stage stage;
    private Path config;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        tasks = new BackgroundTasks();
        config = Files.createTempDirectory(dir, "config");
        window = new EditorWindow(stage, services(config, tasks));
        stage.setWidth(1100);
        stage.setHeight(760);
        window.show();
    }

    @AfterEach
    void closeTasks() {
        tasks.close();
    }

    @Test
    void opensAnImageAndShowsItsPixelsSizeAndName(FxRobot robot) throws Exception {
        Path photo = TestImages.writeQuadrants(dir.resolve("quadrants.png"), W, H);

        openAndWait(robot, photo);

        assertEquals("1200 × 800 px · PNG", label(robot, "#status-size"));
        assertEquals("quadrants.png — Maskfill", stage.getTitle());
        CanvasView canvas = window.canvas();
        ViewTransform t = canvas.getTransform();
        assertTrue(t.scale() < 1, "a photo larger than the view opens fitted, at " + t.scale());
        // Sample the screen image a quarter of the way into each quadrant.
        WritableImage shown = WaitForAsyncUtils.asyncFx(() -> canvas.snapshot(null, null)).get();
        for (int[] p : new int[][] {{W / 4, H / 4}, {3 * W / 4, H / 4}, {W / 4, 3 * H / 4}, {3 * W / 4, 3 * H / 4}}) {
            int vx = (int) t.toViewX(p[0]);
            int vy = (int) t.toViewY(p[1]);
            assertEquals(TestImages.expectedAt(p[0], p[1], W, H), shown.getPixelReader().getArgb(vx, vy),
                    "pixel shown for image point " + p[0] + "," + p[1]);
        }
    }

    @Test
    void wheelZoomsAroundTheCursor(FxRobot robot) throws Exception {
        openAndWait(robot, TestImages.writeQuadrants(dir.resolve("wheel.png"), W, H));
        CanvasView canvas = window.canvas();
        Bounds bounds = canvas.localToScreen(canvas.getBoundsInLocal());
        Point2D target = new Point2D(bounds.getMinX() + 300, bounds.getMinY() + 200);

        robot.moveTo(target);
        CanvasPoint before = canvas.pointerProperty().get();
        double scaleBefore = canvas.getTransform().scale();
        robot.scroll(3, VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        CanvasPoint after = canvas.getTransform().at(before.viewX(), before.viewY());

        assertNotEquals(scaleBefore, canvas.getTransform().scale(), 1e-9);
        assertEquals(before.imageX(), after.imageX(), 0.5, "image x under the cursor");
        assertEquals(before.imageY(), after.imageY(), 0.5, "image y under the cursor");

        robot.scroll(3, VerticalDirection.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(scaleBefore, canvas.getTransform().scale(), 1e-9, "the opposite scroll undoes the zoom");
    }

    @Test
    void ctrlOneShowsActualPixelsAndCtrlZeroFits(FxRobot robot) throws Exception {
        openAndWait(robot, TestImages.writeQuadrants(dir.resolve("keys.png"), W, H));
        CanvasView canvas = window.canvas();
        robot.clickOn(canvas);

        robot.press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1.0, canvas.getTransform().scale(), 1e-12);
        assertEquals("100 %", label(robot, "#status-zoom"));

        robot.press(KeyCode.CONTROL, KeyCode.DIGIT0).release(KeyCode.DIGIT0, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        ViewTransform fit = canvas.getTransform();
        assertTrue(fit.scale() < 1);
        assertTrue(fit.toViewX(0) >= 0 && fit.toViewX(W) <= canvas.getWidth() + 1e-6, "fits horizontally");
        assertTrue(fit.toViewY(0) >= 0 && fit.toViewY(H) <= canvas.getHeight() + 1e-6, "fits vertically");
        assertTrue(Math.abs(fit.toViewX(W) - fit.toViewX(0) - (canvas.getWidth() - 32)) < 1
                || Math.abs(fit.toViewY(H) - fit.toViewY(0) - (canvas.getHeight() - 32)) < 1,
                "one side touches the margin");
    }

    @Test
    void middleButtonAndSpaceDragPan(FxRobot robot) throws Exception {
        openAndWait(robot, TestImages.writeQuadrants(dir.resolve("pan.png"), W, H));
        CanvasView canvas = window.canvas();
        Bounds bounds = canvas.localToScreen(canvas.getBoundsInLocal());
        Point2D start = new Point2D(bounds.getMinX() + 400, bounds.getMinY() + 300);
        ViewTransform before = canvas.getTransform();

        robot.drag(start, MouseButton.MIDDLE).moveBy(60, 40).moveBy(60, 40).drop();
        WaitForAsyncUtils.waitForFxEvents();
        ViewTransform afterMiddle = canvas.getTransform();
        assertEquals(before.translateX() + 120, afterMiddle.translateX(), 1);
        assertEquals(before.translateY() + 80, afterMiddle.translateY(), 1);
        assertEquals(before.scale(), afterMiddle.scale());

        robot.clickOn(start, MouseButton.SECONDARY);
        robot.press(KeyCode.SPACE);
        robot.drag(start, MouseButton.PRIMARY).moveBy(-50, -30).moveBy(-50, -30).drop();
        robot.release(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        ViewTransform afterSpace = canvas.getTransform();
        assertEquals(afterMiddle.translateX() - 100, afterSpace.translateX(), 1);
        assertEquals(afterMiddle.translateY() - 60, afterSpace.translateY(), 1);
    }

    @Test
    void statusBarShowsTheCursorInImagePixels(FxRobot robot) throws Exception {
        openAndWait(robot, TestImages.writeQuadrants(dir.resolve("cursor.png"), W, H));
        CanvasView canvas = window.canvas();
        ViewTransform t = canvas.getTransform();
        Point2D screen = canvas.localToScreen(t.toViewX(900.5), t.toViewY(100.5));

        robot.moveTo(screen);
        WaitForAsyncUtils.waitForFxEvents();

        CanvasPoint p = canvas.pointerProperty().get();
        assertEquals("x " + p.pixelX() + "  y " + p.pixelY(), label(robot, "#status-position"));
        assertEquals(900, p.pixelX(), 2);
        assertEquals(100, p.pixelY(), 2);
    }

    @Test
    void aBadFileIsExplainedAndTheOpenPhotoStays(FxRobot robot) throws Exception {
        openAndWait(robot, TestImages.writeQuadrants(dir.resolve("good.png"), W, H));
        DocumentImage good = window.editor().getImage();
        Path empty = Files.createFile(dir.resolve("empty.png"));

        robot.interact(() -> window.editor().open(empty));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> window.shownNotice().contains("empty.png"));

        assertEquals("empty.png is empty (0 bytes).", window.shownNotice());
        assertSame(good, window.editor().getImage());
        assertEquals("good.png — Maskfill", stage.getTitle());
    }

    @Test
    void invalidSettingsAreShownInlineBesideTheField(FxRobot robot) {
        robot.clickOn("#steps").eraseText(2).write("60");
        WaitForAsyncUtils.waitForFxEvents();

        Label error = robot.lookup("#steps-error").queryAs(Label.class);
        assertTrue(error.isVisible());
        assertEquals("Steps 60 is out of range: allowed 1–50.", error.getText());
        assertTrue(robot.lookup("#steps").queryAs(TextField.class).getPseudoClassStates().stream()
                .anyMatch(pc -> pc.getPseudoClassName().equals("invalid")));

        robot.eraseText(2).write("20");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(!error.isVisible() && error.getText().isEmpty());
    }

    @Test
    void theEnginePickerSaysWhenNoEngineIsInstalled(FxRobot robot) {
        assertTrue(label(robot, "#engine-message").startsWith("No engines found."));
    }

    @Test
    void openingRemembersTheFileAndFolder(FxRobot robot) throws Exception {
        Path photo = TestImages.writeQuadrants(dir.resolve("remember.png"), 64, 48);

        openAndWait(robot, photo);

        assertEquals(photo.toAbsolutePath().toString(), window.editor().recentFiles().get(0));
        assertEquals(photo.toAbsolutePath().getParent(), window.editor().lastFolder());
        assertEquals(1.0, window.canvas().getTransform().scale(), "small images open at 100 %");
    }

    @Test
    void ctrlVPastesAnImageFromTheClipboard(FxRobot robot) {
        robot.interact(() -> {
            javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
            content.putImage(new javafx.scene.image.Image(
                    EditorWindowTest.class.getResourceAsStream("/com/maskfill/app/ui/pasted.png")));
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        });
        robot.clickOn(window.canvas());

        robot.press(KeyCode.CONTROL, KeyCode.V).release(KeyCode.V, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();

        DocumentImage pasted = window.editor().getImage();
        assertEquals("Pasted image", pasted.name());
        assertEquals(40, pasted.width());
        assertEquals(30, pasted.height());
        assertEquals(0xFF2080C0, pasted.pixels().getRGB(5, 5));
        assertEquals("40 × 30 px · Clipboard", label(robot, "#status-size"));
    }

    @Test
    void ctrlVOpensACopiedImageFile(FxRobot robot) throws Exception {
        Path photo = TestImages.writeQuadrants(dir.resolve("copied.png"), 300, 200);
        robot.interact(() -> {
            javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
            content.putFiles(List.of(photo.toFile()));
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        });
        robot.clickOn(window.canvas());

        robot.press(KeyCode.CONTROL, KeyCode.V).release(KeyCode.V, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.editor().getImage() != null);

        assertEquals("copied.png", window.editor().getImage().name());
    }

    @Test
    void tileSeamsAreInvisibleAtFractionalZoom(FxRobot robot) throws Exception {
        // 4500 px wide: three display tiles side by side, two seams.
        Path wide = dir.resolve("wide.png");
        java.awt.image.BufferedImage plain = new java.awt.image.BufferedImage(4500, 300,
                java.awt.image.BufferedImage.TYPE_INT_ARGB);
        java.util.Arrays.fill(((java.awt.image.DataBufferInt) plain.getRaster().getDataBuffer()).getData(),
                0xFF336699);
        javax.imageio.ImageIO.write(plain, "png", wide.toFile());
        openAndWait(robot, wide);
        CanvasView canvas = window.canvas();

        for (double scale : new double[] {0.1937, 0.3333, 0.2011}) {
            // Zoom about the image's centre, which the fitted view shows; the seam at x = 2048 stays in view.
            robot.interact(() -> {
                ViewTransform fitted = canvas.getTransform();
                canvas.zoomAt(scale / fitted.scale(), fitted.toViewX(2250), fitted.toViewY(150));
            });
            ViewTransform t = canvas.getTransform();
            WritableImage shown = WaitForAsyncUtils.asyncFx(() -> canvas.snapshot(null, null)).get();
            int y = (int) t.toViewY(150);
            int from = Math.max(0, (int) Math.ceil(t.toViewX(0)) + 1);
            int to = Math.min((int) t.toViewX(4500) - 1, (int) shown.getWidth() - 1);
            assertTrue(from < t.toViewX(2048) && t.toViewX(2048) < to, "the first seam is in view");
            for (int x = from; x < to; x++) {
                assertEquals(0xFF336699, shown.getPixelReader().getArgb(x, y), "view x " + x + " at zoom " + scale);
            }
        }
    }

    @Test
    void windowSizeAndPositionComeBackNextTime(FxRobot robot) throws Exception {
        robot.interact(() -> {
            stage.setX(123);
            stage.setY(77);
            stage.setWidth(900);
            stage.setHeight(650);
            stage.close();
        });

        Stage next = WaitForAsyncUtils.asyncFx(() -> {
            Stage s = new Stage();
            new EditorWindow(s, services(config, tasks));
            return s;
        }).get();

        assertEquals(123, next.getX(), 0.5);
        assertEquals(77, next.getY(), 0.5);
        assertEquals(900, next.getWidth(), 0.5);
        assertEquals(650, next.getHeight(), 0.5);
        assertTrue(Files.readString(config.resolve("settings.json")).contains("\"width\" : 900"));
    }

    // --- helpers ---

    /** A window's services on a temporary settings folder, with no engines. */
    static EditorServices services(Path config, BackgroundTasks tasks) {
        return new EditorServices(new SettingsStore(config), CredentialStores.file(config), List.of(), tasks);
    }

    private void openAndWait(FxRobot robot, Path photo) throws Exception {
        robot.interact(() -> window.editor().open(photo));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            DocumentImage image = window.editor().getImage();
            return image != null && photo.toAbsolutePath().equals(image.source());
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String label(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }
}
