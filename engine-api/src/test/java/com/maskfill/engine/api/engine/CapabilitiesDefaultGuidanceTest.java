package com.maskfill.engine.api.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** An engine's default guidance: its own where it states one, else FLUX.1 Fill [dev]'s 30 within its range. */
class CapabilitiesDefaultGuidanceTest {

    @Test
    void withoutAStatedDefaultThirtyIsUsed() {
        assertEquals(30, Capabilities.builder().build().defaultGuidance());
    }

    @Test
    void aStatedDefaultIsKept() {
        assertEquals(60, Capabilities.builder().guidanceRange(1.5, 100).defaultGuidance(60).build().defaultGuidance());
    }

    @Test
    void thirtyOutsideTheRangeIsBroughtIntoIt() {
        assertEquals(5, Capabilities.builder().guidanceRange(2, 5).build().defaultGuidance());
    }

    @Test
    void aStatedDefaultOutsideTheRangeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Capabilities.builder().guidanceRange(2, 5).defaultGuidance(60).build());
        assertTrue(e.getMessage().contains("defaultGuidance"), e.getMessage());
    }
}
