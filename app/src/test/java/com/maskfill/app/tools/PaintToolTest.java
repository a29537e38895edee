package com.maskfill.app.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.app.mask.Mask;
import com.maskfill.app.mask.MaskDocument;
import org.junit.jupiter.api.Test;

class PaintToolTest {

    private final MaskDocument doc = new MaskDocument(1000, 200);
    private final ToolBox tools = new ToolBox(() -> doc);
    private final Mask mask = doc.mask();

    private void drag(Tool tool, ToolEvent press, ToolEvent... moves) {
        tool.pressed(press);
        for (int i = 0; i < moves.length - 1; i++) {
            tool.dragged(moves[i]);
        }
        tool.released(moves[moves.length - 1]);
    }

    @Test
    void fastStrokeWithTwoFarApartEventsIsContinuous() {
        BrushTool brush = tools.brush();
        brush.settings().setSize(10);
        brush.settings().setHardness(1);
        brush.settings().setSpacing(0.25);
        drag(brush, ToolEvent.at(10.5, 50.5), ToolEvent.at(900.5, 50.5), ToolEvent.at(900.5, 50.5));
        for (int x = 10; x <= 900; x++) {
            assertEquals(255, mask.get(x, 50), "centre line at x=" + x);
        }
        // 4 px off the path (inside the 5 px radius) is covered all along: no gaps between dabs.
        for (int x = 15; x <= 895; x++) {
            assertEquals(255, mask.get(x, 54), "edge line at x=" + x);
        }
        assertEquals(0, mask.get(950, 50));
        assertEquals(1, doc.history().undoCount());
    }

    @Test
    void spacingCarriesOverBetweenShortSegments() {
        BrushTool brush = tools.brush();
        brush.settings().setSize(4);
        brush.settings().setHardness(1);
        brush.settings().setSpacing(1.0);
        // Many 1 px segments: with a 4 px spacing the dabs must still come every 4 px, not at every event.
        brush.pressed(ToolEvent.at(10.5, 20.5));
        for (int x = 11; x <= 30; x++) {
            brush.dragged(ToolEvent.at(x + 0.5, 20.5));
        }
        brush.released(ToolEvent.at(30.5, 20.5));
        // Dabs at x = 10, 14, 18, 22, 26, 30 → 2 px radius: pixel 12 is 2 px from both neighbours (AA edge).
        assertEquals(255, mask.get(10, 20));
        assertEquals(255, mask.get(14, 20));
        assertEquals(128, mask.get(12, 20));
    }

    @Test
    void shiftClickDrawsAStraightLineFromTheLastPoint() {
        BrushTool brush = tools.brush();
        brush.settings().setSize(6);
        brush.settings().setHardness(1);
        drag(brush, ToolEvent.at(100.5, 100.5), ToolEvent.at(100.5, 100.5));
        drag(brush, ToolEvent.at(500.5, 140.5).withShift(), ToolEvent.at(500.5, 140.5));
        for (int x = 100; x <= 500; x += 10) {
            int y = (int) Math.floor(100.5 + (x - 100) * 40.0 / 400);
            assertEquals(255, mask.get(x, y), "on the line at x=" + x);
        }
        assertEquals(0, mask.get(300, 100), "not a horizontal stroke");
        assertEquals(2, doc.history().undoCount());
    }

    @Test
    void shiftClickWithoutAPreviousStrokeIsAPlainDab() {
        BrushTool brush = tools.brush();
        brush.settings().setSize(6);
        drag(brush, ToolEvent.at(300.5, 100.5).withShift(), ToolEvent.at(300.5, 100.5));
        assertEquals(255, mask.get(300, 100));
        assertEquals(0, mask.get(100, 100));
    }

    @Test
    void eraserRemovesWhatTheBrushPainted() {
        tools.brush().settings().setSize(50);
        tools.brush().settings().setHardness(1);
        drag(tools.brush(), ToolEvent.at(100, 100), ToolEvent.at(300, 100));
        tools.eraser().settings().setSize(20);
        tools.eraser().settings().setHardness(1);
        drag(tools.eraser(), ToolEvent.at(200.5, 100.5), ToolEvent.at(200.5, 100.5));
        assertEquals(0, mask.get(200, 100));
        assertEquals(255, mask.get(150, 100));
        assertEquals("Erase stroke", doc.history().undoDescription());
        doc.history().undo();
        assertEquals(255, mask.get(200, 100));
    }

    @Test
    void rightDragWithTheBrushErases() {
        doc.commands().fillAll();
        tools.brush().settings().setSize(10);
        tools.brush().settings().setHardness(1);
        drag(tools.brush(), ToolEvent.at(50.5, 50.5).withSecondary(), ToolEvent.at(80.5, 50.5).withSecondary());
        assertEquals(0, mask.get(50, 50));
        assertEquals(0, mask.get(80, 50));
        assertEquals(255, mask.get(50, 150));
        assertEquals("Erase stroke", doc.history().undoDescription());
    }

    @Test
    void brushOpacityCapsOneStrokeAndBuildsUpAcrossStrokes() {
        BrushTool brush = tools.brush();
        brush.settings().setSize(20);
        brush.settings().setHardness(1);
        brush.settings().setOpacity(0.5);
        // A zig-zag stroke crossing itself many times.
        brush.pressed(ToolEvent.at(100.5, 100.5));
        for (int i = 0; i < 10; i++) {
            brush.dragged(ToolEvent.at(140.5, 100.5));
            brush.dragged(ToolEvent.at(100.5, 100.5));
        }
        brush.released(ToolEvent.at(100.5, 100.5));
        assertEquals(128, mask.get(120, 100));
        drag(brush, ToolEvent.at(120.5, 100.5), ToolEvent.at(120.5, 100.5));
        assertEquals(192, mask.get(120, 100));
    }

    @Test
    void strokeEntirelyOutsideTheImageAddsNoHistoryEntry() {
        drag(tools.brush(), ToolEvent.at(-500, -500), ToolEvent.at(-400, -500));
        assertEquals(0, doc.history().undoCount());
        assertFalse(tools.brush().isActive());
    }

    @Test
    void escapeMidStrokeRestoresTheMaskAndAddsNothing() {
        tools.brush().pressed(ToolEvent.at(100, 100));
        tools.brush().dragged(ToolEvent.at(200, 100));
        assertTrue(tools.brush().isActive());
        tools.brush().cancel();
        assertTrue(mask.isEmpty());
        assertEquals(0, doc.history().undoCount());
    }

    @Test
    void swapAndShortcutSettingsActOnTheActivePaintTool() {
        assertEquals(tools.brush(), tools.active());
        tools.swapBrushEraser();
        assertEquals(tools.eraser(), tools.active());
        double before = tools.eraser().settings().size();
        tools.activeBrushSettings().increaseSize();
        assertEquals(before * 1.25, tools.eraser().settings().size(), 1e-9);
        assertEquals(100, tools.brush().settings().size(), 1e-9);
        tools.activeBrushSettings().decreaseHardness();
        assertEquals(0.4, tools.eraser().settings().hardness(), 1e-9);
        tools.select(tools.rectangle());
        tools.swapBrushEraser();
        assertEquals(tools.brush(), tools.active());
    }
}
