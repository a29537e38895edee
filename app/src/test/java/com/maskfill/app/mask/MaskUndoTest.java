package com.maskfill.app.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.app.history.Edit;
import com.maskfill.app.history.UndoHistory;

import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MaskUndoTest {

    private static Edit stroke(Mask mask, int target, double opacity, double x0, double x1, double y, BrushTip tip) {
        MaskStroke s = new MaskStroke(mask, target, opacity);
        for (double x = x0; x <= x1; x += 3) {
            s.dab(x, y, tip);
        }
        return s.finish("stroke");
    }

    @Test
    void undoAndRedoRestoreTheExactBytesOfEveryState() {
        int w = 700;
        int h = 530;
        byte[] noise = new byte[w * h];
        new Random(42).nextBytes(noise);
        Mask mask = Mask.fromByteArray(w, h, noise);
        UndoHistory history = new UndoHistory();
        List<byte[]> states = new ArrayList<>();
        states.add(mask.toByteArray());

        history.push(stroke(mask, 255, 0.6, 10, 600, 200, new BrushTip(90, 0.3)));
        states.add(mask.toByteArray());
        history.push(stroke(mask, 0, 0.8, 100, 650, 260, new BrushTip(140, 0.0)));
        states.add(mask.toByteArray());
        MaskStroke shape = new MaskStroke(mask, 0, 1);
        shape.cover(new Ellipse2D.Double(300.3, 100.7, 333.3, 400.1));
        history.push(shape.finish("ellipse"));
        states.add(mask.toByteArray());
        new MaskCommands(mask, history).invert();
        states.add(mask.toByteArray());

        for (int i = states.size() - 2; i >= 0; i--) {
            assertTrue(history.undo());
            assertArrayEquals(states.get(i), mask.toByteArray(), "after undo to state " + i);
        }
        assertFalse(history.undo());
        for (int i = 1; i < states.size(); i++) {
            assertTrue(history.redo());
            assertArrayEquals(states.get(i), mask.toByteArray(), "after redo to state " + i);
        }
        assertFalse(history.redo());
    }

    @Test
    void undoingAStrokeOnAnEmptyMaskFreesItsTiles() {
        Mask mask = new Mask(1000, 1000);
        UndoHistory history = new UndoHistory();
        history.push(stroke(mask, 255, 1, 100, 700, 300, new BrushTip(80, 0.5)));
        assertTrue(mask.allocatedBytes() > 0);
        history.undo();
        assertEquals(0, mask.allocatedBytes());
        history.redo();
        assertEquals(255, mask.get(400, 300));
    }

    @Test
    void emptyGestureAddsNoEntry() {
        Mask mask = new Mask(100, 100);
        UndoHistory history = new UndoHistory();
        MaskStroke s = new MaskStroke(mask, 255, 1);
        history.push(s.finish("nothing"));
        MaskStroke outside = new MaskStroke(mask, 255, 1);
        outside.dab(-500, -500, new BrushTip(10, 1));
        history.push(outside.finish("outside"));
        assertEquals(0, history.undoCount());
        assertEquals(0, history.bytesHeld());
    }

    @Test
    void capDropsTheOldestEntriesFirstAndKeepsTheHeldBytesUnderIt() {
        Mask mask = new Mask(2000, 400);
        UndoHistory history = new UndoHistory();
        BrushTip tip = new BrushTip(60, 1);
        List<Long> sizes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Edit e = stroke(mask, 255, 1, 40 + i * 300, 240 + i * 300, 100, tip);
            sizes.add(e.byteSize());
            history.push(e);
        }
        long total = sizes.stream().mapToLong(Long::longValue).sum();
        assertEquals(total, history.bytesHeld());

        long cap = sizes.get(3) + sizes.get(4) + sizes.get(5);
        history.setCapBytes(cap);
        assertEquals(3, history.undoCount());
        assertTrue(history.bytesHeld() <= cap);
        while (history.undo()) {
            // undo everything that is still held
        }
        // The three oldest strokes were dropped, so they stay painted; the three newest are gone.
        assertEquals(255, mask.get(40 + 2 * 300 + 100, 100));
        assertEquals(0, mask.get(40 + 3 * 300 + 100, 100));
        assertEquals(0, mask.get(40 + 5 * 300 + 100, 100));
    }

    @Test
    void newestEntryIsKeptEvenWhenAloneOverTheCap() {
        Mask mask = new Mask(500, 500);
        UndoHistory history = new UndoHistory(10);
        history.push(stroke(mask, 255, 1, 50, 400, 200, new BrushTip(50, 1)));
        history.push(stroke(mask, 255, 1, 50, 400, 300, new BrushTip(50, 1)));
        assertEquals(1, history.undoCount());
        assertTrue(history.undo());
        assertEquals(0, mask.get(200, 300));
        assertEquals(255, mask.get(200, 200));
    }

    @Test
    void pushAfterUndoClearsRedoAndItsBytes() {
        Mask mask = new Mask(300, 300);
        UndoHistory history = new UndoHistory();
        history.push(stroke(mask, 255, 1, 20, 200, 50, new BrushTip(20, 1)));
        long one = history.bytesHeld();
        history.push(stroke(mask, 255, 1, 20, 200, 150, new BrushTip(20, 1)));
        history.undo();
        assertTrue(history.canRedo());
        history.push(stroke(mask, 255, 1, 20, 200, 250, new BrushTip(20, 1)));
        assertFalse(history.canRedo());
        assertEquals(2, history.undoCount());
        assertTrue(history.bytesHeld() < 3 * one);
    }

    @Test
    void strokeEntryStoresOnlyTheTouchedAreaNotTheMask() {
        Mask mask = new Mask(7680, 4320);
        Edit e = stroke(mask, 255, 1, 1000, 2000, 2000, new BrushTip(100, 0.5));
        assertNotNull(e);
        long bbox = 1100L * 100;
        assertTrue(e.byteSize() <= 4 * bbox, "edit holds " + e.byteSize() + " bytes for a " + bbox + " px box");
        assertTrue(e.byteSize() >= bbox / 2, "edit suspiciously small: " + e.byteSize());
    }

    @Test
    void invertEntryStoresNoPixels() {
        Mask mask = new Mask(2000, 2000);
        UndoHistory history = new UndoHistory();
        new MaskCommands(mask, history).invert();
        assertTrue(history.bytesHeld() < 1024);
        assertEquals(255, mask.get(1999, 1999));
    }

    @Test
    void listenersHearEveryChangeAndReentrantPushIsRefused() {
        Mask mask = new Mask(100, 100);
        UndoHistory history = new UndoHistory();
        int[] calls = {0};
        history.addListener(() -> calls[0]++);
        history.push(stroke(mask, 255, 1, 10, 50, 50, new BrushTip(10, 1)));
        history.undo();
        history.redo();
        assertEquals(3, calls[0]);
        Edit sneaky = new Edit() {
            @Override
            public void undo() {
                history.push(this);
            }

            @Override
            public void redo() {
            }

            @Override
            public String description() {
                return "sneaky";
            }

            @Override
            public long byteSize() {
                return 1;
            }
        };
        history.push(sneaky);
        assertThrows(IllegalStateException.class, history::undo);
    }
}
