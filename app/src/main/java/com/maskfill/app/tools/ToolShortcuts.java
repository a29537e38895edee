package com.maskfill.app.tools;

import com.maskfill.app.mask.MaskDocument;
import java.util.function.Supplier;
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
 * Ctrl+Z undo · Ctrl+Shift+Z / Ctrl+Y redo · Ctrl+Backspace clear mask · Ctrl+I invert mask
 * Esc abandon the gesture · Enter close the polygon lasso
 * </pre>
 * Ctrl means the platform shortcut key (Cmd on macOS).
 */
public final class ToolShortcuts implements EventHandler<KeyEvent> {

    private final ToolBox tools;
    private final Supplier<MaskDocument> document;
    private final Runnable toggleOverlay;
    private Runnable afterAction = () -> { };

    public ToolShortcuts(ToolBox tools, Supplier<MaskDocument> document, Runnable toggleOverlay) {
        this.tools = tools;
        this.document = document;
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
        boolean shortcut = e.isShortcutDown();
        boolean shift = e.isShiftDown();
        MaskDocument doc = document.get();
        if (shortcut) {
            if (doc == null || tools.active().isActive()) {
                return false; // no history changes in the middle of a gesture
            }
            switch (code) {
                case Z -> {
                    if (shift) {
                        doc.history().redo();
                    } else {
                        doc.history().undo();
                    }
                }
                case Y -> doc.history().redo();
                case BACK_SPACE -> doc.commands().clear();
                case I -> doc.commands().invert();
                default -> {
                    return false;
                }
            }
            return true;
        }
        if (e.isAltDown()) {
            return false;
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
