package com.maskfill.engine.local.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.maskfill.engine.local.ReferenceRun;
import com.maskfill.engine.local.TestData;
import com.maskfill.engine.local.weights.FluxParams;
import com.maskfill.engine.local.weights.SafetensorsFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One forward of the tiny Fill transformer against the reference's fp32 forward ({@code pred_step0_fp32}: the BFL model
 * in float32 on the same bf16 weights and inputs, t = 1, guidance 30).
 */
class FluxTransformerTest {

    private static NDManager manager;
    private static FluxTransformer model;

    @BeforeAll
    static void load() {
        manager = NDManager.newBaseManager();
        FluxParams params = TestData.fluxTinyParams();
        try (SafetensorsFile weights = SafetensorsFile.open(TestData.fluxTinyA().resolve("flux-tiny.safetensors"))) {
            model = FluxTransformer.load(manager, weights, params);
        }
    }

    @AfterAll
    static void close() {
        model.close();
        manager.close();
    }

    private static NDArray forward(NDManager m) {
        NDArray x = NDArrays.concat(new NDList(ReferenceRun.load(m, "img"), ReferenceRun.load(m, "img_cond")), 2);
        return model.forward(x, ReferenceRun.load(m, "img_ids"), ReferenceRun.load(m, "txt"),
                ReferenceRun.load(m, "txt_ids"), ReferenceRun.load(m, "vec"), 1.0f, 30f);
    }

    @Test
    void forwardMatchesTheReferenceFp32ForwardWithinOneInTenThousand() {
        try (NDManager m = manager.newSubManager()) {
            model.setAttentionChunk(FluxTransformer.DEFAULT_ATTENTION_CHUNK);
            NDArray pred = forward(m);
            NDArray expected = ReferenceRun.load(m, "pred_step0_fp32");
            assertEquals(new Shape(1, 16, 64), pred.getShape());
            ReferenceRun.assertRelativeL2Below("flux-tiny forward vs pred_step0_fp32", pred, expected, 1e-4);
        }
    }

    @Test
    void withBf16ScalarRoundingTheForwardIsWithinBf16NoiseOfTheBf16Reference() {
        try (NDManager m = manager.newSubManager()) {
            NDArray expected = ReferenceRun.load(m, "pred_step0");
            double exact = ReferenceRun.relativeL2(forward(m), expected);
            model.setBf16ReferenceScalars(true);
            double emulated = ReferenceRun.relativeL2(forward(m), expected);
            System.out.printf("flux-tiny forward vs pred_step0 (bf16 reference): relL2 %.3e fp32 scalars, %.3e bf16"
                    + " scalars%n", exact, emulated);
            assertTrue(emulated < 3e-2, "relative L2 " + emulated);
        } finally {
            model.setBf16ReferenceScalars(false);
        }
    }

    @Test
    void attentionChunkSizeDoesNotChangeTheResult() {
        try (NDManager m = manager.newSubManager()) {
            model.setAttentionChunk(Integer.MAX_VALUE);
            NDArray whole = forward(m);
            for (int chunk : new int[] {1, 7}) {
                model.setAttentionChunk(chunk);
                NDArray chunked = forward(m);
                // same math; only the matrix-multiply blocking differs, so only float32 rounding noise (~1e-7..1e-6)
                // may change, an order of magnitude below the 1e-4 agreement required with the reference
                double rel = ReferenceRun.relativeL2(chunked, whole);
                System.out.printf("flux-tiny attention chunk %d vs whole: relL2 %.3e maxAbs %.3e%n", chunk, rel,
                        ReferenceRun.maxAbsDiff(chunked, whole));
                assertTrue(rel <= 1e-5, "chunk " + chunk + ": relative L2 " + rel);
            }
        } finally {
            model.setAttentionChunk(FluxTransformer.DEFAULT_ATTENTION_CHUNK);
        }
    }

    @Test
    void aForwardLeavesOnlyItsOutputBehind() {
        try (NDManager m = manager.newSubManager()) {
            NDArray x = NDArrays.concat(new NDList(ReferenceRun.load(m, "img"), ReferenceRun.load(m, "img_cond")), 2);
            NDArray imgIds = ReferenceRun.load(m, "img_ids");
            NDArray txt = ReferenceRun.load(m, "txt");
            NDArray txtIds = ReferenceRun.load(m, "txt_ids");
            NDArray vec = ReferenceRun.load(m, "vec");
            int before = ((BaseNDManager) m).getManagedArrays().size();
            int weightsBefore = ((BaseNDManager) manager).getManagedArrays().size();
            NDArray out = model.forward(x, imgIds, txt, txtIds, vec, 0.5f, 30f);
            assertEquals(before + 1, ((BaseNDManager) m).getManagedArrays().size());
            assertEquals(weightsBefore + 1, ((BaseNDManager) manager).getManagedArrays().size(),
                    "the output is the only new array anywhere under the base manager");
            assertEquals(m, out.getManager());
            assertTrue(x.isReleased() == false && txt.isReleased() == false, "inputs stay usable");
        }
    }
}
