package com.maskfill.app.ui;

import com.maskfill.app.settings.AppSettings;
import com.maskfill.app.tools.BrushSettings;
import com.maskfill.app.tools.ToolBox;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Brush and eraser come back with the size and hardness they had when the editor last closed: the settings carry
 * them, kept up to date as they change and written with the window's other settings.
 */
final class RememberedBrushes {

    private RememberedBrushes() {
    }

    static void attach(AppSettings settings, ToolBox tools) {
        remember(tools.brush().settings(), () -> settings.brush, m -> settings.brush = m);
        remember(tools.eraser().settings(), () -> settings.eraser, m -> settings.eraser = m);
    }

    private static void remember(BrushSettings brush, Supplier<AppSettings.BrushMemory> saved,
                                 Consumer<AppSettings.BrushMemory> save) {
        AppSettings.BrushMemory memory = saved.get();
        if (memory != null) {
            try {
                brush.setSize(memory.size());
                brush.setHardness(memory.hardness());
            } catch (IllegalArgumentException e) {
                // a hand-edited value out of range: the defaults stay
            }
        }
        brush.addListener(() -> save.accept(new AppSettings.BrushMemory(brush.size(), brush.hardness())));
    }
}
