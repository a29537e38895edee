package com.maskfill.app.canvas;

import com.maskfill.engine.api.pipeline.Region;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.Group;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.shape.Rectangle;

/**
 * A result shown over the photo, in image coordinates (it lives in the canvas's vector layers, so it zooms and
 * pans with the photo). Only the result's region is drawn, through the layer's alpha (its blend weight), so
 * around the result's mask and feather the photo shows as it is now, as Apply would leave it; a split position
 * reveals the photo to its left (before) and keeps the result to its right (after), for comparison.
 */
public final class ResultLayerView extends Group {

    private final ImageView view = new ImageView();
    private final Rectangle clip = new Rectangle();
    private final DoubleProperty split = new SimpleDoubleProperty(0);
    private int imageWidth;
    /** True for the result compared with the shown one: it is drawn left of the split instead of right. */
    private final boolean leftOfSplit;

    public ResultLayerView() {
        this(false);
    }

    /** @param leftOfSplit draw the result left of the split (in place of the photo) rather than right of it */
    public ResultLayerView(boolean leftOfSplit) {
        this.leftOfSplit = leftOfSplit;
        view.setClip(clip);
        getChildren().add(view);
        setMouseTransparent(true);
        split.addListener((obs, old, now) -> updateClip());
        setVisible(false);
    }

    /** Shows {@code pixels} (ARGB, not premultiplied) at {@code region} of an image {@code imageWidth} wide; null hides the view. */
    public void show(BufferedImage pixels, Region region, int imageWidth) {
        if (pixels == null) {
            view.setImage(null);
            setVisible(false);
            return;
        }
        this.imageWidth = imageWidth;
        WritableImage image = new WritableImage(region.width(), region.height());
        int[] argb = pixels.getType() == BufferedImage.TYPE_INT_ARGB
                ? ((DataBufferInt) pixels.getRaster().getDataBuffer()).getData()
                : pixels.getRGB(0, 0, region.width(), region.height(), null, 0, region.width());
        image.getPixelWriter().setPixels(0, 0, region.width(), region.height(), PixelFormat.getIntArgbInstance(),
                argb, 0, region.width());
        view.setImage(image);
        view.setX(region.x());
        view.setY(region.y());
        updateClip();
        setVisible(true);
    }

    /**
     * Where the comparison splits, as a fraction of the photo's width: the photo (before) is shown left of it, the
     * result (after) right of it, as in before/after views elsewhere. 0 shows the whole result.
     */
    public DoubleProperty splitProperty() {
        return split;
    }

    /** Crisp pixels when zoomed in, like the photo. */
    public void setCrisp(boolean crisp) {
        view.setSmooth(!crisp);
    }

    private void updateClip() {
        if (view.getImage() == null) {
            return;
        }
        double splitX = split.get() * imageWidth;
        double left = leftOfSplit ? view.getX() : Math.max(view.getX(), splitX);
        double right = leftOfSplit ? Math.min(view.getX() + view.getImage().getWidth(), splitX)
                : view.getX() + view.getImage().getWidth();
        clip.setX(left);
        clip.setY(view.getY());
        clip.setWidth(Math.max(0, right - left));
        clip.setHeight(view.getImage().getHeight());
    }
}
