package com.maskfill.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.app.canvas.CanvasView;
import com.maskfill.app.canvas.CompareDivider;
import com.maskfill.app.canvas.ViewTransform;
import com.maskfill.app.jobs.Job;
import com.maskfill.app.jobs.JobState;
import com.maskfill.app.model.EngineChoice;
import com.maskfill.app.settings.CredentialStores;
import com.maskfill.app.settings.SettingsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Cursor;
import javafx.scene.ImageCursor;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.Image;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.FlowPane;
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
 * A designer's laptop window, 1280 × 800: the main action, the running job and what to do with a result are in
 * view without scrolling; before/after is a divider on the canvas; pressed controls look pressed.
 */
@ExtendWith(ApplicationExtension.class)
class ResultsFirstTest {

    private static final int W = 800;
    private static final int H = 500;
    private static final int FILL = 0xFF10C0A0;
    private static final EngineChoice TEST_FILL = cancellable("test-fill", "Test fill");
    private static final EngineChoice GATED = cancellable("test-gated", "Test gated");

    @TempDir
    static Path dir;

    private EditorWindow window;
    private BackgroundTasks tasks;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        tasks = new BackgroundTasks();
        Path config = Files.createTempDirectory(dir, "config");
        window = new EditorWindow(stage, new EditorServices(new SettingsStore(config), CredentialStores.file(config),
                List.of(TEST_FILL, GATED), tasks));
        stage.setWidth(1280);
        stage.setHeight(800);
        window.show();
        window.editor().openPasted(TestImages.quadrants(W, H));
    }

    @AfterEach
    void closeTasks() {
        System.clearProperty("maskfill.test.gate");
        tasks.close();
    }

    private static EngineChoice cancellable(String id, String name) {
        return new EngineChoice(id, name, com.maskfill.engine.api.engine.Capabilities.builder().cancellable(true)
                .build());
    }

    @Test
    void atTwelveEightyByEightyGenerateTheRunningJobAndTheResultActionsAreInViewAndNothingJumps(FxRobot robot)
            throws Exception {
        Scene scene = stage.getScene();
        // (a window manager's title bar may take some of the 800 px, as on a designer's screen)
        assertTrue(scene.getWidth() >= 1260 && scene.getHeight() >= 740 && scene.getHeight() <= 800,
                "the window is the size under test: " + scene.getWidth() + " × " + scene.getHeight());
        paintMask(robot);
        Node prompt = robot.lookup("#prompt").query();
        ScrollPane scrolling = scrollPaneAround(prompt);
        robot.interact(() -> scrolling.setVvalue(scrolling.getVmax()));
        WaitForAsyncUtils.waitForFxEvents();
        double promptY = sceneY(prompt);

        System.clearProperty("maskfill.test.gate");
        robot.interact(() -> {
            window.jobSettings().engineProperty().set(GATED);
            window.jobSettings().promptProperty().set("a teal patch");
        });
        robot.clickOn("#generate");
        Job job = window.jobs().queue().jobs().get(0);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> job.getState() == JobState.RUNNING);
        WaitForAsyncUtils.waitForFxEvents();

        assertInView(robot.lookup("#generate").query(), "Generate");
        assertInView(cellOf(robot, job), "the running job's row");

        System.setProperty("maskfill.test.gate", "open");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.jobs().results().getSelected() != null);
        WaitForAsyncUtils.waitForFxEvents();

        for (String id : List.of("#result-apply", "#result-discard", "#result-compare", "#result-position")) {
            assertInView(robot.lookup(id).query(), id);
        }
        assertEquals(promptY, sceneY(prompt), 0.5, "the side panel did not move when the result arrived");
        // for a look at the layout (not compared with anything)
        WritableImage look = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get();
        javax.imageio.ImageIO.write(FxImages.toArgb(look), "png",
                Path.of("target", "results-first-1280x800.png").toFile());

        robot.clickOn("#result-apply");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(FILL, window.editor().getImage().pixels().getRGB(330, 230), "applied");
        assertEquals(promptY, sceneY(prompt), 0.5, "nor when it was applied");
    }

    @Test
    void draggingTheDividerOnTheCanvasMovesTheSplitAndItsBeforeSideIsTheCleanPhoto(FxRobot robot) throws Exception {
        paintMask(robot); // the overlay stays on, as a designer leaves it
        generateAndWait(robot);
        int undoSteps = window.maskTools().document().history().undoCount();

        robot.clickOn("#result-compare");
        WaitForAsyncUtils.waitForFxEvents();
        CompareDivider divider = robot.lookup("#compare-divider").queryAs(CompareDivider.class);
        assertTrue(divider.isVisible(), "Compare puts a divider on the canvas");
        assertEquals(Cursor.H_RESIZE, divider.getCursor(), "the pointer says it can be dragged");
        ViewTransform t = window.canvas().getTransform();
        assertEquals(t.toViewX(330), divider.viewX(), 1.0, "it starts in the middle of the result");
        assertEquals(TestImages.TOP_LEFT, shownAt(310, 230), "before: the photo, without the overlay's tint");
        assertEquals(FILL, shownAt(350, 230), "after: the result");

        Node handle = robot.lookup("#compare-handle").query();
        Bounds grip = handle.localToScreen(handle.getBoundsInLocal());
        robot.moveTo(new Point2D(grip.getCenterX(), grip.getCenterY()));
        assertTrue(window.canvas().viewOverlay().getChildren().stream()
                .filter(javafx.scene.shape.Circle.class::isInstance).noneMatch(Node::isVisible),
                "no brush ring over the divider: a press there drags it");
        Point2D to = window.canvas().localToScreen(t.toViewX(356), grip.getCenterY());
        robot.drag(new Point2D(grip.getCenterX(), grip.getCenterY()), MouseButton.PRIMARY).dropTo(to);
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(t.toViewX(356), divider.viewX(), 1.5, "the divider followed the pointer");
        WritableImage look = WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get();
        javax.imageio.ImageIO.write(FxImages.toArgb(look), "png", Path.of("target", "compare-divider.png").toFile());
        // (above the handle, which is drawn level with the result's middle)
        assertEquals(TestImages.TOP_LEFT, shownAt(350, 205), "the result's part now left of the divider: before");
        assertEquals(undoSteps, window.maskTools().document().history().undoCount(),
                "dragging the divider painted nothing into the mask");

        robot.clickOn("#result-compare");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(divider.isVisible());
        assertEquals(FILL, shownAt(320, 230), "Compare off shows the whole result again");
        assertTrue(window.maskTools().overlayLayer().isVisible(), "and the overlay as the user left it");
    }

    @Test
    void holdingTabShowsTheCleanPhotoEvenWithTheOverlayOn(FxRobot robot) throws Exception {
        paintMask(robot);
        generateAndWait(robot);
        robot.interact(() -> window.canvas().requestFocus());

        robot.press(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        int whileHeld = shownAt(330, 230);
        robot.release(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(TestImages.TOP_LEFT, whileHeld, "the photo without the overlay's tint");
        assertTrue(window.maskTools().overlayLayer().isVisible(), "the overlay is back once Tab is let go");
    }

    @Test
    void afterApplyTheOverlayStaysOffTheAppliedPixelsUntilTheMaskChanges(FxRobot robot) throws Exception {
        paintMask(robot);
        generateAndWait(robot);

        robot.clickOn("#result-apply");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(FILL, shownAt(330, 230), "the applied fill is seen as it is, not through the overlay");
        assertFalse(window.maskTools().overlayVisibleProperty().get(), "the menu's Show (M) says it is off");

        robot.interact(() -> {
            var mask = window.maskTools().document().mask();
            mask.set(100, 100, 255);
            mask.fireChanged(new com.maskfill.app.mask.PixelRect(100, 100, 1, 1));
        });
        assertTrue(window.maskTools().overlayVisibleProperty().get(), "painting again brings the overlay back");
        assertNotEquals(FILL, shownAt(330, 230), "over the kept mask");
    }

    @Test
    void anOverlayTheUserHidBeforeApplyingStaysHiddenWhenTheyPaint(FxRobot robot) throws Exception {
        paintMask(robot);
        robot.interact(() -> window.maskTools().overlayVisibleProperty().set(false));
        generateAndWait(robot);
        robot.clickOn("#result-apply");
        robot.interact(() -> {
            var mask = window.maskTools().document().mask();
            mask.set(100, 100, 255);
            mask.fireChanged(new com.maskfill.app.mask.PixelRect(100, 100, 1, 1));
        });
        assertFalse(window.maskTools().overlayVisibleProperty().get());
    }

    @Test
    void aResultOfAJobOfSeveralImagesSaysWhichJobAndWhichImage(FxRobot robot) throws Exception {
        paintMask(robot);
        robot.interact(() -> window.jobSettings().imageCountProperty().set(3));
        generateAndWait(robot);
        robot.interact(() -> window.jobs().results().selectNext());

        assertEquals("Job #1 · image 2 of 3", robot.lookup("#result-position").queryAs(Label.class).getText());
        assertEquals("2 of 3", robot.lookup("#result-count").queryAs(Label.class).getText());
        var results = window.jobs().results();
        assertEquals("Job from the project · image 2 of 3", ResultsPanel.positionText(results, results.getSelected(),
                group -> java.util.OptionalLong.empty()), "a reopened project's results, whose job numbers are gone");
    }

    @Test
    void selectedTogglesLookPressedWhetherOrNotTheyHaveTheFocus(FxRobot robot) throws Exception {
        robot.interact(() -> window.canvas().requestFocus());
        ToggleButton subtract = robot.lookup("#shape-subtract").queryAs(ToggleButton.class);
        int off = averageColour(subtract);
        robot.interact(() -> {
            subtract.setSelected(true);
            window.canvas().requestFocus();
        });
        int on = averageColour(subtract);
        assertTrue(distance(off, on) > 60, String.format("Subtract on #%06X vs off #%06X", on, off));

        int chosen = averageColour(robot.lookup("#image-count-1").query());
        int notChosen = averageColour(robot.lookup("#image-count-2").query());
        assertTrue(distance(chosen, notChosen) > 60,
                String.format("chosen image count #%06X vs another #%06X", chosen, notChosen));
        int activeTool = averageColour(robot.lookup("#tool-brush").query());
        int otherTool = averageColour(robot.lookup("#tool-eraser").query());
        assertTrue(distance(activeTool, otherTool) > 60,
                String.format("active tool #%06X vs another #%06X", activeTool, otherTool));
    }

    @Test
    void thePointerShowsPlusWhereAToolAddsAndMinusWhereItRemoves(FxRobot robot) throws Exception {
        CanvasView canvas = window.canvas();
        robot.moveTo(canvas);
        Cursor brush = canvas.getCursor();
        robot.interact(() -> canvas.requestFocus());
        robot.press(KeyCode.E).release(KeyCode.E);
        robot.moveBy(3, 3);
        Cursor eraser = canvas.getCursor();
        robot.press(KeyCode.R).release(KeyCode.R);
        robot.moveBy(3, 3);
        Cursor rectangle = canvas.getCursor();
        robot.clickOn("#shape-subtract");
        robot.moveTo(canvas);
        Cursor rectangleSubtracting = canvas.getCursor();

        assertNotEquals(pixelsOf(brush), pixelsOf(eraser), "the eraser's pointer differs from the brush's");
        assertEquals(pixelsOf(brush), pixelsOf(rectangle), "both add");
        assertEquals(pixelsOf(eraser), pixelsOf(rectangleSubtracting), "both remove");
    }

    @Test
    void theToolBarIsOneRowAtTwelveEightyAndItsOverlayOpacityIsNamed(FxRobot robot) {
        FlowPane bar = robot.lookup(".mask-tools").queryAs(FlowPane.class);
        double tallest = bar.getChildren().stream().mapToDouble(n -> n.getBoundsInParent().getHeight()).max()
                .orElseThrow();
        double rowTop = bar.getChildren().stream().mapToDouble(n -> n.getBoundsInParent().getMinY()).min()
                .orElseThrow();
        for (Node n : bar.getChildren()) {
            assertTrue(n.getBoundsInParent().getMinY() < rowTop + tallest,
                    n + " sits on a second row at " + n.getBoundsInParent());
        }
        var opacity = robot.lookup("#overlay-opacity").queryAs(javafx.scene.control.Slider.class);
        assertTrue(opacity.getTooltip().getText().startsWith("Overlay opacity"));
        assertEquals("Nothing to undo", robot.lookup("#mask-history").queryAs(Label.class).getText(),
                "the undo readout, in the status bar, in words");
        assertTrue(robot.lookup("#mask-history").query().localToScene(0, 0).getY() > bar.localToScene(0, 0).getY()
                + bar.getHeight(), "not in the tool bar");
    }

    // --- helpers ---

    /** A mask square at (300..360, 200..260), painted through the mask document like a brush would. */
    private void paintMask(FxRobot robot) {
        robot.interact(() -> {
            PaintedMasks.rectangle(window, 300, 200, 60, 60);
        });
    }

    private void generateAndWait(FxRobot robot) throws Exception {
        robot.interact(() -> {
            window.jobSettings().engineProperty().set(TEST_FILL);
            window.jobSettings().promptProperty().set("a teal patch");
        });
        robot.clickOn("#generate");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.jobs().results().getSelected() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private int shownAt(double imageX, double imageY) throws Exception {
        return CanvasPixels.shownAt(window, imageX, imageY);
    }

    /** The node's whole area lies inside the window and inside every scrolling or clipping parent's view. */
    private static void assertInView(Node node, String what) {
        assertNotNull(node, what);
        assertTrue(node.isVisible(), what + " is visible");
        Bounds b = node.localToScene(node.getBoundsInLocal());
        Scene scene = node.getScene();
        assertTrue(b.getMinX() >= 0 && b.getMinY() >= 0 && b.getMaxX() <= scene.getWidth()
                && b.getMaxY() <= scene.getHeight(), what + " at " + b + " in a window of " + scene.getWidth()
                + " × " + scene.getHeight());
        for (Node p = node.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane || p instanceof ListView || p.getClip() != null) {
                Bounds view = p.localToScene(p.getLayoutBounds());
                assertTrue(view.getMinY() <= b.getMinY() + 0.5 && b.getMaxY() <= view.getMaxY() + 0.5,
                        what + " at " + b + " is scrolled out of " + p + " showing " + view);
            }
        }
    }

    private static ListCell<?> cellOf(FxRobot robot, Job job) {
        return robot.lookup(".list-cell").queryAllAs(ListCell.class).stream()
                .filter(c -> c.getItem() == job && c.isVisible()).findFirst().orElse(null);
    }

    private static ScrollPane scrollPaneAround(Node node) {
        for (Node p = node.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane scroll) {
                return scroll;
            }
        }
        throw new AssertionError("no scroll pane around " + node);
    }

    private static double sceneY(Node node) {
        return node.localToScene(node.getBoundsInLocal()).getMinY();
    }

    /** The mean colour (0xRRGGBB) of the node's middle, as it is drawn. */
    private static int averageColour(Node node) throws Exception {
        WritableImage shot = WaitForAsyncUtils.asyncFx(() -> node.snapshot(null, null)).get();
        int w = (int) shot.getWidth();
        int h = (int) shot.getHeight();
        long r = 0;
        long g = 0;
        long b = 0;
        long n = 0;
        for (int y = h / 4; y < 3 * h / 4; y++) {
            for (int x = w / 4; x < 3 * w / 4; x++) {
                int argb = shot.getPixelReader().getArgb(x, y);
                r += argb >> 16 & 0xFF;
                g += argb >> 8 & 0xFF;
                b += argb & 0xFF;
                n++;
            }
        }
        return (int) (r / n) << 16 | (int) (g / n) << 8 | (int) (b / n);
    }

    private static double distance(int a, int b) {
        int dr = (a >> 16 & 0xFF) - (b >> 16 & 0xFF);
        int dg = (a >> 8 & 0xFF) - (b >> 8 & 0xFF);
        int db = (a & 0xFF) - (b & 0xFF);
        return Math.sqrt(dr * dr + dg * dg + db * db);
    }

    /** A cursor's picture, pixel for pixel (a named cursor stands for itself). */
    private static List<Integer> pixelsOf(Cursor cursor) {
        if (!(cursor instanceof ImageCursor image)) {
            return List.of(cursor == null ? -1 : cursor.toString().hashCode());
        }
        Image picture = image.getImage();
        List<Integer> pixels = new java.util.ArrayList<>();
        for (int y = 0; y < picture.getHeight(); y++) {
            for (int x = 0; x < picture.getWidth(); x++) {
                pixels.add(picture.getPixelReader().getArgb(x, y));
            }
        }
        return pixels;
    }
}
