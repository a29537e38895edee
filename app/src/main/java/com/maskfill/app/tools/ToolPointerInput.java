package com.maskfill.app.tools;

import javafx.event.EventHandler;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;

/**
 * Feeds a node's mouse events to the {@link ToolBox}'s active tool as {@link ToolEvent}s in image
 * coordinates. Primary and secondary buttons drive tools (secondary = erase / subtract); the middle
 * button is left to the canvas for panning.
 */
public final class ToolPointerInput {

    /** Converts a mouse event to image pixel coordinates (the canvas knows its zoom and pan). */
    @FunctionalInterface
    public interface ImageCoordinates {
        Point2D toImage(MouseEvent e);

        /** For a node whose local coordinates are image pixels (e.g. the zoomed and panned image group). */
        static ImageCoordinates ofNode(Node imageSpace) {
            return e -> imageSpace.sceneToLocal(e.getSceneX(), e.getSceneY());
        }
    }

    private final ToolBox tools;
    private final ImageCoordinates coordinates;
    private MouseButton gestureButton;
    private boolean enabled = true;
    private Runnable afterEvent = () -> { };

    private final EventHandler<MouseEvent> pressed = this::onPressed;
    private final EventHandler<MouseEvent> dragged = this::onDragged;
    private final EventHandler<MouseEvent> released = this::onReleased;

    public ToolPointerInput(ToolBox tools, ImageCoordinates coordinates) {
        this.tools = tools;
        this.coordinates = coordinates;
    }

    /** Starts listening to {@code node}'s mouse events (e.g. the canvas viewport). */
    public ToolPointerInput install(Node node) {
        node.addEventHandler(MouseEvent.MOUSE_PRESSED, pressed);
        node.addEventHandler(MouseEvent.MOUSE_DRAGGED, dragged);
        node.addEventHandler(MouseEvent.MOUSE_RELEASED, released);
        return this;
    }

    public void uninstall(Node node) {
        node.removeEventHandler(MouseEvent.MOUSE_PRESSED, pressed);
        node.removeEventHandler(MouseEvent.MOUSE_DRAGGED, dragged);
        node.removeEventHandler(MouseEvent.MOUSE_RELEASED, released);
    }

    /** Runs after every event a tool received (to refresh outlines and cursors). */
    public void setAfterEvent(Runnable afterEvent) {
        this.afterEvent = afterEvent;
    }

    /** While disabled (e.g. Space held for panning) presses start no gesture. */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    private void onPressed(MouseEvent e) {
        if (!enabled || e.isConsumed() || gestureButton != null
                || (e.getButton() != MouseButton.PRIMARY && e.getButton() != MouseButton.SECONDARY)) {
            return;
        }
        gestureButton = e.getButton();
        tools.active().pressed(toToolEvent(e));
        e.consume();
        if (!tools.active().isActive()) {
            gestureButton = null;
        }
        afterEvent.run();
    }

    private void onDragged(MouseEvent e) {
        if (gestureButton == null) {
            return;
        }
        tools.active().dragged(toToolEvent(e));
        e.consume();
        afterEvent.run();
    }

    private void onReleased(MouseEvent e) {
        if (gestureButton == null || e.getButton() != gestureButton) {
            return;
        }
        tools.active().released(toToolEvent(e));
        gestureButton = null;
        e.consume();
        afterEvent.run();
    }

    private ToolEvent toToolEvent(MouseEvent e) {
        Point2D p = coordinates.toImage(e);
        boolean secondary = (gestureButton != null ? gestureButton : e.getButton()) == MouseButton.SECONDARY;
        return new ToolEvent(p.getX(), p.getY(), secondary, e.isShiftDown(), e.isAltDown(), e.getClickCount());
    }
}
