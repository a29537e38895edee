package com.maskfill.engine.local.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.maskfill.engine.local.ReferenceRun;
import com.maskfill.engine.local.TestData;
import com.maskfill.engine.local.nn.WeightStorage;
import com.maskfill.engine.local.weights.SafetensorsFile;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/**
 * The tiny reference forward under each precision policy, against the reference's float32 prediction
 * ({@code pred_step0_fp32}). float16 compute runs on the CPU here only because the model is tiny.
 */
class FluxTransformerPrecisionTest {

    private static double forward(WeightStorage storage, DataType compute, boolean streamed) {
        try (NDManager m = NDManager.newBaseManager();
                SafetensorsFile w = SafetensorsFile.open(TestData.fluxTinyA().resolve("flux-tiny.safetensors"));
                FluxTransformer model = FluxTransformer.load(m, w, TestData.fluxTinyParams(), storage, compute,
                        streamed)) {
            NDArray x = NDArrays.concat(new NDList(ReferenceRun.load(m, "img"), ReferenceRun.load(m, "img_cond")), 2);
            NDArray out = model.forward(x, ReferenceRun.load(m, "img_ids"), ReferenceRun.load(m, "txt"),
                    ReferenceRun.load(m, "txt_ids"), ReferenceRun.load(m, "vec"), 1f, 30f);
            double rel = ReferenceRun.relativeL2(out, ReferenceRun.load(m, "pred_step0_fp32"));
            System.out.printf("flux-tiny forward, %s weights, %s compute%s: relL2 %.2e vs pred_step0_fp32%n",
                    storage.id(), compute, streamed ? ", streamed" : "", rel);
            return rel;
        }
    }

    @Test
    void float16WeightsWithFloat32ActivationsStayAtFloat32Accuracy() {
        assertTrue(forward(WeightStorage.FP16, DataType.FLOAT32, false) < 1e-3);
    }

    @Test
    void int8WeightsStayWithinQuantizationNoise() {
        assertTrue(forward(WeightStorage.INT8, DataType.FLOAT32, false) < 3e-2);
    }

    @Test
    void float16ComputeWithFloat32ResidualStaysWithinHalfPrecisionNoise() {
        assertTrue(forward(WeightStorage.FP16, DataType.FLOAT16, false) < 1e-2);
    }

    @Test
    void cancelledLoadStopsBetweenBlocksAndFreesWhatWasLoaded() {
        try (NDManager m = NDManager.newBaseManager();
                SafetensorsFile w = SafetensorsFile.open(TestData.fluxTinyA().resolve("flux-tiny.safetensors"))) {
            int[] checks = {0};
            assertThrows(CancellationException.class, () -> FluxTransformer.load(m, w, TestData.fluxTinyParams(),
                    WeightStorage.FP32, DataType.FLOAT32, false, null, () -> ++checks[0] == 2));
            assertEquals(2, checks[0], "stopped at the second block");
            assertEquals(0, ((BaseNDManager) m).getManagedArrays().size(), "nothing left in the caller's manager");
        }
    }

    @Test
    void streamedLayersGiveTheResidentResult() {
        assertTrue(forward(WeightStorage.FP32, DataType.FLOAT32, true) < 1e-4);
    }
}
