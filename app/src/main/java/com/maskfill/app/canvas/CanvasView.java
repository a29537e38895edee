package com.maskfill.app.canvas;

import java.awt.image.BufferedImage;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ObservableList;
import javafx.scene.Cursor;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Affine;

/**
 * The photo and everything drawn over it, with zoom and pan.
 *
 * <p>Zooming and panning never touch pixels: raster layers (the photo, the mask overlay) only move and scale
 * their display tiles, and vector layers sit in one transformed group. Wheel zooms around the cursor; the middle
 * button, or the primary button while {@link #panModeProperty() pan mode} is on (Space held), pans.
 */
public final class CanvasView extends Region {

    /** Zoom factor of one wheel notch. */
    public static final double WHEEL_STEP = 1.2;
    private static final double WHEEL_NOTCH = 40;
    private static final double FIT_MARGIN = 16;
    /** From this zoom on, pixels are shown as crisp squares rather than blurred. */
    private static final double CRISP_FROM = 2;

    private final Group rasterLayers = new Group();
    private final TiledImageLayer photo = new TiledImageLayer();
    private TileRenderer photoRenderer;
    private final Group vectorLayers = new Group();
    private final Affine vectorTransform = new Affine();
    private final Pane viewOverlay = new Pane();
    private final Pane viewControls = new Pane();
    private final Label placeholder = new Label();

    private final ReadOnlyObjectWrapper<ViewTransform> transform = new ReadOnlyObjectWrapper<>(ViewTransform.IDENTITY);
    private final ReadOnlyObjectWrapper<CanvasPoint> pointer = new ReadOnlyObjectWrapper<>();
    private final BooleanProperty panMode = new SimpleBooleanProperty(false);
    private final ObjectProperty<Cursor> toolCursor = new SimpleObjectProperty<>(Cursor.DEFAULT);

    private int imageWidth;
    private int imageHeight;
    /** True while the view shows the fitted image and the user has not zoomed: resizing the window refits. */
    private boolean fitted;
    /** The largest scale of the current fit: 1 after opening (small images stay at 100 %), unbounded after Fit. */
    private double fitMaxScale = 1;
    private double panLastX;
    private double panLastY;
    private boolean panning;

    public CanvasView() {
        getStyleClass().add("canvas-view");
        rasterLayers.getChildren().add(photo);
        vectorLayers.getTransforms().add(vectorTransform);
        viewOverlay.setMouseTransparent(true);
        viewOverlay.setManaged(false);
        placeholder.getStyleClass().add("canvas-placeholder");
        placeholder.setMouseTransparent(true);
        // Controls over the photo (the before/after divider) take the mouse only where they are drawn.
        viewControls.setPickOnBounds(false);
        viewControls.setManaged(false);
        getChildren().addAll(rasterLayers, vectorLayers, viewOverlay, viewControls, placeholder);

        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);

        transform.addListener((obs, old, t) -> applyTransform(t));
        panMode.addListener((obs, old, on) -> updateCursor());
        toolCursor.addListener((obs, old, c) -> updateCursor());
        // Clicking the canvas takes the keyboard away from text fields, so Space pans and shortcuts reach tools.
        setFocusTraversable(true);
        addEventFilter(MouseEvent.MOUSE_PRESSED, e -> requestFocus());
        addEventFilter(MouseEvent.MOUSE_PRESSED, this::startPan);
        addEventFilter(MouseEvent.MOUSE_DRAGGED, this::continuePan);
        addEventFilter(MouseEvent.MOUSE_RELEASED, this::endPan);
        addEventHandler(MouseEvent.MOUSE_MOVED, this::trackPointer);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::trackPointer);
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> pointer.set(null));
        addEventHandler(ScrollEvent.SCROLL, this::zoomWithWheel);
        addEventHandler(ZoomEvent.ZOOM, e -> zoomAt(e.getZoomFactor(), e.getX(), e.getY()));
    }

    // --- content ---

    /** Shows a new image, fitted to the view (never enlarged past 100 %). */
    public void setImage(BufferedImage argb) {
        imageWidth = argb.getWidth();
        imageHeight = argb.getHeight();
        photoRenderer = new ArgbImageRenderer(argb);
        photo.reset(imageWidth, imageHeight, photoRenderer);
        placeholder.setVisible(false);
        fitTo(1);
        applyTransform(transform.get()); // the new tiles need placing even when the transform is unchanged
    }

    /** Shows no image again, only the placeholder text (the photo was closed). */
    public void clearImage() {
        imageWidth = 0;
        imageHeight = 0;
        photoRenderer = null;
        photo.reset(0, 0, null);
        placeholder.setVisible(true);
    }

    /** Shows again the photo's pixels in a rectangle, after they were changed in place (a result applied). */
    public void repaintPhoto(int x, int y, int width, int height) {
        if (photoRenderer != null) {
            photo.repaint(x, y, width, height, photoRenderer);
        }
    }

    /** True from this zoom on: pixels show as crisp squares. */
    public boolean isCrisp() {
        return transform.get().scale() >= CRISP_FROM;
    }

    public boolean hasImage() {
        return imageWidth > 0;
    }

    public int imageWidth() {
        return imageWidth;
    }

    public int imageHeight() {
        return imageHeight;
    }

    /**
     * Adds a raster layer over the photo (mask overlay, result layers), sized like the photo and kept aligned
     * with it at every zoom.
     */
    public void addRasterLayer(TiledImageLayer layer) {
        rasterLayers.getChildren().add(layer);
        layer.layout(transform.get(), CRISP_FROM);
    }

    public void removeRasterLayer(TiledImageLayer layer) {
        rasterLayers.getChildren().remove(layer);
    }

    /** Shapes drawn over the photo in image coordinates (selection outlines, lasso paths); zoom and pan with it. */
    public ObservableList<Node> vectorLayers() {
        return vectorLayers.getChildren();
    }

    /** A pane over everything in view coordinates (brush cursor, guides); it does not receive the mouse. */
    public Pane viewOverlay() {
        return viewOverlay;
    }

    /**
     * A pane over everything in view coordinates whose children receive the mouse (and keep it from the tools);
     * its empty parts let events through to the canvas.
     */
    public Pane viewControls() {
        return viewControls;
    }

    /** The pointer shown over the canvas while it is not panning (the active tool's, e.g. + or − for the mask). */
    public ObjectProperty<Cursor> toolCursorProperty() {
        return toolCursor;
    }

    public void setPlaceholderText(String text) {
        placeholder.setText(text);
    }

    // --- view ---

    public ReadOnlyObjectProperty<ViewTransform> transformProperty() {
        return transform.getReadOnlyProperty();
    }

    public ViewTransform getTransform() {
        return transform.get();
    }

    /** The pointer over the canvas in view and image coordinates; null when it is outside. */
    public ReadOnlyObjectProperty<CanvasPoint> pointerProperty() {
        return pointer.getReadOnlyProperty();
    }

    /** On while Space is held: the primary button then pans instead of reaching the tools. */
    public BooleanProperty panModeProperty() {
        return panMode;
    }

    public void fit() {
        if (hasImage()) {
            fitTo(Double.POSITIVE_INFINITY);
        }
    }

    /** 100 %: one image pixel per screen pixel, keeping the image point at the view's centre still. */
    public void actualSize() {
        if (hasImage()) {
            fitted = false;
            transform.set(transform.get().withScaleAt(1, getWidth() / 2, getHeight() / 2));
        }
    }

    public void zoomIn() {
        zoomAt(WHEEL_STEP, getWidth() / 2, getHeight() / 2);
    }

    public void zoomOut() {
        zoomAt(1 / WHEEL_STEP, getWidth() / 2, getHeight() / 2);
    }

    /** Zooms by {@code factor} keeping the image point under the view point (x, y) still. */
    public void zoomAt(double factor, double x, double y) {
        if (hasImage() && factor > 0 && factor != 1) {
            fitted = false;
            transform.set(transform.get().zoomedAt(factor, x, y));
        }
    }

    public void panBy(double dx, double dy) {
        if (hasImage()) {
            fitted = false;
            transform.set(transform.get().pannedBy(dx, dy));
        }
    }

    private void fitTo(double maxScale) {
        fitted = true;
        fitMaxScale = maxScale;
        transform.set(fitTransform());
    }

    private ViewTransform fitTransform() {
        double w = getWidth() > 0 ? getWidth() : prefWidth(-1);
        double h = getHeight() > 0 ? getHeight() : prefHeight(-1);
        return ViewTransform.fitting(imageWidth, imageHeight, w, h, FIT_MARGIN, fitMaxScale);
    }

    private void applyTransform(ViewTransform t) {
        vectorTransform.setToTransform(t.scale(), 0, t.translateX(), 0, t.scale(), t.translateY());
        for (Node layer : rasterLayers.getChildren()) {
            ((TiledImageLayer) layer).layout(t, CRISP_FROM);
        }
    }

    // --- input ---

    private boolean isPanGesture(MouseEvent e) {
        return e.getButton() == MouseButton.MIDDLE || (e.getButton() == MouseButton.PRIMARY && panMode.get());
    }

    private void startPan(MouseEvent e) {
        if (isPanGesture(e) && hasImage()) {
            panning = true;
            panLastX = e.getX();
            panLastY = e.getY();
            updateCursor();
            e.consume();
        }
    }

    private void continuePan(MouseEvent e) {
        if (panning) {
            panBy(e.getX() - panLastX, e.getY() - panLastY);
            panLastX = e.getX();
            panLastY = e.getY();
            trackPointer(e);
            e.consume();
        }
    }

    private void endPan(MouseEvent e) {
        if (panning) {
            panning = false;
            updateCursor();
            e.consume();
        }
    }

    private void trackPointer(MouseEvent e) {
        pointer.set(hasImage() ? transform.get().at(e.getX(), e.getY()) : null);
    }

    private void zoomWithWheel(ScrollEvent e) {
        if (e.getDeltaY() != 0) {
            zoomAt(Math.pow(WHEEL_STEP, e.getDeltaY() / WHEEL_NOTCH), e.getX(), e.getY());
            pointer.set(hasImage() ? transform.get().at(e.getX(), e.getY()) : null);
            e.consume();
        }
    }

    private void updateCursor() {
        setCursor(panning ? Cursor.CLOSED_HAND : panMode.get() ? Cursor.OPEN_HAND : toolCursor.get());
    }

    // --- layout ---

    @Override
    protected void layoutChildren() {
        viewOverlay.resizeRelocate(0, 0, getWidth(), getHeight());
        viewControls.resizeRelocate(0, 0, getWidth(), getHeight());
        placeholder.autosize();
        placeholder.relocate((getWidth() - placeholder.getWidth()) / 2, (getHeight() - placeholder.getHeight()) / 2);
        if (fitted && hasImage()) {
            transform.set(fitTransform());
        }
    }

    @Override
    protected double computePrefWidth(double height) {
        return 800;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 600;
    }
}
