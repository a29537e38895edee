package com.maskfill.app.tools;

import com.maskfill.app.mask.MaskDocument;
import com.maskfill.app.mask.MaskStroke;
import java.awt.Shape;
import java.util.Objects;
import java.util.function.Supplier;

/** Shared by rectangle and lasso tools: fill a closed shape into the mask as one antialiased edit. */
public abstract class ShapeTool implements Tool {

    private final Supplier<MaskDocument> document;
    private ShapeMode mode = ShapeMode.ADD;

    protected ShapeTool(Supplier<MaskDocument> document) {
        this.document = document;
    }

    public ShapeMode mode() {
        return mode;
    }

    public void setMode(ShapeMode mode) {
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    /** Adds ({@code ADD}) or subtracts the shape as one history entry; nothing when it changes nothing. */
    protected void apply(Shape shape, ShapeMode gestureMode) {
        MaskDocument doc = document.get();
        MaskStroke stroke = new MaskStroke(doc.mask(), gestureMode.target(), 1.0);
        stroke.cover(shape);
        doc.history().push(stroke.finish((gestureMode == ShapeMode.ADD ? "Add " : "Subtract ") + name().toLowerCase()));
    }
}
