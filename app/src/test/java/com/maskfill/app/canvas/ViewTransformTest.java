package com.maskfill.app.canvas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ViewTransformTest {

    @Test
    void zoomingKeepsTheImagePointUnderTheCursorStill() {
        ViewTransform t = new ViewTransform(0.5, 30, -12);
        CanvasPoint before = t.at(400, 300);

        ViewTransform zoomed = t.zoomedAt(3, 400, 300);
        CanvasPoint after = zoomed.at(400, 300);

        assertEquals(1.5, zoomed.scale(), 1e-12);
        assertEquals(before.imageX(), after.imageX(), 1e-9);
        assertEquals(before.imageY(), after.imageY(), 1e-9);
    }

    @Test
    void zoomIsClampedBetweenOnePercentAndSixtyFourTimes() {
        ViewTransform t = ViewTransform.IDENTITY;

        assertEquals(ViewTransform.MAX_SCALE, t.zoomedAt(1000, 0, 0).scale());
        assertEquals(ViewTransform.MIN_SCALE, t.zoomedAt(1e-6, 0, 0).scale());
    }

    @Test
    void fittingCentresTheWholeImageInsideTheMargin() {
        // 7680 × 4320 in a 1000 × 700 view with 20 px margins: width limits, 960 / 7680 = 0.125.
        ViewTransform t = ViewTransform.fitting(7680, 4320, 1000, 700, 20, Double.POSITIVE_INFINITY);

        assertEquals(0.125, t.scale(), 1e-12);
        assertEquals(20, t.toViewX(0), 1e-9);
        assertEquals(980, t.toViewX(7680), 1e-9);
        assertEquals((700 - 4320 * 0.125) / 2, t.toViewY(0), 1e-9);
    }

    @Test
    void fittingCanRefuseToEnlargeSmallImages() {
        ViewTransform t = ViewTransform.fitting(64, 32, 1000, 700, 20, 1);

        assertEquals(1, t.scale());
        assertEquals(468, t.toViewX(0), 1e-9);
    }

    @Test
    void canvasPointNamesThePixelUnderIt() {
        CanvasPoint p = new ViewTransform(4, 10, 10).at(19, 13.9);

        assertEquals(2, p.pixelX());
        assertEquals(0, p.pixelY());
        assertEquals(true, p.isInside(3, 1));
        assertEquals(false, new ViewTransform(4, 10, 10).at(9, 13).isInside(3, 1));
    }
}
