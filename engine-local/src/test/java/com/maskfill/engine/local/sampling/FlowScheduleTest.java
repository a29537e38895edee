package com.maskfill.engine.local.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.maskfill.engine.local.TestData;
import org.junit.jupiter.api.Test;

class FlowScheduleTest {

    @Test
    void fourStepsOverSixteenTokensAreTheReferenceTimesteps() {
        JsonNode expected = TestData.fluxTinyConfig().get("timesteps");
        float[] t = FlowSchedule.timesteps(4, 16);
        assertEquals(expected.size(), t.length);
        for (int i = 0; i < t.length; i++) {
            assertEquals(expected.get(i).asDouble(), t[i], 1e-7, "step " + i);
        }
    }

    @Test
    void fiftyStepsAt1024PixelsStartAndEndAsDocumented() {
        // local-engine.md §2.7, values printed to 6 significant digits by the reference
        float[] t = FlowSchedule.timesteps(50, 4096);
        assertEquals(51, t.length);
        double[] head = {1.0, 0.99358, 0.986979, 0.98019, 0.973204};
        double[] tail = {0.167767, 0.116289, 0.06055, 0.0};
        for (int i = 0; i < head.length; i++) assertEquals(head[i], t[i], 6e-6, "step " + i);
        for (int i = 0; i < tail.length; i++) assertEquals(tail[i], t[47 + i], 6e-6, "step " + (47 + i));
    }
}
