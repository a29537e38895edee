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

    private static final float SQRT_2_OVER_PI = (float) Math.sqrt(2 / Math.PI);

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

    /** RMSNorm over the last axis: {@code x / sqrt(mean(x^2) + eps) * scale} (the reference computes it in fp32). */
    public static NDArray rmsNorm(NDArray x, NDArray scale, float eps) {
        int last = x.getShape().dimension() - 1;
        NDArray rms = x.square().mean(new int[] {last}, true).add(eps).sqrt();
        return x.div(rms).mul(scale);
    }

    /** GELU with the tanh approximation (DJL's {@code Activation.gelu} is the erf form). */
    public static NDArray geluTanh(NDArray x) {
        NDArray inner = x.pow(3).mul(0.044715f).add(x).mul(SQRT_2_OVER_PI).tanh().add(1f);
        return x.mul(inner).mul(0.5f);
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
        NDArray grouped = x.reshape(b, groups, -1);
        NDArray mean = grouped.mean(new int[] {2}, true);
        NDArray centered = grouped.sub(mean);
        NDArray variance = centered.square().mean(new int[] {2}, true);
        NDArray normalized = centered.div(variance.add(eps).sqrt()).reshape(s);
        return normalized.mul(gamma).add(beta);
    }

    public static NDArray silu(NDArray x) {
        return x.mul(Activation.sigmoid(x));
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
            NDArray rows = end - start == lq ? q : q.get(new NDIndex(":, :, {}:{}", start, end));
            NDArray scores = rows.matMul(kT);
            if (scale != 1f) {
                scores = scores.mul(scale);
            }
            if (bias != null) {
                scores = scores.add(biasPerRow ? bias.get(new NDIndex(":, :, {}:{}", start, end)) : bias);
            }
            parts.add(scores.softmax(3).matMul(v));
        }
        return parts.size() == 1 ? parts.singletonOrThrow() : NDArrays.concat(parts, 2);
    }
}
