package com.maskfill.app.ui;

import static com.maskfill.app.ui.ShownDialogs.clickWhenShown;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.app.canvas.CanvasView;
import com.maskfill.app.canvas.ViewTransform;
import com.maskfill.engine.api.pipeline.MaskOps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Spinner;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Mask ▸ Feather… and Grow… show the would-be mask on the overlay while their dialog is open. */
@ExtendWith(ApplicationExtension.class)
class MaskEdgePreviewTest {

    private static final int W = 600;
    private static final int H = 400;
    /** 7 px right of the painted square's last column: untouched by the mask, reached by a 16 px feather. */
    private static final int OUTSIDE_X = 166;
    private static final int OUTSIDE_Y = 130;

    @TempDir
    static Path dir;

    private EditorWindow window;
    private BackgroundTasks tasks;

    @Start
    void start(Stage stage) throws Exception {
        tasks = new BackgroundTasks();
        window = new EditorWindow(stage, EditorWindowTest.services(Files.createTempDirectory(dir, "config"), tasks));
        stage.setWidth(1280);
        stage.setHeight(800);
        window.show();
        window.editor().openPasted(TestImages.quadrants(W, H));
    }

    @AfterEach
    void closeTasks() {
        tasks.close();
    }

    @Test
    void featherPreviewsOnTheOverlayAndCancelLeavesMaskOverlayAndHistoryAsTheyWere(FxRobot robot)
            throws Exception {
        paintSquare(robot);
        byte[] mask = maskBytes();
        int steps = window.maskTools().document().history().undoCount();
        int before = shownAt(OUTSIDE_X, OUTSIDE_Y);
        assertEquals(TestImages.TOP_LEFT, before, "no tint outside the mask");

        robot.clickOn("Mask").clickOn("Feather…");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.maskTools().previewing());
        WaitForAsyncUtils.waitForFxEvents();
        int previewed = shownAt(OUTSIDE_X, OUTSIDE_Y);
        assertNotEquals(before, previewed, "the overlay shows the feathered edge reaching past the mask");
        assertArrayEquals(mask, maskBytes(), "while the mask itself is unchanged");

        clickWhenShown(robot, "Cancel");
        assertFalse(window.maskTools().previewing());
        assertEquals(before, shownAt(OUTSIDE_X, OUTSIDE_Y), "Cancel shows the mask as it is again");
        assertArrayEquals(mask, maskBytes());
        assertEquals(steps, window.maskTools().document().history().undoCount(), "and records nothing");
    }

    @Test
    void aChangedRadiusIsPreviewedAndOkAppliesExactlyThatAsOneUndoStep(FxRobot robot) throws Exception {
        paintSquare(robot);
        byte[] mask = maskBytes();
        int steps = window.maskTools().document().history().undoCount();

        robot.clickOn("Mask").clickOn("Grow…");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.maskTools().previewing());
        int grownBy8 = shownAt(OUTSIDE_X, OUTSIDE_Y);
        assertNotEquals(TestImages.TOP_LEFT, grownBy8, "8 px of growth covers a point 7 px out");
        @SuppressWarnings("unchecked")
        Spinner<Integer> radius = robot.lookup("#mask-edge-radius").queryAs(Spinner.class);
        robot.interact(() -> radius.getValueFactory().setValue(3));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> shownAt(OUTSIDE_X, OUTSIDE_Y) == TestImages.TOP_LEFT);
        assertNotEquals(TestImages.TOP_LEFT, shownAt(161, OUTSIDE_Y), "3 px of growth still tints a point 2 px out");
        assertArrayEquals(mask, maskBytes());

        clickWhenShown(robot, "OK");
        assertFalse(window.maskTools().previewing());
        assertArrayEquals(MaskOps.grow(mask, W, H, 3), maskBytes(), "OK grows by the radius last shown");
        assertEquals(steps + 1, window.maskTools().document().history().undoCount(), "one undo step");
        robot.interact(() -> window.maskTools().undo());
        assertArrayEquals(mask, maskBytes(), "which undo takes back");
    }

    /** A 60 × 60 square at (100..160, 100..160). */
    private void paintSquare(FxRobot robot) {
        robot.interact(() -> {
            PaintedMasks.rectangle(window, 100, 100, 60, 60);
        });
    }

    private byte[] maskBytes() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> window.maskTools().document().mask().toByteArray()).get();
    }

    private int shownAt(double imageX, double imageY) throws Exception {
        CanvasView canvas = window.canvas();
        ViewTransform t = canvas.getTransform();
        WritableImage shot = WaitForAsyncUtils.asyncFx(() -> canvas.snapshot(null, null)).get();
        return shot.getPixelReader().getArgb((int) (t.toViewX(imageX) + 0.5), (int) (t.toViewY(imageY) + 0.5));
    }
}
