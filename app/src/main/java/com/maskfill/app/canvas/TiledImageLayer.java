package com.maskfill.app.canvas;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
 * An image-sized layer shown as tiles of at most {@value #TILE} × {@value #TILE} pixels, each backed by a
 * {@link PixelBuffer} the renderer writes into directly.
 *
 * <p>Tiles keep every texture within what any GPU draws (an 8K photo in one texture is refused by some), and
 * {@link #repaint} uploads only the changed rectangle of the tiles it touches, which keeps a brush dab cheap
 * whatever the image size.
 *
 * <p>The layer lives in view coordinates: {@link #layout(ViewTransform)} places every tile on whole screen pixels.
 * Scaling the tiles as one group instead would put their shared edges between screen pixels, and the two
 * half-covered edge pixels show the background through them as a thin line.
 */
public final class TiledImageLayer extends Group {

    public static final int TILE = 2048;

    private final List<Tile> tiles = new ArrayList<>();
    private int width;
    private int height;
    private boolean smooth = true;

    private record Tile(int x, int y, int w, int h, PixelBuffer<IntBuffer> buffer, ImageView view) {
    }

    /** Recreates the tiles for an image of the given size and paints all of it with {@code renderer}. */
    public void reset(int width, int height, TileRenderer renderer) {
        this.width = width;
        this.height = height;
        tiles.clear();
        List<ImageView> views = new ArrayList<>();
        for (int ty = 0; ty < height; ty += TILE) {
            for (int tx = 0; tx < width; tx += TILE) {
                int w = Math.min(TILE, width - tx);
                int h = Math.min(TILE, height - ty);
                IntBuffer pixels = ByteBuffer.allocateDirect(w * h * Integer.BYTES)
                        .order(ByteOrder.nativeOrder()).asIntBuffer();
                renderer.render(tx, ty, w, h, pixels, 0, w);
                PixelBuffer<IntBuffer> buffer = new PixelBuffer<>(w, h, pixels, PixelFormat.getIntArgbPreInstance());
                ImageView view = new ImageView(new WritableImage(buffer));
                view.setSmooth(smooth);
                tiles.add(new Tile(tx, ty, w, h, buffer, view));
                views.add(view);
            }
        }
        getChildren().setAll(views);
    }

    /** Removes all tiles. */
    public void clear() {
        width = 0;
        height = 0;
        tiles.clear();
        getChildren().clear();
    }

    /** Re-renders the image rectangle {@code [x, x+w) × [y, y+h)} and uploads only that part of each tile. */
    public void repaint(int x, int y, int w, int h, TileRenderer renderer) {
        int x0 = Math.max(0, x);
        int y0 = Math.max(0, y);
        int x1 = Math.min(width, x + w);
        int y1 = Math.min(height, y + h);
        if (x0 >= x1 || y0 >= y1) {
            return;
        }
        for (Tile tile : tiles) {
            int ix0 = Math.max(x0, tile.x);
            int iy0 = Math.max(y0, tile.y);
            int ix1 = Math.min(x1, tile.x + tile.w);
            int iy1 = Math.min(y1, tile.y + tile.h);
            if (ix0 >= ix1 || iy0 >= iy1) {
                continue;
            }
            tile.buffer.updateBuffer(buffer -> {
                int offset = (iy0 - tile.y) * tile.w + (ix0 - tile.x);
                // The render thread moves the shared buffer's position and limit while it uploads a tile, and
                // absolute puts check the limit: renderers write through a view with limits of its own.
                IntBuffer view = buffer.getBuffer().duplicate();
                view.clear();
                renderer.render(ix0, iy0, ix1 - ix0, iy1 - iy0, view, offset, tile.w);
                return new Rectangle2D(ix0 - tile.x, iy0 - tile.y, ix1 - ix0, iy1 - iy0);
            });
        }
    }

    /**
     * Places the tiles for a view: each tile's edges are rounded to whole screen pixels, so neighbours meet
     * exactly. Zoomed out, pixels are sampled smoothly; from {@code crispFrom} on they show as crisp squares.
     */
    public void layout(ViewTransform transform, double crispFrom) {
        boolean wantSmooth = transform.scale() < crispFrom;
        for (Tile tile : tiles) {
            double left = Math.round(transform.toViewX(tile.x));
            double top = Math.round(transform.toViewY(tile.y));
            double right = Math.round(transform.toViewX(tile.x + tile.w));
            double bottom = Math.round(transform.toViewY(tile.y + tile.h));
            tile.view.setX(left);
            tile.view.setY(top);
            tile.view.setFitWidth(Math.max(1, right - left));
            tile.view.setFitHeight(Math.max(1, bottom - top));
            if (smooth != wantSmooth) {
                tile.view.setSmooth(wantSmooth);
            }
        }
        smooth = wantSmooth;
    }
}
