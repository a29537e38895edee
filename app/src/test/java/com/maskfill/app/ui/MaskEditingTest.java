package com.maskfill.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.app.canvas.CanvasView;
import com.maskfill.app.canvas.ViewTransform;
import com.maskfill.app.mask.Mask;
import com.maskfill.app.mask.MaskDocument;
import com.maskfill.app.tools.CanvasMaskTools;
import com.maskfill.app.tools.ToolBox;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.geometry.Point2D;
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

/** Mask painting in the real editor window under Xvfb: mouse drags, shortcut keys, the overlay on screen. */
@ExtendWith(ApplicationExtension.class)
class MaskEditingTest {

    private static final int W = 600;
    private static final int H = 400;

    @TempDir
    static Path dir;

    private EditorWindow window;
    private BackgroundTasks tasks;

    @Start
    void start(Stage stage) throws Exception {
        tasks = new BackgroundTasks();
        window = new EditorWindow(stage, EditorWindowTest.services(Files.createTempDirectory(dir, "config"), tasks));
        stage.setWidth(1100);
        stage.setHeight(760);
        window.show();
        window.editor().openPasted(TestImages.quadrants(W, H));
    }

    @AfterEach
    void closeTasks() {
        tasks.close();
    }

    private CanvasMaskTools maskTools() {
        return window.maskTools();
    }

    private ToolBox tools() {
        return maskTools().tools();
    }

    private Mask mask() {
        return maskTools().document().mask();
    }

    private MaskDocument doc() {
        return maskTools().document();
    }

    private Point2D screen(double imageX, double imageY) {
        CanvasView canvas = window.canvas();
        ViewTransform t = canvas.getTransform();
        return canvas.localToScreen(t.toViewX(imageX), t.toViewY(imageY));
    }

    private void drag(FxRobot robot, MouseButton button, double x0, double y0, double x1, double y1) {
        robot.moveTo(screen(x0, y0)).press(button).moveTo(screen((x0 + x1) / 2, (y0 + y1) / 2))
                .moveTo(screen(x1, y1)).release(button);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void focusCanvas(FxRobot robot) {
        robot.interact(() -> window.canvas().requestFocus());
    }

    private void keys(FxRobot robot, KeyCode... codes) {
        robot.press(codes);
        for (int i = codes.length - 1; i >= 0; i--) {
            robot.release(codes[i]);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private int shownAt(double imageX, double imageY) throws Exception {
        return CanvasPixels.shownAt(window, imageX, imageY);
    }

    @Test
    void dragWithTheBrushPaintsUnderThePointerAndTheOverlayTintsThePhoto(FxRobot robot) throws Exception {
        robot.interact(() -> tools().brush().settings().setSize(20));
        robot.interact(() -> tools().brush().settings().setHardness(1));
        int photoBefore = shownAt(200, 100);

        drag(robot, MouseButton.PRIMARY, 100, 100, 280, 100);

        for (int x = 100; x <= 280; x += 10) {
            assertEquals(255, mask().get(x, 100), "painted at x=" + x);
        }
        assertEquals(0, mask().get(200, 130));
        assertEquals(1, doc().history().undoCount());
        assertNotEquals(photoBefore, shownAt(200, 100), "the overlay tints the painted photo");
        assertEquals(TestImages.TOP_LEFT, shownAt(200, 150), "unpainted photo shows unchanged");
    }

    @Test
    void paintingLandsOnTheRightImagePixelsWhenZoomedAndPanned(FxRobot robot) {
        robot.interact(() -> {
            window.canvas().zoomAt(2.5, 100, 100);
            window.canvas().panBy(-40, 30);
        });
        robot.interact(() -> tools().brush().settings().setSize(6));
        robot.interact(() -> tools().brush().settings().setHardness(1));
        drag(robot, MouseButton.PRIMARY, 150, 120, 190, 120);
        assertEquals(255, mask().get(170, 120));
        assertEquals(0, mask().get(170, 126));
        assertEquals(0, mask().get(140, 120));
    }

    @Test
    void rightDragErasesAndTheEraserToolErases(FxRobot robot) {
        robot.interact(() -> maskTools().fillAll());
        robot.interact(() -> tools().brush().settings().setSize(20));
        drag(robot, MouseButton.SECONDARY, 100, 100, 300, 100);
        assertEquals(0, mask().get(200, 100));
        assertEquals(255, mask().get(200, 300));

        focusCanvas(robot);
        keys(robot, KeyCode.E);
        assertEquals(tools().eraser(), tools().active());
        robot.interact(() -> tools().eraser().settings().setSize(20));
        drag(robot, MouseButton.PRIMARY, 100, 300, 300, 300);
        assertEquals(0, mask().get(200, 300));
        assertEquals(255, mask().get(200, 200));
        assertEquals(3, doc().history().undoCount());
    }

    @Test
    void toolKeysSelectAndXSwapsBrushAndEraser(FxRobot robot) {
        focusCanvas(robot);
        keys(robot, KeyCode.E);
        assertEquals(tools().eraser(), tools().active());
        keys(robot, KeyCode.X);
        assertEquals(tools().brush(), tools().active());
        keys(robot, KeyCode.X);
        assertEquals(tools().eraser(), tools().active());
        keys(robot, KeyCode.B);
        assertEquals(tools().brush(), tools().active());
        keys(robot, KeyCode.R);
        assertEquals(tools().rectangle(), tools().active());
    }

    @Test
    void bracketsChangeSizeAndShiftBracketsChangeHardness(FxRobot robot) {
        focusCanvas(robot);
        keys(robot, KeyCode.CLOSE_BRACKET);
        assertEquals(125, tools().brush().settings().size(), 1e-9);
        keys(robot, KeyCode.OPEN_BRACKET);
        keys(robot, KeyCode.OPEN_BRACKET);
        assertEquals(80, tools().brush().settings().size(), 1e-9);
        keys(robot, KeyCode.SHIFT, KeyCode.CLOSE_BRACKET);
        assertEquals(0.6, tools().brush().settings().hardness(), 1e-9);
        keys(robot, KeyCode.SHIFT, KeyCode.OPEN_BRACKET);
        keys(robot, KeyCode.SHIFT, KeyCode.OPEN_BRACKET);
        assertEquals(0.4, tools().brush().settings().hardness(), 1e-9);
    }

    @Test
    void mTogglesTheOverlay(FxRobot robot) throws Exception {
        robot.interact(() -> maskTools().fillAll());
        int tinted = shownAt(100, 100);
        focusCanvas(robot);
        keys(robot, KeyCode.M);
        assertFalse(maskTools().overlayLayer().isVisible());
        assertEquals(TestImages.TOP_LEFT, shownAt(100, 100), "photo shows untinted");
        keys(robot, KeyCode.M);
        assertTrue(maskTools().overlayLayer().isVisible());
        assertEquals(tinted, shownAt(100, 100));
    }

    @Test
    void ctrlZUndoesOneStrokeAndCtrlShiftZAndCtrlYRedo(FxRobot robot) {
        robot.interact(() -> tools().brush().settings().setSize(10));
        drag(robot, MouseButton.PRIMARY, 100, 100, 200, 100);
        drag(robot, MouseButton.PRIMARY, 100, 200, 200, 200);
        focusCanvas(robot);

        keys(robot, KeyCode.CONTROL, KeyCode.Z);
        assertEquals(0, mask().get(150, 200), "the last stroke is undone");
        assertEquals(255, mask().get(150, 100), "only one step per Ctrl+Z");
        keys(robot, KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z);
        assertEquals(255, mask().get(150, 200));
        keys(robot, KeyCode.CONTROL, KeyCode.Z);
        keys(robot, KeyCode.CONTROL, KeyCode.Y);
        assertEquals(255, mask().get(150, 200));
        assertEquals(2, doc().history().undoCount());
    }

    @Test
    void ctrlBackspaceClearsAndCtrlIInverts(FxRobot robot) {
        robot.interact(() -> tools().brush().settings().setSize(10));
        drag(robot, MouseButton.PRIMARY, 100, 100, 200, 100);
        focusCanvas(robot);
        keys(robot, KeyCode.CONTROL, KeyCode.I);
        assertEquals(0, mask().get(150, 100));
        assertEquals(255, mask().get(150, 300));
        keys(robot, KeyCode.CONTROL, KeyCode.BACK_SPACE);
        assertTrue(mask().isEmpty());
        assertEquals(3, doc().history().undoCount());
        keys(robot, KeyCode.CONTROL, KeyCode.Z);
        assertEquals(255, mask().get(150, 300));
    }

    @Test
    void rectangleToolAddsItsAreaAndShowsAnOutlineWhileDragging(FxRobot robot) {
        focusCanvas(robot);
        keys(robot, KeyCode.R);
        robot.moveTo(screen(50, 50)).press(MouseButton.PRIMARY).moveTo(screen(120, 90)).moveTo(screen(150, 100));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.canvas().vectorLayers().stream().anyMatch(n -> n.isVisible()), "outline shown");
        robot.release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(255, mask().get(100, 75));
        assertEquals(0, mask().get(160, 75));
        assertTrue(window.canvas().vectorLayers().stream().noneMatch(n -> n.isVisible()), "outline gone");
    }

    @Test
    void typingInASettingsFieldDoesNotSwitchTools(FxRobot robot) {
        robot.clickOn("#steps").write("ex");
        assertEquals(tools().brush(), tools().active());
    }

    @Test
    void sidePanelSetsTheActiveToolAndFollowsTheKeys(FxRobot robot) {
        robot.clickOn("#tool-eraser");
        assertEquals(tools().eraser(), tools().active());
        robot.interact(() -> robot.lookup("#brush-size").queryAs(javafx.scene.control.Slider.class)
                .setValue(com.maskfill.app.tools.BrushSizeScale.sliderFor(40)));
        assertEquals(40, tools().eraser().settings().size(), 1e-9);
        assertEquals(100, tools().brush().settings().size(), 1e-9, "the brush keeps its own size");

        focusCanvas(robot);
        keys(robot, KeyCode.X);
        assertTrue(robot.lookup("#tool-brush").queryAs(javafx.scene.control.ToggleButton.class).isSelected());
        keys(robot, KeyCode.CLOSE_BRACKET);
        assertEquals(com.maskfill.app.tools.BrushSizeScale.sliderFor(125),
                robot.lookup("#brush-size").queryAs(javafx.scene.control.Slider.class).getValue(), 1e-9);
        keys(robot, KeyCode.L);
        assertTrue(robot.lookup("#tool-lasso").queryAs(javafx.scene.control.ToggleButton.class).isSelected());
        assertFalse(robot.lookup("#tool-polygon").queryAs(javafx.scene.control.ToggleButton.class).isSelected());
        assertFalse(robot.lookup("#tool-brush").queryAs(javafx.scene.control.ToggleButton.class).isSelected());
    }

    @Test
    void overlayColourAndOpacityFromThePanelRepaintTheOverlay(FxRobot robot) throws Exception {
        robot.interact(() -> maskTools().fillAll());
        int before = shownAt(100, 100);
        robot.interact(() -> {
            robot.lookup("#overlay-colour").queryAs(javafx.scene.control.ColorPicker.class)
                    .setValue(javafx.scene.paint.Color.rgb(0, 255, 0));
            robot.lookup("#overlay-opacity").queryAs(javafx.scene.control.Slider.class).setValue(100);
        });
        assertEquals(0x00FF00, maskTools().overlayRenderer().rgb());
        assertNotEquals(before, shownAt(100, 100));
        assertEquals(0xFF00FF00, shownAt(100, 100), "fully opaque green over the photo");
        robot.interact(() -> robot.lookup("#overlay-mask-only").queryAs(javafx.scene.control.CheckBox.class).setSelected(true));
        assertEquals(0xFFFFFFFF, shownAt(100, 100), "mask only: white where the mask is full");
    }

    @Test
    void undoStepsAreShownInWordsInTheStatusBar(FxRobot robot) {
        robot.interact(() -> tools().brush().settings().setSize(10));
        drag(robot, MouseButton.PRIMARY, 100, 100, 200, 100);
        String text = robot.lookup("#mask-history").queryAs(javafx.scene.control.Label.class).getText();
        assertEquals("1 step to undo", text);
    }

    @Test
    void aProjectMaskOpensShownAndWithoutAnUndoEntry(FxRobot robot) throws Exception {
        byte[] pixels = new byte[W * H];
        java.util.Arrays.fill(pixels, 0, W * 50, (byte) 255);
        robot.interact(() -> maskTools().open(Mask.fromByteArray(W, H, pixels)));
        assertEquals(255, mask().get(300, 10));
        assertEquals(0, doc().history().undoCount());
        assertNotEquals(TestImages.TOP_LEFT, shownAt(100, 10), "the loaded mask is shown");
        assertEquals(TestImages.TOP_LEFT, shownAt(100, 100));
    }

    @Test
    void maskShortcutsDoNothingWhileTypingAPrompt(FxRobot robot) {
        robot.interact(() -> tools().brush().settings().setSize(10));
        drag(robot, MouseButton.PRIMARY, 100, 100, 200, 100);
        robot.clickOn("#prompt").write("a boat");
        keys(robot, KeyCode.CONTROL, KeyCode.I);
        keys(robot, KeyCode.CONTROL, KeyCode.Z);
        assertEquals(255, mask().get(150, 100), "neither inverted nor undone");
        assertEquals(0, mask().get(150, 300));
        assertEquals(1, doc().history().undoCount());
    }
}
