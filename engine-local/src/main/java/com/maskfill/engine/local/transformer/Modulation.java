package com.maskfill.engine.local.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.maskfill.engine.local.nn.Linear;

/**
 * adaLN modulation: {@code lin(silu(vec))} split into (shift, scale, gate) triples, each (B, 1, hidden), in the
 * reference's chunk order.
 */
record Modulation(NDArray shift, NDArray scale, NDArray gate) {

    /**
     * {@code (1 + scale) * x + shift}, computed in {@code normalized}'s memory: it is always a LayerNorm's fresh result,
     * used nowhere else.
     */
    NDArray modulateInPlace(NDArray normalized) {
        try (NDArray onePlusScale = scale.add(1f)) {
            return normalized.muli(onePlusScale).addi(shift);
        }
    }

    /** {@code count} triples from {@code siluVec} (B, hidden), computed in (and owned by) {@code scope}. */
    static Modulation[] of(NDManager scope, NDArray siluVec, Linear lin, int count) {
        NDArray out;
        try (NDManager tmp = scope.newSubManager()) {
            siluVec.tempAttach(tmp);
            out = lin.apply(siluVec).expandDims(1);
            out.attach(scope);
        }
        NDList parts = out.split(3L * count, 2);
        parts.attach(scope);
        Modulation[] mods = new Modulation[count];
        for (int i = 0; i < count; i++) {
            mods[i] = new Modulation(parts.get(3 * i), parts.get(3 * i + 1), parts.get(3 * i + 2));
        }
        return mods;
    }
}
