package com.maskfill.app.tools;

import com.maskfill.app.canvas.CanvasPoint;
import com.maskfill.app.canvas.CanvasView;
import com.maskfill.app.canvas.TileRenderer;
import com.maskfill.app.canvas.TiledImageLayer;
import com.maskfill.app.canvas.ViewTransform;
import com.maskfill.app.history.UndoHistory;
import com.maskfill.app.mask.Mask;
import com.maskfill.app.mask.MaskDocument;
import com.maskfill.app.mask.MaskListener;
import com.maskfill.app.mask.MaskEdge;
import com.maskfill.app.mask.MaskOverlayRenderer;
import com.maskfill.app.mask.MaskPatch;
import com.maskfill.app.mask.PixelRect;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Polyline;

/**
 * Puts the mask tools on a {@link CanvasView}: the mask overlay as a raster layer over the photo (only the
 * changed rectangle of a display tile is re-rendered and uploaded), pointer events to the active tool, the
 * brush cursor and shape outlines, and the shortcut keys. One per editor window; {@link #open} starts a
 * new empty mask and history for each opened image.
 */
public final class CanvasMaskTools {

    private final CanvasView canvas;
    private final ToolBox tools;
    private final MaskOverlayRenderer renderer = new MaskOverlayRenderer();
    private final TiledImageLayer overlay = new TiledImageLayer();
    private final ReadOnlyObjectWrapper<MaskDocument> document = new ReadOnlyObjectWrapper<>();
    private final BooleanProperty overlayVisible = new SimpleBooleanProperty(true);
    private final BooleanProperty overlaySuppressed = new SimpleBooleanProperty(false);
    private final Circle cursorOuter = new Circle();
    private final Circle cursorInner = new Circle();
    private final Polyline outline = new Polyline();
    private final ToolPointerInput input;
    /** Whether the press under way found the keyboard focus elsewhere than on the canvas. */
    private boolean pressTookFocus;
    /** The would-be mask shown in place of the mask's values while a command's dialog is open; null: none. */
    private MaskPatch preview;
    private final TileRenderer tileRenderer = (x, y, w, h, dst, offset, stride) -> {
        PixelRect area = new PixelRect(x, y, w, h);
        renderer.render(document.get().mask(), area, dst, offset, stride);
        PixelRect previewed = preview == null ? PixelRect.EMPTY : area.intersect(preview.region());
        if (!previewed.isEmpty()) {
            renderer.render(preview, previewed, dst, offset + (previewed.y() - y) * stride + (previewed.x() - x),
                    stride);
        }
    };
    private final MaskListener repaint = dirty ->
            overlay.repaint(dirty.x(), dirty.y(), dirty.width(), dirty.height(), tileRenderer);

    public CanvasMaskTools(CanvasView canvas) {
        this.canvas = canvas;
        this.tools = new ToolBox(document::get);
        overlay.setMouseTransparent(true);
        overlay.visibleProperty().bind(overlayVisible.and(overlaySuppressed.not()));
        canvas.addRasterLayer(overlay);
        new ToolCursors(canvas, tools);

        input = new ToolPointerInput(tools, e -> {
            CanvasPoint p = canvas.getTransform().at(e.getX(), e.getY());
            return new Point2D(p.imageX(), p.imageY());
        });
        input.setAfterEvent(this::refreshOutline);
        input.setEnabled(false); // until an image is open
        // A click that only brings the keyboard back to the canvas (from the prompt, a field, the queue) paints
        // nothing: the designer clicked to leave the text, not to mask. Registered before the tools' handler.
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            if (pressTookFocus && e.getButton() != MouseButton.MIDDLE) {
                e.consume();
            }
        });
        input.install(canvas);

        for (Circle c : new Circle[] {cursorOuter, cursorInner}) {
            c.setFill(null);
            c.setMouseTransparent(true);
            c.setVisible(false);
        }
        cursorOuter.setStroke(Color.rgb(0, 0, 0, 0.7));
        cursorOuter.setStrokeWidth(3);
        cursorInner.setStroke(Color.WHITE);
        cursorInner.setStrokeWidth(1);
        canvas.viewOverlay().getChildren().addAll(cursorOuter, cursorInner);
        outline.setStroke(Color.WHITE);
        outline.setFill(null);
        outline.setMouseTransparent(true);
        outline.getStrokeDashArray().setAll(4.0, 4.0);
        canvas.vectorLayers().add(outline);

        canvas.pointerProperty().addListener((obs, old, p) -> refreshCursor());
        canvas.transformProperty().addListener((obs, old, t) -> {
            refreshCursor();
            refreshOutline();
        });
        tools.addListener(() -> {
            refreshCursor();
            refreshOutline();
        });
        tools.brush().settings().addListener(this::refreshCursor);
        tools.eraser().settings().addListener(this::refreshCursor);
    }

    /**
     * Starts an empty mask and history for a newly opened image of this size.
     */
    public void open(int width, int height) {
        open(new Mask(width, height));
    }

    /**
     * As {@link #open(int, int)} but starting from an existing mask (a project's), with an empty history:
     * the loaded mask is where undo stops.
     */
    public void open(Mask mask) {
        open(mask, new UndoHistory());
    }

    /**
     * Shows another mask over the same undo history: the photo changed size by an edit that is itself in that
     * history (Extend Canvas), so everything before it stays undoable.
     */
    public void replaceMask(Mask mask) {
        open(mask, document.get().history());
    }

    private void open(Mask mask, UndoHistory history) {
        int width = mask.width();
        int height = mask.height();
        for (Tool t : tools.all()) {
            t.cancel();
        }
        MaskDocument old = document.get();
        if (old != null) {
            old.mask().removeListener(repaint);
        }
        preview = null;
        MaskDocument doc = new MaskDocument(mask, history);
        document.set(doc);
        tools.brush().forgetLastPoint();
        tools.eraser().forgetLastPoint();
        overlay.reset(width, height, tileRenderer);
        // Re-adding lays the new tiles out for the current view (and keeps the overlay above the photo).
        canvas.removeRasterLayer(overlay);
        canvas.addRasterLayer(overlay);
        doc.mask().addListener(repaint);
        input.setEnabled(true);
        refreshOutline();
    }

    /** Back to the state before any image was open (File ▸ Close): no mask, no history, no painting. */
    public void close() {
        for (Tool t : tools.all()) {
            t.cancel();
        }
        MaskDocument old = document.get();
        if (old != null) {
            old.mask().removeListener(repaint);
        }
        document.set(null);
        preview = null;
        overlay.reset(0, 0, tileRenderer);
        input.setEnabled(false);
        refreshOutline();
    }

    /** Adds the shortcut keys (tools, sizes, overlay, undo, clear, invert) to the window. */
    public void install(Scene scene) {
        // The scene sees a press before the canvas, which takes the focus as soon as it sees one.
        scene.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> pressTookFocus = scene.getFocusOwner() != canvas);
        ToolShortcuts keys = new ToolShortcuts(tools, this::toggleOverlay);
        keys.setAfterAction(this::refreshOutline);
        keys.install(scene);
    }

    public ToolBox tools() {
        return tools;
    }

    /** The current image's mask, history and commands; null before an image is open. */
    public MaskDocument document() {
        return document.get();
    }

    public ReadOnlyObjectProperty<MaskDocument> documentProperty() {
        return document.getReadOnlyProperty();
    }

    /** The overlay raster layer (for tests and screenshots). */
    public TiledImageLayer overlayLayer() {
        return overlay;
    }

    // --- overlay ---

    public BooleanProperty overlayVisibleProperty() {
        return overlayVisible;
    }

    /**
     * While true the overlay is hidden whatever M says (a before/after comparison is on), without changing what M
     * and the menu show.
     */
    public BooleanProperty overlaySuppressedProperty() {
        return overlaySuppressed;
    }

    /** M. */
    public void toggleOverlay() {
        overlayVisible.set(!overlayVisible.get());
    }

    /** Colour (0xRRGGBB) and opacity (0–1) of the overlay. */
    public void setOverlayStyle(int rgb, double opacity) {
        renderer.setOverlay(rgb, opacity);
        repaintAll();
    }

    /** Shows the mask alone in black and white instead of tinting the photo. */
    public void setMaskOnly(boolean maskOnly) {
        renderer.setMode(maskOnly ? MaskOverlayRenderer.Mode.MASK_ONLY : MaskOverlayRenderer.Mode.OVERLAY);
        repaintAll();
    }

    public MaskOverlayRenderer overlayRenderer() {
        return renderer;
    }

    /**
     * Shows on the overlay what growing, shrinking or feathering by {@code radius} would make, without changing
     * the mask or its history (the command's dialog is open); {@link #endPreview} shows the mask again.
     */
    public void previewEdge(MaskEdge edge, int radius) {
        if (document.get() != null) {
            showPreview(document.get().commands().previewEdge(edge, radius).orElse(null));
        }
    }

    /** The overlay shows the mask as it is again (the dialog was cancelled, or its command applied). */
    public void endPreview() {
        showPreview(null);
    }

    /** True while the overlay shows a would-be mask. */
    public boolean previewing() {
        return preview != null;
    }

    private void showPreview(MaskPatch next) {
        PixelRect dirty = preview == null ? PixelRect.EMPTY : preview.region();
        preview = next;
        if (next != null) {
            dirty = dirty.isEmpty() ? next.region() : dirty.union(next.region());
        }
        if (!dirty.isEmpty() && document.get() != null) {
            repaint.maskChanged(dirty);
        }
    }

    // --- commands for menus (the same guards as the keys: nothing mid-gesture) ---

    public boolean undo() {
        return idle() && document.get().history().undo();
    }

    public boolean redo() {
        return idle() && document.get().history().redo();
    }

    public boolean clear() {
        return idle() && document.get().commands().clear();
    }

    public boolean fillAll() {
        return idle() && document.get().commands().fillAll();
    }

    public boolean invert() {
        return idle() && document.get().commands().invert();
    }

    /** True when a mask is open and no gesture is under way. */
    public boolean idle() {
        return document.get() != null && !tools.active().isActive();
    }

    private void repaintAll() {
        if (document.get() != null) {
            repaint.maskChanged(document.get().mask().bounds());
        }
    }

    // --- cursor and outlines ---

    private void refreshCursor() {
        CanvasPoint p = canvas.pointerProperty().get();
        boolean show = p != null && document.get() != null && tools.active() instanceof PaintTool
                && !overViewControls();
        cursorOuter.setVisible(show);
        cursorInner.setVisible(show);
        if (!show) {
            return;
        }
        double r = Math.max(1, ((PaintTool) tools.active()).settings().size() / 2 * canvas.getTransform().scale());
        for (Circle c : new Circle[] {cursorOuter, cursorInner}) {
            c.setCenterX(p.viewX());
            c.setCenterY(p.viewY());
            c.setRadius(r);
        }
    }

    /** Over a control on the canvas (the before/after divider) a press moves it, so no brush ring is drawn there. */
    private boolean overViewControls() {
        return canvas.viewControls().getChildren().stream().anyMatch(javafx.scene.Node::isHover);
    }

    private void refreshOutline() {
        Optional<ToolPreview> preview = document.get() == null ? Optional.empty() : tools.active().preview();
        if (preview.isEmpty()) {
            outline.getPoints().clear();
            outline.setVisible(false);
            return;
        }
        ToolPreview shape = preview.get();
        Double[] points = new Double[(shape.size() + (shape.closed() ? 1 : 0)) * 2];
        for (int i = 0; i < shape.size(); i++) {
            points[2 * i] = shape.xs()[i];
            points[2 * i + 1] = shape.ys()[i];
        }
        if (shape.closed() && shape.size() > 0) {
            points[points.length - 2] = shape.xs()[0];
            points[points.length - 1] = shape.ys()[0];
        }
        outline.getPoints().setAll(points);
        ViewTransform t = canvas.getTransform();
        outline.setStrokeWidth(1 / t.scale()); // one screen pixel at any zoom
        outline.getStrokeDashArray().setAll(4 / t.scale(), 4 / t.scale());
        outline.setVisible(true);
    }
}
