package com.maskfill.app.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.app.history.UndoHistory;

import org.junit.jupiter.api.Test;

class MaskCommandsTest {

    private final Mask mask = new Mask(600, 300);
    private final UndoHistory history = new UndoHistory();
    private final MaskCommands commands = new MaskCommands(mask, history);

    @Test
    void fillAllSetsEveryPixelAndUndoRestoresTheEmptyMask() {
        assertTrue(commands.fillAll());
        assertEquals(255, mask.get(0, 0));
        assertEquals(255, mask.get(599, 299));
        assertTrue(history.bytesHeld() < 4096, "uniform tiles are stored as one value: " + history.bytesHeld());
        history.undo();
        assertTrue(mask.isEmpty());
        assertEquals(0, mask.allocatedBytes());
    }

    @Test
    void clearOnAnEmptyMaskAddsNoEntry() {
        assertFalse(commands.clear());
        assertEquals(0, history.undoCount());
    }

    @Test
    void clearThenUndoBringsBackTheOldValues() {
        mask.set(5, 5, 10);
        mask.set(590, 290, 200);
        assertTrue(commands.clear());
        assertTrue(mask.isEmpty());
        history.undo();
        assertEquals(10, mask.get(5, 5));
        assertEquals(200, mask.get(590, 290));
    }

    @Test
    void invertMapsEachValueToItsComplementAndUndoesExactly() {
        mask.set(1, 1, 30);
        byte[] before = mask.toByteArray();
        commands.invert();
        assertEquals(225, mask.get(1, 1));
        assertEquals(255, mask.get(300, 200));
        history.undo();
        assertArrayEquals(before, mask.toByteArray());
    }

    @Test
    void replaceAllRecordsOnlyTheTilesThatChanged() {
        byte[] pixels = mask.toByteArray();
        pixels[10 * 600 + 10] = 1;
        assertTrue(commands.replaceAll(pixels, "load"));
        assertTrue(history.bytesHeld() < 2 * Mask.TILE_AREA + 1024);
        assertEquals(1, mask.get(10, 10));
        assertFalse(commands.replaceAll(pixels, "same again"));
        assertEquals(1, history.undoCount());
    }

    @Test
    void applyRunsAFlatFilterAsOneEntry() {
        mask.set(3, 3, 100);
        assertTrue(commands.apply(flat -> {
            byte[] out = flat.clone();
            for (int i = 0; i < out.length; i++) {
                out[i] = (byte) ((out[i] & 0xFF) >= 50 ? 255 : 0);
            }
            return out;
        }, "Threshold"));
        assertEquals(255, mask.get(3, 3));
        assertEquals("Threshold", history.undoDescription());
        history.undo();
        assertEquals(100, mask.get(3, 3));
    }

    @Test
    void growAndShrinkAreOneUndoableEntryEachWithExactUndo() {
        mask.set(100, 100, 255);
        byte[] dot = mask.toByteArray();
        assertTrue(commands.grow(5));
        assertEquals(255, mask.get(105, 100));
        assertEquals(255, mask.get(103, 104));
        assertEquals(0, mask.get(106, 100));
        assertEquals("Grow mask by 5 px", history.undoDescription());
        byte[] grown = mask.toByteArray();
        assertTrue(commands.shrink(5));
        assertEquals(0, mask.get(105, 100));
        assertEquals(2, history.undoCount());
        history.undo();
        assertArrayEquals(grown, mask.toByteArray());
        history.undo();
        assertArrayEquals(dot, mask.toByteArray());
    }

    @Test
    void featherSoftensAHardEdgeAndUndoRestoresIt() {
        for (int y = 0; y < 300; y++) {
            for (int x = 300; x < 600; x++) {
                mask.set(x, y, 255);
            }
        }
        byte[] hard = mask.toByteArray();
        assertTrue(commands.feather(12));
        int edge = mask.get(300, 150);
        assertTrue(edge > 0 && edge < 255, "edge is soft: " + edge);
        assertEquals(0, mask.get(280, 150));
        assertEquals(255, mask.get(320, 150));
        history.undo();
        assertArrayEquals(hard, mask.toByteArray());
    }

    @Test
    void filtersOnAnEmptyMaskAddNoEntryAndBadRadiiAreRefused() {
        assertFalse(commands.grow(10));
        assertFalse(commands.feather(10));
        assertEquals(0, history.undoCount());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> commands.grow(-1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
    }

    @Test
    void growShrinkAndFeatherOnTheMaskedAreaEqualMaskOpsOnTheWholeMask() {
        Mask source = new Mask(700, 500);
        MaskStroke paint = new MaskStroke(source, 255, 1);
        paint.cover(new java.awt.geom.Ellipse2D.Double(-40.5, 300.2, 200, 150));
        paint.dab(400.3, 200.7, new BrushTip(90, 0.2));
        paint.dab(480, 230, new BrushTip(30, 1));
        paint.finish("fixture");
        byte[] flat = source.toByteArray();
        int w = source.width();
        int h = source.height();
        java.util.Map<String, byte[]> expected = new java.util.LinkedHashMap<>();
        expected.put("grow", com.maskfill.engine.api.pipeline.MaskOps.grow(flat, w, h, 7));
        expected.put("shrink", com.maskfill.engine.api.pipeline.MaskOps.shrink(flat, w, h, 4));
        expected.put("feather9", com.maskfill.engine.api.pipeline.MaskOps.feather(flat, w, h, 9));
        expected.put("feather40", com.maskfill.engine.api.pipeline.MaskOps.feather(flat, w, h, 40));
        for (var entry : expected.entrySet()) {
            Mask m = Mask.fromByteArray(w, h, flat);
            MaskCommands c = new MaskCommands(m, new UndoHistory());
            switch (entry.getKey()) {
                case "grow" -> c.grow(7);
                case "shrink" -> c.shrink(4);
                case "feather9" -> c.feather(9);
                default -> c.feather(40);
            }
            assertArrayEquals(entry.getValue(), m.toByteArray(), entry.getKey());
        }
    }

    @Test
    void aPreviewedEdgeIsWhatTheCommandWritesAndChangesNothingUntilThen() {
        for (int y = 100; y < 200; y++) {
            for (int x = 100; x < 260; x++) {
                mask.set(x, y, 255);
            }
        }
        byte[] before = mask.toByteArray();
        int w = mask.width();

        MaskPatch patch = commands.previewEdge(MaskEdge.FEATHER, 12).orElseThrow();

        assertArrayEquals(before, mask.toByteArray(), "previewing leaves the mask");
        assertEquals(0, history.undoCount(), "and the history");
        assertTrue(commands.edge(MaskEdge.FEATHER, 12));
        byte[] after = mask.toByteArray();
        PixelRect r = patch.region();
        for (int y = 0; y < mask.height(); y++) {
            for (int x = 0; x < w; x++) {
                boolean inPatch = x >= r.x() && x < r.maxX() && y >= r.y() && y < r.maxY();
                int expected = inPatch ? patch.pixels()[(y - r.y()) * r.width() + (x - r.x())] : before[y * w + x];
                assertEquals(expected, after[y * w + x], "at " + x + "," + y);
            }
        }
        assertEquals("Feather mask by 12 px", history.undoDescription());
        assertTrue(new MaskCommands(new Mask(50, 50), history).previewEdge(MaskEdge.GROW, 4).isEmpty(),
                "nothing to preview on an empty mask");
    }

    @Test
    void regionExportMatchesTheFlatArray() {
        mask.set(255, 10, 7);
        mask.set(256, 11, 9);
        byte[] part = mask.toByteArray(new PixelRect(250, 10, 10, 2));
        assertEquals(7, part[5]);
        assertEquals(9, part[10 + 6]);
    }
}
