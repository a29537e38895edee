package com.maskfill.app.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.app.mask.Mask;
import com.maskfill.app.mask.MaskDocument;
import org.junit.jupiter.api.Test;

class ShapeToolTest {

    private final MaskDocument doc = new MaskDocument(400, 300);
    private final ToolBox tools = new ToolBox(() -> doc);
    private final Mask mask = doc.mask();

    @Test
    void rectangleAddsExactlyItsPixelsWithPartialCoverageOnFractionalEdges() {
        RectangleTool rect = tools.rectangle();
        rect.pressed(ToolEvent.at(10, 20));
        rect.dragged(ToolEvent.at(50, 40));
        assertTrue(rect.preview().isPresent());
        rect.released(ToolEvent.at(60.5, 70));
        assertEquals(255, mask.get(10, 20));
        assertEquals(255, mask.get(59, 69));
        assertEquals(0, mask.get(9, 20));
        assertEquals(0, mask.get(10, 19));
        assertEquals(0, mask.get(10, 70));
        int half = mask.get(60, 40);
        assertTrue(half > 100 && half < 155, "half-covered column is antialiased: " + half);
        assertEquals(0, mask.get(61, 40));
        assertEquals("Add rectangle", doc.history().undoDescription());
        assertFalse(rect.preview().isPresent());
    }

    @Test
    void rectangleWithAltOrRightButtonSubtracts() {
        doc.commands().fillAll();
        RectangleTool rect = tools.rectangle();
        rect.pressed(ToolEvent.at(100, 100).withAlt());
        rect.released(ToolEvent.at(200, 150));
        assertEquals(0, mask.get(150, 120));
        assertEquals(255, mask.get(250, 120));
        rect.pressed(ToolEvent.at(300, 100).withSecondary());
        rect.released(ToolEvent.at(350, 150));
        assertEquals(0, mask.get(320, 120));
        assertEquals("Subtract rectangle", doc.history().undoDescription());
    }

    @Test
    void subtractModeSetInThePanelIsFlippedBackByAlt() {
        tools.rectangle().setMode(ShapeMode.SUBTRACT);
        tools.rectangle().pressed(ToolEvent.at(10, 10).withAlt());
        tools.rectangle().released(ToolEvent.at(30, 30));
        assertEquals(255, mask.get(20, 20));
    }

    @Test
    void zeroAreaRectangleAddsNothing() {
        tools.rectangle().pressed(ToolEvent.at(10, 10));
        tools.rectangle().released(ToolEvent.at(10, 90));
        assertEquals(0, doc.history().undoCount());
    }

    @Test
    void freehandLassoFillsTheClosedOutline() {
        LassoTool lasso = tools.lasso();
        lasso.pressed(ToolEvent.at(100, 100));
        lasso.dragged(ToolEvent.at(200, 100));
        lasso.dragged(ToolEvent.at(200, 200));
        assertEquals(3, lasso.preview().orElseThrow().size());
        lasso.released(ToolEvent.at(100, 200));
        assertEquals(255, mask.get(150, 150));
        assertEquals(255, mask.get(100, 100));
        assertEquals(0, mask.get(99, 150));
        assertEquals(0, mask.get(250, 150));
        assertEquals(1, doc.history().undoCount());
    }

    @Test
    void polygonLassoClosesOnDoubleClickAndDiagonalEdgesAreAntialiased() {
        LassoTool poly = tools.polygonLasso();
        poly.pressed(ToolEvent.at(50, 50));
        poly.released(ToolEvent.at(50, 50));
        poly.pressed(ToolEvent.at(250, 50));
        poly.released(ToolEvent.at(250, 50));
        assertTrue(poly.isActive());
        poly.pressed(ToolEvent.at(50, 250));
        poly.pressed(ToolEvent.at(50, 250).withClickCount(2));
        assertFalse(poly.isActive());
        assertEquals(255, mask.get(60, 60));
        assertEquals(0, mask.get(200, 200));
        // The hypotenuse x + y = 300 passes through pixel (149, 150)'s corner: partly covered.
        int edge = mask.get(149, 150);
        assertTrue(edge > 0 && edge < 255, "antialiased diagonal: " + edge);
    }

    @Test
    void polygonLassoClosesByClickingTheFirstCornerOrEnterAndEscAbandonsIt() {
        LassoTool poly = tools.polygonLasso();
        poly.pressed(ToolEvent.at(10, 10));
        poly.pressed(ToolEvent.at(100, 10));
        poly.pressed(ToolEvent.at(100, 100));
        poly.pressed(ToolEvent.at(11, 11));
        assertFalse(poly.isActive());
        assertEquals(255, mask.get(80, 30));

        poly.pressed(ToolEvent.at(200, 10));
        poly.pressed(ToolEvent.at(300, 10));
        poly.pressed(ToolEvent.at(300, 100));
        poly.commit();
        assertEquals(255, mask.get(280, 30));

        poly.pressed(ToolEvent.at(10, 200));
        poly.pressed(ToolEvent.at(100, 200));
        poly.pressed(ToolEvent.at(100, 290));
        poly.cancel();
        assertFalse(poly.isActive());
        assertEquals(0, mask.get(80, 220));
        assertEquals(2, doc.history().undoCount());
    }
}
