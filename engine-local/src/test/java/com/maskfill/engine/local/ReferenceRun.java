package com.maskfill.engine.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.maskfill.engine.local.weights.SafetensorsFile;
import com.maskfill.engine.local.weights.WeightArrays;
import java.nio.file.Path;

/**
 * The intermediates of the tiny reference run ({@code reference.safetensors} in flux-tiny-a, written by
 * ../shared/tools/flux-reference/make_tiny_reference.py running the BFL fill pipeline on torch 1.13 CPU).
 */
public final class ReferenceRun {

    private ReferenceRun() {
    }

    public static NDArray load(NDManager manager, String name) {
        return load(manager, TestData.fluxTinyA(), name);
    }

    /** A tensor of {@code reference.safetensors} in another reference folder (flux-tiny-b). */
    public static NDArray load(NDManager manager, Path referenceDir, String name) {
        try (SafetensorsFile st = SafetensorsFile.open(referenceDir.resolve("reference.safetensors"))) {
            return WeightArrays.load(manager, st, name);
        }
    }

    /** A tensor of the fp32 end-to-end oracle of a tiny reference (see {@link TestData#fp32Oracle}). */
    public static NDArray loadFp32(NDManager manager, Path referenceDir, String name) {
        try (SafetensorsFile st = SafetensorsFile.open(TestData.fp32Oracle(referenceDir)
                .resolve("reference-fp32.safetensors"))) {
            return WeightArrays.load(manager, st, name);
        }
    }

    /** ||a - b|| / ||b|| over all elements. */
    public static double relativeL2(NDArray actual, NDArray expected) {
        if (!actual.getShape().equals(expected.getShape())) {
            throw new IllegalArgumentException(actual.getShape() + " vs " + expected.getShape());
        }
        return relativeL2(actual.toFloatArray(), expected.toFloatArray());
    }

    /** ||a - b|| / ||b||. */
    public static double relativeL2(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(a.length + " vs " + b.length + " values");
        }
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            diff += d * d;
            norm += (double) b[i] * b[i];
        }
        return Math.sqrt(diff / norm);
    }

    /** Prints {@code label: relL2 .. maxAbs ..} and asserts the relative L2 distance is below {@code limit}. */
    public static double assertRelativeL2Below(String label, NDArray actual, NDArray expected, double limit) {
        double rel = relativeL2(actual, expected);
        System.out.printf("%s: relL2 %.3e maxAbs %.3e%n", label, rel, maxAbsDiff(actual, expected));
        assertTrue(rel < limit, label + ": relative L2 " + rel + ", limit " + limit);
        return rel;
    }

    /** Same shape and the same float32 bit patterns everywhere. */
    public static void assertBitEqual(NDArray expected, NDArray actual) {
        assertEquals(expected.getShape(), actual.getShape());
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        for (int i = 0; i < e.length; i++) {
            assertEquals(Float.floatToRawIntBits(e[i]), Float.floatToRawIntBits(a[i]), "element " + i);
        }
    }

    public static double maxAbsDiff(NDArray actual, NDArray expected) {
        float[] a = actual.toFloatArray();
        float[] b = expected.toFloatArray();
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((double) a[i] - b[i]));
        }
        return max;
    }
}
