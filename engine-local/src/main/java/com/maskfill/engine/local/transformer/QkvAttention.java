package com.maskfill.engine.local.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Splitting fused qkv projections into heads and merging heads back. */
final class QkvAttention {

    private QkvAttention() {
    }

    /** (B, L, 3*H*D) to q, k, v each (B, H, L, D) ("B L (K H D) -> K B H L D"). */
    static NDArray[] splitHeads(NDArray qkv, int heads) {
        Shape s = qkv.getShape();
        long headDim = s.get(2) / (3L * heads);
        // the intermediate handles are views; closed here so only the three results keep qkv's memory alive
        try (NDArray grouped = qkv.reshape(s.get(0), s.get(1), 3, heads, headDim);
                NDArray split = grouped.transpose(2, 0, 3, 1, 4)) {
            return new NDArray[] {split.get(0), split.get(1), split.get(2)};
        }
    }

    /** (B, H, L, D) to (B, L, H*D). */
    static NDArray mergeHeads(NDArray x) {
        Shape s = x.getShape();
        try (NDArray tokensFirst = x.transpose(0, 2, 1, 3)) {
            return tokensFirst.reshape(s.get(0), s.get(2), s.get(1) * s.get(3));
        }
    }
}
