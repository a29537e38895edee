package com.maskfill.app.tools;

import java.util.List;
import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * The mask editing keys, as a KEY_PRESSED handler for the editor scene. Ignored while a text field
 * has the focus (typing a prompt must not switch tools).
 *
 * <pre>
 * B brush · E eraser · X swap brush/eraser · R rectangle · L lasso · Shift+L polygon lasso
 * [ ] size · Shift+[ ] hardness · M overlay on/off
 * Esc abandon the gesture · Enter close the polygon lasso
 * </pre>
 * Undo, redo, clear and invert (Ctrl+Z, Ctrl+Shift+Z / Ctrl+Y, Ctrl+Backspace, Ctrl+I) are the accelerators of
 * {@link MaskMenus}, one path for the menu and the keys; Ctrl means the platform shortcut key (Cmd on macOS).
 */
public final class ToolShortcuts implements EventHandler<KeyEvent> {

    /**
     * One key of this handler, for the Help ▸ Keyboard Shortcuts sheet.
     *
     * @param keys        as the sheet shows them
     * @param whileDrawing true for keys that act only during a gesture (Esc, Enter)
     */
    public record Key(KeyCode code, boolean shift, String keys, String does, boolean whileDrawing) {
    }

    /** Every key {@link #handle} acts on, in the sheet's order; ToolShortcutsTest checks they agree. */
    public static final List<Key> KEYS = List.of(
            new Key(KeyCode.B, false, "B", "Brush", false),
            new Key(KeyCode.E, false, "E", "Eraser", false),
            new Key(KeyCode.X, false, "X", "Swap brush and eraser", false),
            new Key(KeyCode.R, false, "R", "Rectangle", false),
            new Key(KeyCode.L, false, "L", "Lasso", false),
            new Key(KeyCode.L, true, "Shift+L", "Polygon lasso", false),
            new Key(KeyCode.OPEN_BRACKET, false, "[", "Smaller brush", false),
            new Key(KeyCode.CLOSE_BRACKET, false, "]", "Larger brush", false),
            new Key(KeyCode.OPEN_BRACKET, true, "Shift+[", "Softer brush", false),
            new Key(KeyCode.CLOSE_BRACKET, true, "Shift+]", "Harder brush", false),
            new Key(KeyCode.M, false, "M", "Mask overlay on or off", false),
            new Key(KeyCode.ESCAPE, false, "Esc", "Abandon the shape being drawn", true),
            new Key(KeyCode.ENTER, false, "Enter", "Close the polygon lasso", true));

    private final ToolBox tools;
    private final Runnable toggleOverlay;
    private Runnable afterAction = () -> { };

    public ToolShortcuts(ToolBox tools, Runnable toggleOverlay) {
        this.tools = tools;
        this.toggleOverlay = toggleOverlay;
    }

    /** Runs after every key this handler acted on (to refresh outlines and cursors). */
    public void setAfterAction(Runnable afterAction) {
        this.afterAction = afterAction;
    }

    public ToolShortcuts install(Scene scene) {
        scene.addEventHandler(KeyEvent.KEY_PRESSED, this);
        // Text fields use Ctrl+Z, Ctrl+Y and Ctrl+Backspace themselves and consume them, but not Ctrl+I: without
        // this, a menu accelerator would invert the mask while the user types a prompt.
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.isShortcutDown() && e.getCode() == KeyCode.I && scene.getFocusOwner() instanceof TextInputControl) {
                e.consume();
            }
        });
        return this;
    }

    @Override
    public void handle(KeyEvent e) {
        if (e.getEventType() != KeyEvent.KEY_PRESSED || e.isConsumed() || textInputFocused(e)) {
            return;
        }
        if (act(e)) {
            e.consume();
            afterAction.run();
        }
    }

    private boolean act(KeyEvent e) {
        KeyCode code = e.getCode();
        boolean shift = e.isShiftDown();
        if (e.isShortcutDown() || e.isAltDown()) {
            return false; // Ctrl+Z, Ctrl+Y, Ctrl+Backspace and Ctrl+I are the Edit and Mask menus' accelerators
        }
        switch (code) {
            case B -> tools.select(tools.brush());
            case E -> tools.select(tools.eraser());
            case X -> tools.swapBrushEraser();
            case R -> tools.select(tools.rectangle());
            case L -> tools.select(shift ? tools.polygonLasso() : tools.lasso());
            case M -> toggleOverlay.run();
            case OPEN_BRACKET -> {
                if (shift) {
                    tools.activeBrushSettings().decreaseHardness();
                } else {
                    tools.activeBrushSettings().decreaseSize();
                }
            }
            case CLOSE_BRACKET -> {
                if (shift) {
                    tools.activeBrushSettings().increaseHardness();
                } else {
                    tools.activeBrushSettings().increaseSize();
                }
            }
            case ESCAPE -> {
                if (!tools.active().isActive()) {
                    return false;
                }
                tools.active().cancel();
            }
            case ENTER -> {
                if (!tools.active().isActive()) {
                    return false;
                }
                tools.active().commit();
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private static boolean textInputFocused(KeyEvent e) {
        if (e.getTarget() instanceof TextInputControl) {
            return true;
        }
        if (e.getSource() instanceof Scene scene) {
            return scene.getFocusOwner() instanceof TextInputControl;
        }
        return e.getSource() instanceof Node node && node.getScene() != null
                && node.getScene().getFocusOwner() instanceof TextInputControl;
    }
}
