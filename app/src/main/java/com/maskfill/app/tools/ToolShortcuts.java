package com.maskfill.app.tools;

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
