package com.maskfill.app.tools;

import com.maskfill.app.mask.MaskDocument;
import java.util.function.Supplier;

/** Paints towards 255 (regenerate). */
public final class BrushTool extends PaintTool {

    public BrushTool(Supplier<MaskDocument> document, BrushSettings settings) {
        super(document, settings);
    }

    @Override
    public String name() {
        return "Brush";
    }

    @Override
    protected int target() {
        return 255;
    }

    @Override
    protected String strokeDescription() {
        return "Brush stroke";
    }
}
