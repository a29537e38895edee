package com.maskfill.app.tools;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.app.mask.MaskDocument;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.junit.jupiter.api.Test;

/** The keys the shortcuts sheet lists are the keys the handler acts on, and no others. */
class ToolShortcutsTest {

    private final ToolBox tools = new ToolBox(() -> new MaskDocument(200, 100));
    private final AtomicInteger overlayToggles = new AtomicInteger();
    private final ToolShortcuts shortcuts = new ToolShortcuts(tools, overlayToggles::incrementAndGet);

    private boolean acts(KeyCode code, boolean shift) {
        KeyEvent press = new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, shift, false, false, false);
        shortcuts.handle(press);
        return press.isConsumed();
    }

    @Test
    void everyListedKeyActsAndAnUnlistedOneDoesNot() {
        for (ToolShortcuts.Key key : ToolShortcuts.KEYS) {
            if (!key.whileDrawing()) {
                assertTrue(acts(key.code(), key.shift()), key.keys() + " is listed but does nothing");
            }
        }
        assertFalse(acts(KeyCode.Q, false));
        assertFalse(acts(KeyCode.ESCAPE, false), "Esc acts only while a shape is drawn, as the sheet says");
        assertTrue(overlayToggles.get() > 0);
    }

    @Test
    void everyKeyTheHandlerKnowsIsListed() {
        for (KeyCode code : KeyCode.values()) {
            for (boolean shift : new boolean[] {false, true}) {
                boolean listed = ToolShortcuts.KEYS.stream().anyMatch(k -> k.code() == code
                        && (k.shift() == shift || !k.shift() && ToolShortcuts.KEYS.stream()
                                .noneMatch(o -> o.code() == code && o.shift())));
                if (acts(code, shift)) {
                    assertTrue(listed, code + (shift ? " with Shift" : "") + " acts but the sheet does not list it");
                }
            }
        }
    }
}
