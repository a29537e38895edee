package com.maskfill.app.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MaskCommandsTest {

    private final Mask mask = new Mask(600, 300);
    private final MaskHistory history = new MaskHistory();
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
}
