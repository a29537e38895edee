package com.maskfill.engine.local.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.maskfill.engine.local.ReferenceRun;
import com.maskfill.engine.local.weights.SafetensorsFile;
import com.maskfill.engine.local.weights.SafetensorsWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Linear layers held as float16 or int8 and converted per call, and float16 compute with the overflow guard. */
class CompactLinearTest {

    @TempDir
    Path dir;

    private static float[] random(Random r, int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) r.nextGaussian() * scale;
        return v;
    }

    private SafetensorsFile layer(int out, int in) throws IOException {
        Random r = new Random(5);
        return SafetensorsFile.open(new SafetensorsWriter().addF32("l.weight", new long[] {out, in},
                random(r, out * in, 0.2f)).addF32("l.bias", new long[] {out}, random(r, out, 0.1f))
                .write(dir.resolve("l.safetensors")));
    }

    @Test
    void compactStorageStaysCloseToFloat32AndTakesLessMemory() throws IOException {
        try (NDManager m = NDManager.newBaseManager(); SafetensorsFile s = layer(48, 40)) {
            NDArray x = m.create(random(new Random(9), 3 * 40, 1f), new Shape(3, 40));
            Linear reference = LayerWeights.fp32(m).linear(s, "l", 48, 40, true);
            NDArray expected = reference.apply(x);
            for (WeightStorage storage : new WeightStorage[] {WeightStorage.FP16, WeightStorage.INT8}) {
                Linear compact = new LayerWeights(m, m, storage, DataType.FLOAT32).linear(s, "l", 48, 40, true);
                assertEquals(storage.dataType(), compact.weight().getDataType());
                int before = ((BaseNDManager) m).getManagedArrays().size();
                NDArray y;
                try (NDManager scope = m.newSubManager()) {
                    x.tempAttach(scope);
                    y = compact.apply(x);
                    assertEquals(DataType.FLOAT32, y.getDataType());
                    y.attach(m);
                }
                assertEquals(before + 1, ((BaseNDManager) m).getManagedArrays().size(),
                        "the converted weight lives only in the call's scope");
                double rel = ReferenceRun.relativeL2(y, expected);
                System.out.printf("linear 48x40 %s storage vs fp32: relL2 %.2e%n", storage.id(), rel);
                assertTrue(rel < (storage == WeightStorage.FP16 ? 1e-3 : 2e-2), storage + " " + rel);
                assertTrue(rel > 0, "the weights really were stored compactly");
                assertTrue(compact.storedBytes() < reference.storedBytes() / (storage == WeightStorage.FP16 ? 1.8 : 3));
            }
        }
    }

    @Test
    void float16ComputeKeepsTheResultFloat32AndFiniteWhenInputsExceedItsRange() throws IOException {
        try (NDManager m = NDManager.newBaseManager(); SafetensorsFile s = layer(16, 8)) {
            Linear half = new LayerWeights(m, m, WeightStorage.FP16, DataType.FLOAT16).linear(s, "l", 16, 8, true);
            NDArray x = m.create(random(new Random(2), 2 * 8, 1f), new Shape(2, 8));
            NDArray y = half.apply(x);
            assertEquals(DataType.FLOAT32, y.getDataType());
            double rel = ReferenceRun.relativeL2(y, LayerWeights.fp32(m).linear(s, "l", 16, 8, true).apply(x));
            assertTrue(rel < 5e-3, "fp16 compute relL2 " + rel);
            NDArray huge = x.mul(1e9f);
            float[] out = half.apply(huge).toFloatArray();
            for (float v : out) {
                assertTrue(Float.isFinite(v) && Math.abs(v) <= Linear.FP16_MAX, "guarded: " + v);
            }
        }
    }

    @Test
    void int8RowsQuantizeWithinHalfAStepOfTheirScale() {
        float[] w = {0.5f, -1f, 0.25f, 0.1f, 0f, 0f, 0f, 0f, 3f, 2.9f, -0.001f, 1e-3f};
        Int8Weights q = Int8Weights.quantize(w, 3, 4);
        assertEquals(1f / 127, q.scales()[0], 1e-9);
        assertEquals(1f, q.scales()[1], 0f, "an all-zero row gets a harmless scale");
        float[] back = q.dequantize();
        for (int i = 0; i < w.length; i++) {
            assertTrue(Math.abs(back[i] - w[i]) <= q.scales()[i / 4] / 2 + 1e-7, i + ": " + back[i] + " vs " + w[i]);
        }
        assertEquals(127, q.values()[8]);
        assertEquals(-127, q.values()[1]);
    }
}
