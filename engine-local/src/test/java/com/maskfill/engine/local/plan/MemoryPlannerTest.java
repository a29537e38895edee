package com.maskfill.engine.local.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.engine.local.nn.WeightStorage;
import org.junit.jupiter.api.Test;

/** The planner's choices for FLUX.1 Fill [dev] at 1024² (512 T5 tokens) on the machines designers own. */
class MemoryPlannerTest {

    private static final long GIB = 1L << 30;
    private static final ModelSizes FLUX = ModelSizes.FLUX1_FILL_DEV;

    private static MemoryPlan gpu(long freeGib, int side) {
        MemoryPlan plan = MemoryPlanner.plan(true, null, FLUX, freeGib * GIB, 64 * GIB, side, side, 512);
        System.out.println(freeGib + " GiB GPU free: " + plan.summary());
        return plan;
    }

    private static MemoryPlan cpu(long freeGib) {
        MemoryPlan plan = MemoryPlanner.plan(false, null, FLUX, 0, freeGib * GIB, 1024, 1024, 512);
        System.out.println(freeGib + " GiB host free: " + plan.summary());
        return plan;
    }

    @Test
    void bigGpuHoldsFloat16WeightsAndTheTextEncodersBesideThem() {
        MemoryPlan plan = gpu(79, 1024);
        assertEquals(WeightStorage.FP16, plan.storage());
        assertFalse(plan.transformerStreamed());
        assertTrue(plan.textOnDevice());
        assertFalse(plan.vaeTiled());
        assertTrue(plan.summary().contains("transformer fp16") && plan.summary().contains("resident"), plan.summary());
    }

    @Test
    void twentyFourGigabyteGpuFallsBackToInt8WithFloat16T5Beside() {
        MemoryPlan plan = gpu(23, 1024);
        assertEquals(WeightStorage.INT8, plan.storage());
        assertFalse(plan.transformerStreamed());
        assertTrue(plan.textOnDevice(), plan.summary());
    }

    @Test
    void sixteenGigabyteGpuKeepsInt8ResidentAndEncodesTextOnTheCpu() {
        MemoryPlan plan = gpu(15, 1024);
        assertEquals(WeightStorage.INT8, plan.storage());
        assertFalse(plan.transformerStreamed());
        assertFalse(plan.textOnDevice());
        assertTrue(plan.summary().contains("text encoders on the CPU"), plan.summary());
    }

    @Test
    void twelveGigabyteGpuStreamsTheTransformerAndTilesLargeDecodes() {
        MemoryPlan plan = gpu(11, 1024);
        assertEquals(WeightStorage.INT8, plan.storage());
        assertTrue(plan.transformerStreamed());
        assertTrue(plan.summary().contains("streamed"), plan.summary());
        assertFalse(plan.vaeTiled(), "a 1024² decode still fits");
        assertTrue(gpu(11, 2048).vaeTiled(), "a 2048² decode does not");
    }

    @Test
    void cpuUsesTheMostPreciseStorageHostMemoryAllows() {
        assertEquals(WeightStorage.FP32, cpu(64).storage());
        assertEquals(WeightStorage.FP16, cpu(32).storage());
        assertEquals(WeightStorage.INT8, cpu(16).storage());
        MemoryPlan tooSmall = cpu(8);
        assertTrue(tooSmall.summary().contains("expect swapping"), tooSmall.summary());
        assertFalse(cpu(64).transformerStreamed() || cpu(64).textOnDevice());
    }

    @Test
    void aRequestedStorageIsKeptAndStreamedWhenItDoesNotFit() {
        MemoryPlan plan = MemoryPlanner.plan(true, WeightStorage.FP16, FLUX, 23 * GIB, 64 * GIB, 1024, 1024, 512);
        assertEquals(WeightStorage.FP16, plan.storage());
        assertTrue(plan.transformerStreamed());
    }

    @Test
    void aLoadedTransformerKeepsItsPlacementWhileTheDecodeIsDecidedPerJob() {
        MemoryPlan loaded = MemoryPlanner.plan(true, WeightStorage.INT8, false, FLUX, 23 * GIB, 64 * GIB, 2048, 2048,
                512);
        assertEquals(WeightStorage.INT8, loaded.storage());
        assertFalse(loaded.transformerStreamed());
        assertTrue(loaded.vaeTiled(), loaded.summary());
        assertFalse(MemoryPlanner.plan(true, WeightStorage.INT8, false, FLUX, 23 * GIB, 64 * GIB, 512, 512, 512)
                .vaeTiled());
    }

    @Test
    void noTextEncodersNeededWhenTheyAreAbsent() {
        ModelSizes cachedOnly = new ModelSizes(FLUX.transformerParams(), FLUX.transformer(), 0, 0,
                FLUX.autoencoderParams(), 128);
        MemoryPlan plan = MemoryPlanner.plan(true, null, cachedOnly, 23 * GIB, 64 * GIB, 1024, 1024, 512);
        assertTrue(plan.summary().contains("text encoders not needed"), plan.summary());
    }
}
