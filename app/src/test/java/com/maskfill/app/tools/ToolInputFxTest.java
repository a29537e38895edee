package com.maskfill.app.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.app.mask.MaskDocument;
import com.maskfill.app.mask.MaskOverlayRenderer;
import com.maskfill.app.mask.fx.MaskOverlayLayer;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Drives the pointer and keyboard glue in a real window: an image-space group zoomed to 200 % and
 * panned, the mask overlay above a stand-in photo, mouse events through {@link ToolPointerInput}
 * and keys through {@link ToolShortcuts}.
 */
@ExtendWith(ApplicationExtension.class)
class ToolInputFxTest {

    private MaskDocument doc;
    private ToolBox tools;
    private Group imageSpace;
    private MaskOverlayLayer overlay;
    private TextField prompt;

    @Start
    void start(Stage stage) {
        doc = new MaskDocument(300, 200);
        tools = new ToolBox(() -> doc);
        imageSpace = new Group(new Rectangle(300, 200, Color.DARKGRAY));
        overlay = new MaskOverlayLayer(doc.mask(), new MaskOverlayRenderer());
        imageSpace.getChildren().add(overlay.node());
        imageSpace.setScaleX(2);
        imageSpace.setScaleY(2);
        // Scale pivots on the group's centre; translate so image (0, 0) lands at viewport (20, 10).
        imageSpace.setTranslateX(150 + 20);
        imageSpace.setTranslateY(100 + 10);
        Pane viewport = new Pane(imageSpace);
        viewport.setPrefSize(700, 450);
        prompt = new TextField();
        BorderPane root = new BorderPane(viewport, prompt, null, null, null);
        Scene scene = new Scene(root);
        new ToolPointerInput(tools, ToolPointerInput.ImageCoordinates.ofNode(imageSpace)).install(viewport);
        new ToolShortcuts(tools, () -> doc, overlay::toggleVisible).install(scene);
        stage.setScene(scene);
        stage.show();
        viewport.requestFocus();
    }

    private Point2D screen(double imageX, double imageY) {
        return imageSpace.localToScreen(imageX, imageY);
    }

    private void drag(FxRobot robot, MouseButton button, double x0, double y0, double x1, double y1) {
        robot.moveTo(screen(x0, y0)).press(button).moveTo(screen(x1, y1)).release(button);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void dragPaintsTheMaskUnderThePointerAndTheOverlayShowsIt(FxRobot robot) throws Exception {
        tools.brush().settings().setSize(10);
        tools.brush().settings().setHardness(1);
        drag(robot, MouseButton.PRIMARY, 50, 100, 250, 100);
        for (int x = 55; x <= 245; x += 10) {
            assertEquals(255, doc.mask().get(x, 100), "painted at x=" + x);
        }
        assertEquals(0, doc.mask().get(150, 150));
        assertEquals(1, doc.history().undoCount());
        int argb = WaitForAsyncUtils.asyncFx(() -> overlay.tileImageAt(150, 100).getPixelReader().getArgb(150, 100)).get();
        assertTrue((argb >>> 24) > 100, "overlay shows the painted pixel: " + Integer.toHexString(argb));
    }

    @Test
    void rightDragErasesAndEraserKeyErases(FxRobot robot) {
        robot.interact(() -> doc.commands().fillAll());
        tools.brush().settings().setSize(10);
        drag(robot, MouseButton.SECONDARY, 50, 50, 150, 50);
        assertEquals(0, doc.mask().get(100, 50));
        robot.type(KeyCode.E);
        assertEquals(tools.eraser(), tools.active());
        tools.eraser().settings().setSize(10);
        drag(robot, MouseButton.PRIMARY, 50, 150, 150, 150);
        assertEquals(0, doc.mask().get(100, 150));
        assertEquals(255, doc.mask().get(100, 100));
    }

    @Test
    void toolKeysSelectAndSwap(FxRobot robot) {
        robot.type(KeyCode.E);
        assertEquals(tools.eraser(), tools.active());
        robot.type(KeyCode.X);
        assertEquals(tools.brush(), tools.active());
        robot.type(KeyCode.X);
        assertEquals(tools.eraser(), tools.active());
        robot.type(KeyCode.B);
        assertEquals(tools.brush(), tools.active());
    }

    @Test
    void bracketsChangeSizeAndShiftBracketsChangeHardness(FxRobot robot) {
        robot.type(KeyCode.CLOSE_BRACKET);
        assertEquals(125, tools.brush().settings().size(), 1e-9);
        robot.type(KeyCode.OPEN_BRACKET);
        robot.type(KeyCode.OPEN_BRACKET);
        assertEquals(80, tools.brush().settings().size(), 1e-9);
        robot.push(KeyCode.SHIFT, KeyCode.CLOSE_BRACKET);
        assertEquals(0.6, tools.brush().settings().hardness(), 1e-9);
        robot.push(KeyCode.SHIFT, KeyCode.OPEN_BRACKET);
        robot.push(KeyCode.SHIFT, KeyCode.OPEN_BRACKET);
        assertEquals(0.4, tools.brush().settings().hardness(), 1e-9);
    }

    @Test
    void mTogglesTheOverlay(FxRobot robot) {
        assertTrue(overlay.node().isVisible());
        robot.type(KeyCode.M);
        assertFalse(overlay.node().isVisible());
        robot.type(KeyCode.M);
        assertTrue(overlay.node().isVisible());
    }

    @Test
    void undoRedoClearAndInvertShortcuts(FxRobot robot) {
        tools.brush().settings().setSize(10);
        drag(robot, MouseButton.PRIMARY, 50, 100, 100, 100);
        assertEquals(255, doc.mask().get(75, 100));
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        assertEquals(0, doc.mask().get(75, 100));
        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z);
        assertEquals(255, doc.mask().get(75, 100));
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        robot.push(KeyCode.CONTROL, KeyCode.Y);
        assertEquals(255, doc.mask().get(75, 100));
        robot.push(KeyCode.CONTROL, KeyCode.I);
        assertEquals(0, doc.mask().get(75, 100));
        assertEquals(255, doc.mask().get(200, 150));
        robot.push(KeyCode.CONTROL, KeyCode.BACK_SPACE);
        assertTrue(doc.mask().isEmpty());
        assertEquals("Clear mask", doc.history().undoDescription());
    }

    @Test
    void typingInATextFieldDoesNotSwitchTools(FxRobot robot) {
        robot.clickOn(prompt).write("be x");
        assertEquals(tools.brush(), tools.active());
        assertEquals("be x", prompt.getText());
    }
}
