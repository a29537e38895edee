package com.maskfill.app.mask.fx;

import com.maskfill.app.mask.Mask;
import com.maskfill.app.mask.MaskListener;
import com.maskfill.app.mask.MaskOverlayRenderer;
import com.maskfill.app.mask.PixelRect;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Rectangle2D;
import javafx.scene.Group;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * The mask overlay as JavaFX nodes: image views over {@link PixelBuffer} tiles of at most
 * {@value #MAX_TILE}² pixels (the texture limit), laid out in image coordinates. A mask change
 * re-renders and uploads only the changed rectangle of the tiles it touches.
 * Put {@link #node()} in the canvas's image-space group, above the photo.
 */
public final class MaskOverlayLayer {

    public static final int MAX_TILE = 4096;

    private record Tile(PixelRect area, IntBuffer buffer, PixelBuffer<IntBuffer> pixels, WritableImage image) {
    }

    private final Mask mask;
    private final MaskOverlayRenderer renderer;
    private final List<Tile> tiles = new ArrayList<>();
    private final Group group = new Group();
    private final MaskListener listener = this::update;

    public MaskOverlayLayer(Mask mask, MaskOverlayRenderer renderer) {
        this.mask = mask;
        this.renderer = renderer;
        for (int y = 0; y < mask.height(); y += MAX_TILE) {
            for (int x = 0; x < mask.width(); x += MAX_TILE) {
                PixelRect area = new PixelRect(x, y, Math.min(MAX_TILE, mask.width() - x), Math.min(MAX_TILE, mask.height() - y));
                IntBuffer buffer = IntBuffer.allocate(area.width() * area.height());
                PixelBuffer<IntBuffer> pixels = new PixelBuffer<>(area.width(), area.height(), buffer,
                        PixelFormat.getIntArgbPreInstance());
                WritableImage image = new WritableImage(pixels);
                ImageView view = new ImageView(image);
                view.setLayoutX(x);
                view.setLayoutY(y);
                view.setMouseTransparent(true);
                group.getChildren().add(view);
                tiles.add(new Tile(area, buffer, pixels, image));
            }
        }
        group.setMouseTransparent(true);
        update(mask.bounds());
        mask.addListener(listener);
    }

    public Group node() {
        return group;
    }

    public Mask mask() {
        return mask;
    }

    /** M: shows or hides the overlay. */
    public void toggleVisible() {
        group.setVisible(!group.isVisible());
    }

    /** Re-renders everything, after the renderer's colour, opacity or mode changed. */
    public void refresh() {
        update(mask.bounds());
    }

    /** Stops following the mask (when another image is opened). */
    public void dispose() {
        mask.removeListener(listener);
    }

    /** The image of the display tile holding image pixel (x, y); for tests and the pixel readout. */
    public WritableImage tileImageAt(int x, int y) {
        for (Tile t : tiles) {
            if (t.area().contains(x, y)) {
                return t.image();
            }
        }
        throw new IndexOutOfBoundsException("Pixel (" + x + ", " + y + ") is outside the overlay");
    }

    private void update(PixelRect dirty) {
        for (Tile t : tiles) {
            PixelRect local = renderer.renderIntoTile(mask, dirty, t.buffer(), t.area());
            if (!local.isEmpty()) {
                t.pixels().updateBuffer(pb -> new Rectangle2D(local.x(), local.y(), local.width(), local.height()));
            }
        }
    }
}
