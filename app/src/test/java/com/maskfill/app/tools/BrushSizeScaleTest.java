package com.maskfill.app.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BrushSizeScaleTest {

    @Test
    void sliderEndsMapToOneAndTwoThousandPixelsAndTheMiddleToTheGeometricMean() {
        assertEquals(1, BrushSizeScale.sizeFor(0), 1e-9);
        assertEquals(2000, BrushSizeScale.sizeFor(1), 1e-9);
        assertEquals(Math.sqrt(2000), BrushSizeScale.sizeFor(0.5), 1e-9);
        assertEquals(0.5, BrushSizeScale.sliderFor(Math.sqrt(2000)), 1e-9);
    }

    @Test
    void sliderAndSizeAreInverses() {
        for (double s = 0; s <= 1; s += 0.05) {
            assertEquals(s, BrushSizeScale.sliderFor(BrushSizeScale.sizeFor(s)), 1e-9);
        }
    }

    @Test
    void bracketStepsAlwaysMoveAtLeastOnePixelAndStopAtTheLimits() {
        assertEquals(2, BrushSizeScale.larger(1));
        assertEquals(125, BrushSizeScale.larger(100));
        assertEquals(80, BrushSizeScale.smaller(100));
        assertEquals(1, BrushSizeScale.smaller(1));
        assertEquals(2000, BrushSizeScale.larger(1990));
    }

    @Test
    void settingsRefuseOutOfRangeValuesNamingTheRange() {
        BrushSettings s = BrushSettings.defaults();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.setSize(2001));
        assertTrue(e.getMessage().contains("1–2000") && e.getMessage().contains("2001"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.setHardness(1.5));
        assertThrows(IllegalArgumentException.class, () -> s.setOpacity(-0.1));
        assertThrows(IllegalArgumentException.class, () -> s.setSpacing(0));
    }
}
