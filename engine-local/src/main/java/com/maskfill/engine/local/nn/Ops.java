package com.maskfill.engine.local.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;

/**
 * The neural-network primitives FLUX needs that DJL's PyTorch JNI lacks or exposes awkwardly (local-engine.md §3.1),
 * composed from its ops. Every result belongs to the manager of the activation passed first, so callers can scope
 * temporaries by temp-attaching their inputs to a sub-manager.
 */
public final class Ops {

    /** {@code 2·√(2/π)} and {@code 2·√(2/π)·0.044715}: tanh-GELU's inner polynomial, doubled for the sigmoid form. */
    private static final float GELU_LINEAR = (float) (2 * Math.sqrt(2 / Math.PI));
    private static final float GELU_CUBIC = (float) (2 * Math.sqrt(2 / Math.PI) * 0.044715);

    private Ops() {
    }

    /** {@code x W^T + b}; weights in the files' [out, in] layout. */
    public static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        return (bias == null ? Linear.linear(x, weight) : Linear.linear(x, weight, bias)).singletonOrThrow();
    }

    /** LayerNorm over the last axis without affine parameters (DJL's needs non-null ones/zeros). */
    public static NDArray layerNorm(NDArray x, NDArray ones, NDArray zeros, float eps) {
        long c = x.getShape().get(x.getShape().dimension() - 1);
        return LayerNorm.layerNorm(x, new Shape(c), ones, zeros, eps).singletonOrThrow();
    }

    /**
     * RMSNorm over the last axis: {@code x / sqrt(mean(x^2) + eps) * scale} (the reference computes it in fp32). Two
     * passes over x's size besides the reduction; the squares are freed at once.
     */
    public static NDArray rmsNorm(NDArray x, NDArray scale, float eps) {
        int last = x.getShape().dimension() - 1;
        NDArray rms;
        try (NDArray squares = x.square()) {
            rms = squares.mean(new int[] {last}, true);
        }
        rms.addi(eps);
        NDArray root = rms.sqrt();
        rms.close();
        NDArray out = x.div(root).muli(scale);
        root.close();
        return out;
    }

    /**
     * GELU with the tanh approximation (DJL's {@code Activation.gelu} is the erf form), as
     * {@code x·sigmoid(2·√(2/π)·(x + 0.044715x³))}, which equals {@code 0.5x(1 + tanh(√(2/π)(x + 0.044715x³)))}: six
     * passes and one temporary instead of eight passes and eight arrays (it is 10–15 % of a step).
     */
    public static NDArray geluTanh(NDArray x) {
        NDArray out;
        try (NDArray inner = x.square()) {
            inner.muli(GELU_CUBIC).addi(GELU_LINEAR).muli(x);
            out = inner.getNDArrayInternal().sigmoid();
        }
        return out.muli(x);
    }

    /**
     * GroupNorm over (B, C, H, W) with per-channel affine parameters (missing from DJL's PyTorch JNI): biased variance
     * per group of C/groups channels, as torch.nn.GroupNorm.
     *
     * @param gamma per-channel scale shaped (C, 1, 1)
     * @param beta per-channel shift shaped (C, 1, 1)
     */
    public static NDArray groupNorm(NDArray x, int groups, NDArray gamma, NDArray beta, float eps) {
        Shape s = x.getShape();
        long b = s.get(0);
        // one full-size result, normalized, scaled and shifted in place; the squares are freed at once (the
        // autoencoder's largest tensors pass through here)
        NDArray centered;
        NDArray std;
        try (NDArray grouped = x.reshape(b, groups, -1); NDArray mean = grouped.mean(new int[] {2}, true)) {
            centered = grouped.sub(mean);
        }
        try (NDArray squares = centered.square(); NDArray variance = squares.mean(new int[] {2}, true)) {
            std = variance.addi(eps).sqrt();
        }
        centered.divi(std);
        std.close();
        try (centered) {
            return centered.reshape(s).muli(gamma).addi(beta);
        }
    }

    /** {@code x·sigmoid(x)}, the product in the sigmoid's memory. */
    public static NDArray silu(NDArray x) {
        return Activation.sigmoid(x).muli(x);
    }

    /**
     * Softmax attention {@code softmax(q k^T / sqrt(d)) v} without a fused kernel: queries are processed
     * {@code chunk} rows at a time so the score matrix never exceeds (B, H, chunk, Lk). Row chunking is exact: the
     * softmax is per row.
     *
     * @param q (B, H, Lq, D)
     * @param k (B, H, Lk, D)
     * @param v (B, H, Lk, Dv)
     * @return (B, H, Lq, Dv)
     */
    public static NDArray attention(NDArray q, NDArray k, NDArray v, int chunk) {
        return attention(q, k, v, null, (float) (1 / Math.sqrt(q.getShape().get(3))), chunk);
    }

    /**
     * {@code softmax(scale * q k^T + bias) v} in query chunks, for encoders with a causal mask (CLIP) or a learned
     * position bias and no scaling (T5).
     *
     * @param bias null, or broadcastable to (B, H, Lq, Lk) with its third axis either 1 or Lq
     */
    public static NDArray attention(NDArray q, NDArray k, NDArray v, NDArray bias, float scale, int chunk) {
        if (chunk < 1) {
            throw new IllegalArgumentException("attention chunk must be at least 1 query, got " + chunk);
        }
        long lq = q.getShape().get(2);
        NDArray kT = k.transpose(0, 1, 3, 2);
        boolean biasPerRow = bias != null && bias.getShape().get(2) == lq && lq > 1;
        NDList parts = new NDList();
        for (long start = 0; start < lq; start += chunk) {
            long end = Math.min(lq, start + chunk);
            boolean whole = end - start == lq;
            NDArray rows = whole ? q : q.get(new NDIndex(":, :, {}:{}", start, end));
            // the score matrix is the largest temporary (H·chunk·Lk): scaled in place, freed once softmax has read it
            NDArray weights;
            try (NDArray scores = rows.matMul(kT)) {
                if (scale != 1f) {
                    scores.muli(scale);
                }
                if (bias != null && biasPerRow) {
                    try (NDArray rowBias = bias.get(new NDIndex(":, :, {}:{}", start, end))) {
                        scores.addi(rowBias);
                    }
                } else if (bias != null) {
                    scores.addi(bias);
                }
                weights = scores.softmax(3);
            }
            if (!whole) {
                rows.close();
            }
            parts.add(weights.matMul(v));
            weights.close();
        }
        kT.close();
        if (parts.size() == 1) {
            return parts.singletonOrThrow();
        }
        NDArray out = NDArrays.concat(parts, 2);
        parts.close();
        return out;
    }
}
