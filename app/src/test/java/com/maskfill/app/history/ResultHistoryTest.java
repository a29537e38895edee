package com.maskfill.app.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.app.project.Provenance;
import com.maskfill.app.project.ResultGroup;
import com.maskfill.app.project.ResultLayer;
import com.maskfill.engine.api.pipeline.PasteBack;
import com.maskfill.engine.api.pipeline.Region;
import com.maskfill.engine.api.request.Mask;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResultHistoryTest {

    private static final Region AREA = new Region(10, 20, 30, 40);

    private final ResultHistory history = new ResultHistory();
    private final List<Region> repainted = new ArrayList<>();
    private BufferedImage photo;

    @BeforeEach
    void attach() {
        photo = solid(100, 100, 0xFF101010);
        history.attach(photo, repainted::add);
    }

    private static BufferedImage solid(int w, int h, int argb) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, argb);
            }
        }
        return image;
    }

    private static ResultGroup group(int... colours) {
        List<ResultLayer> layers = new ArrayList<>();
        for (int colour : colours) {
            layers.add(new ResultLayer(UUID.randomUUID(), AREA, solid(AREA.width(), AREA.height(), colour)));
        }
        Provenance p = new Provenance("p", 1, 28, 30, "e", "E", null, null, null, null, null, 100L, AREA, null, null);
        return new ResultGroup(UUID.randomUUID(), p, new byte[AREA.width() * AREA.height()], layers);
    }

    @Test
    void aNewGroupShowsItsFirstLayerAndArrowsBrowseAllLayersInOrder() {
        ResultGroup first = group(0xFFAA0000, 0xFF00AA00);
        ResultGroup second = group(0xFF0000AA);
        history.add(first);
        history.add(second);

        assertSame(second.layers().get(0), history.getSelected());
        history.selectNext();
        assertSame(first.layers().get(0), history.getSelected(), "→ wraps around to the oldest");
        history.selectNext();
        assertSame(first.layers().get(1), history.getSelected());
        history.selectPrevious();
        history.selectPrevious();
        assertSame(second.layers().get(0), history.getSelected(), "← wraps around to the newest");
    }

    @Test
    void applyingWritesTheLayerIntoThePhotoAndUndoRestoresTheExactPixels() {
        ResultGroup group = group(0xFF336699);
        history.add(group);
        int[] before = photo.getRGB(0, 0, 100, 100, null, 0, 100);

        Edit apply = history.apply(history.getSelected());

        assertEquals(0xFF336699, photo.getRGB(10, 20));
        assertEquals(0xFF336699, photo.getRGB(39, 59));
        assertEquals(0xFF101010, photo.getRGB(40, 60), "outside the layer's area");
        assertEquals(List.of(AREA), repainted);
        assertNull(history.getSelected(), "after applying, the photo itself is shown");

        apply.undo();
        assertEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(photo.getRGB(0, 0, 100, 100, null,
                0, 100)));
        assertSame(group.layers().get(0), history.getSelected());
        apply.redo();
        assertEquals(0xFF336699, photo.getRGB(10, 20));
    }

    /** A layer as the pipeline makes it: {@code colour} over {@code crop}, weighted by a square mask, feathered 8 px. */
    private static ResultLayer pasted(Region crop, Region square, int colour) {
        byte[] mask = new byte[100 * 100];
        for (int y = square.y(); y < square.bottom(); y++) {
            for (int x = square.x(); x < square.right(); x++) {
                mask[y * 100 + x] = (byte) 255;
            }
        }
        BufferedImage output = solid(crop.width(), crop.height(), colour);
        BufferedImage layer = new PasteBack(Mask.of(100, 100, mask), crop, 8).layer(output);
        return new ResultLayer(UUID.randomUUID(), crop, layer);
    }

    @Test
    void applyingASecondOverlappingResultKeepsTheFirstOutsideItsOwnMaskAndUndoRestoresEachStepExactly() {
        // Two jobs queued side by side: the second's crop (with its context) covers part of the first's mask.
        ResultLayer first = pasted(new Region(0, 0, 60, 60), new Region(20, 20, 20, 20), 0xFFAA0000);
        ResultLayer second = pasted(new Region(30, 10, 70, 60), new Region(60, 30, 20, 20), 0xFF0000AA);
        int[] original = photo.getRGB(0, 0, 100, 100, null, 0, 100);

        Edit applyFirst = history.apply(first);
        int[] afterFirst = photo.getRGB(0, 0, 100, 100, null, 0, 100);
        Edit applySecond = history.apply(second);

        assertEquals(0xFFAA0000, photo.getRGB(35, 30), "the first result inside the second's crop stays");
        assertEquals(0xFF0000AA, photo.getRGB(70, 40));
        assertEquals(0xFF101010, photo.getRGB(95, 5), "beyond the second's feather the photo is as it was");
        applySecond.undo();
        assertArrayEquals(afterFirst, photo.getRGB(0, 0, 100, 100, null, 0, 100));
        applyFirst.undo();
        assertArrayEquals(original, photo.getRGB(0, 0, 100, 100, null, 0, 100));
    }

    @Test
    void discardingOneLayerKeepsItsSiblingsAndUndoPutsItBack() {
        ResultGroup group = group(0xFFAA0000, 0xFF00AA00, 0xFF0000AA);
        history.add(group);
        history.selectNext();
        ResultLayer middle = history.getSelected();

        Edit discard = history.discard(middle);

        assertEquals(2, history.layers().size());
        assertSame(group.layers().get(2), history.getSelected(), "the next layer takes its place");
        discard.undo();
        assertEquals(group.layers(), history.layers());
        assertSame(middle, history.getSelected());
    }

    @Test
    void discardingAGroupRemovesAllItsLayersUndoably() {
        ResultGroup kept = group(0xFFAA0000);
        ResultGroup dropped = group(0xFF00AA00, 0xFF0000AA);
        history.add(kept);
        history.add(dropped);

        Edit discard = history.discardGroup(dropped);

        assertEquals(List.of(kept), history.groups());
        assertSame(kept.layers().get(0), history.getSelected());
        discard.undo();
        assertEquals(List.of(kept, dropped), history.groups());
    }

    @Test
    void nothingToApplyOrDiscardGivesNoEdit() {
        assertNull(history.apply(null));
        assertNull(history.discard(null));
        assertNull(history.discardGroup(null));
    }

    @Test
    void aStarIsAnUndoableStepThatKeepsTheShownLayerShown() {
        ResultGroup group = group(0xFFAA0000, 0xFF00AA00);
        history.add(group);
        ResultLayer second = group.layers().get(1);
        history.select(second);

        Edit star = history.setFavourite(second, true);

        assertTrue(history.layers().get(1).favourite());
        assertTrue(history.getSelected().favourite(), "the shown layer is the starred one");
        assertNull(history.setFavourite(second, true), "already a favourite: no step");
        star.undo();
        assertFalse(history.layers().get(1).favourite());
        assertEquals(second, history.getSelected());
        star.redo();
        assertTrue(history.layers().get(1).favourite());
    }

    @Test
    void keepFavouritesDiscardsTheJobsOthersInOneStepAndNeedsAStarAndSomethingElse() {
        ResultGroup group = group(0xFFAA0000, 0xFF00AA00, 0xFF0000AA);
        ResultGroup other = group(0xFF333333);
        history.add(group);
        history.add(other);
        assertNull(history.keepFavourites(group), "no star: nothing would be kept");
        history.setFavourite(group.layers().get(1), true);
        history.setFavourite(group.layers().get(2), true);

        Edit keep = history.keepFavourites(history.groups().get(0));

        assertEquals(List.of(group.layers().get(1), group.layers().get(2), other.layers().get(0)), history.layers());
        keep.undo();
        assertEquals(4, history.layers().size(), "undo brings them back");
        assertTrue(history.layers().get(1).favourite());
        history.setFavourite(group.layers().get(0), true);
        assertNull(history.keepFavourites(history.groups().get(0)), "all starred: nothing to discard");
    }

    @Test
    void aThumbnailIsAtMostTheLongestSideAndPicturesTheLayerOverThePhoto() {
        Region wide = new Region(0, 0, 90, 60);
        BufferedImage pixels = new BufferedImage(wide.width(), wide.height(), BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < wide.height(); y++) {
            for (int x = 0; x < wide.width(); x++) {
                pixels.setRGB(x, y, x < 45 ? 0xFFFF0000 : 0x000000FF); // left: the result, right: weight 0
            }
        }
        ResultLayer small = new ResultLayer(UUID.randomUUID(), wide, pixels);
        BufferedImage thumb = ResultThumbnails.make(small, ResultThumbnails.samplePhoto(photo, wide));
        assertEquals(90, thumb.getWidth(), "a small result is not enlarged");
        assertEquals(0xFFFF0000, thumb.getRGB(10, 30));
        assertEquals(0xFF101010, thumb.getRGB(80, 30), "where the result weighs nothing, the photo");

        Region large = new Region(0, 0, 3000, 1000);
        ResultLayer big = new ResultLayer(UUID.randomUUID(), large,
                new BufferedImage(3000, 1000, BufferedImage.TYPE_INT_ARGB));
        BufferedImage bigPhoto = solid(3000, 1000, 0xFF204060);
        BufferedImage bigThumb = ResultThumbnails.make(big, ResultThumbnails.samplePhoto(bigPhoto, large));
        assertEquals(ResultThumbnails.LONGEST_SIDE, bigThumb.getWidth());
        assertEquals(43, bigThumb.getHeight());
        assertEquals(0xFF204060, bigThumb.getRGB(64, 20));
    }
}
