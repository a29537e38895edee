package com.maskfill.app.ui;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.geometry.BoundingBox;
import javafx.scene.Node;
import javafx.scene.control.Button;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The buttons of the questions the editor asks, as a user finds them on screen. */
final class ShownDialogs {

    private ShownDialogs() {
    }

    /** Waits for a button of a dialog on screen now, and clicks it. */
    static void clickWhenShown(FxRobot robot, String text) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> shownButton(robot, text).isPresent());
        WaitForAsyncUtils.waitForFxEvents(); // laid out and placed on screen
        robot.clickOn(shownButton(robot, text).orElseThrow());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** A button of a dialog that is on screen now and laid out (a closed dialog's nodes linger until collected). */
    static Optional<Node> shownButton(FxRobot robot, String text) {
        return robot.lookup(text).queryAll().stream()
                .filter(n -> n instanceof Button && inDialog(n) && n.getScene() != null && n.getScene().getWindow() != null
                        && n.getScene().getWindow().isShowing() && n.getBoundsInLocal().getWidth() > 0
                        && new BoundingBox(0, 0, n.getScene().getWidth(), n.getScene().getHeight())
                                .contains(n.localToScene(n.getBoundsInLocal())))
                .findFirst();
    }

    /** The editor's own buttons share some names with the questions' (Discard, Apply): only a dialog's count. */
    private static boolean inDialog(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n instanceof javafx.scene.control.DialogPane) {
                return true;
            }
        }
        return false;
    }
}
