package com.maskfill.app.tools;

import com.maskfill.app.mask.MaskDocument;
import java.util.function.Supplier;

/** Paints towards 0 (keep). */
public final class EraserTool extends PaintTool {

    public EraserTool(Supplier<MaskDocument> document, BrushSettings settings) {
        super(document, settings);
    }

    @Override
    public String name() {
        return "Eraser";
    }

    @Override
    protected int target() {
        return 0;
    }

    @Override
    protected String strokeDescription() {
        return "Erase stroke";
    }
}
