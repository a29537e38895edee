package com.maskfill.app.ui;

import com.maskfill.app.history.ResultHistory;
import com.maskfill.app.jobs.Job;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.MenuButton;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;

/**
 * The result and job keys as window shortcuts, wherever the focus is, except inside text being edited:
 * ← / → browse results, hold Tab to see the photo alone, Enter applies, Del discards, Esc cancels the running job
 * (the window asks first when the engine already has it). Esc works in the prompt too: it has no meaning in text
 * there, and a designer who just pressed Ctrl+Enter in the prompt reaches for it to stop the job. Keys a mask gesture
 * needs (Enter closes a polygon lasso, Esc abandons it) go to the tools while one is under way.
 *
 * <p>So that the keys of the canvas (Space to pan, the tool letters) follow the designer too, the canvas takes the
 * focus back after a click on a button, toggle or slider, and after a job was queued.
 */
final class WindowKeys {

    private final Node canvas;
    private final ResultHistory results;
    private final JobsViewModel jobs;
    private final Consumer<Boolean> showPhotoOnly;
    private final BooleanSupplier toolsIdle;
    private final Runnable cancelJob;

    /**
     * @param showPhotoOnly hides (true) or shows again (false) the result over the photo
     * @param toolsIdle     true while no mask gesture is under way
     * @param cancelJob     stops the running job, asking first where that loses work
     */
    WindowKeys(Node canvas, JobsViewModel jobs, Consumer<Boolean> showPhotoOnly, BooleanSupplier toolsIdle,
               Runnable cancelJob) {
        this.canvas = canvas;
        this.jobs = jobs;
        this.results = jobs.results();
        this.showPhotoOnly = showPhotoOnly;
        this.toolsIdle = toolsIdle;
        this.cancelJob = cancelJob;
    }

    void install(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> pressed(scene, e));
        scene.addEventFilter(KeyEvent.KEY_RELEASED, e -> {
            if (e.getCode() == KeyCode.TAB && results.getSelected() != null) {
                showPhotoOnly.accept(false);
                e.consume();
            }
        });
        scene.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
            if (usedWithTheMouse(scene.getFocusOwner(), e)) {
                // after the control's own handlers (a button's action runs on release)
                Platform.runLater(canvas::requestFocus);
            }
        });
        jobs.queue().jobs().addListener((ListChangeListener<Job>) c -> {
            while (c.next()) {
                if (c.wasAdded()) {
                    canvas.requestFocus(); // Generate (button or Ctrl+Enter in the prompt): the result keys are next
                }
            }
        });
    }

    private void pressed(Scene scene, KeyEvent e) {
        Node focus = scene.getFocusOwner();
        if (e.isShortcutDown() || e.isAltDown() || !toolsIdle.getAsBoolean() || popupOpen(focus)) {
            return;
        }
        if (e.getCode() == KeyCode.ESCAPE) {
            cancelJob.run();
            return; // not consumed: a text field or the tools may still want it
        }
        if (editingText(focus) || results.getSelected() == null) {
            return;
        }
        switch (e.getCode()) {
            case LEFT -> results.selectPrevious();
            case RIGHT -> results.selectNext();
            case TAB -> showPhotoOnly.accept(true);
            case ENTER -> jobs.actions().apply();
            case DELETE, BACK_SPACE -> jobs.actions().discard();
            default -> {
                return;
            }
        }
        e.consume();
    }

    /** Inside text being edited: a text field or area, or the editor of a spinner or editable combo box. */
    static boolean editingText(Node focus) {
        return focus instanceof TextInputControl
                || focus instanceof Spinner<?> spinner && spinner.isEditable()
                || focus instanceof ComboBoxBase<?> combo && combo.isEditable();
    }

    /** A combo box or colour picker showing its list: its keys choose in the list. */
    private static boolean popupOpen(Node focus) {
        return focus instanceof ComboBoxBase<?> combo && combo.isShowing();
    }

    /** A click on a button, toggle or slider that took the focus, and is done with it once released. */
    private boolean usedWithTheMouse(Node focus, MouseEvent e) {
        boolean control = focus instanceof Slider || focus instanceof ButtonBase && !(focus instanceof MenuButton);
        return control && focus != canvas && e.getTarget() instanceof Node target && isWithin(target, focus);
    }

    private static boolean isWithin(Node node, Node ancestor) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }
}
