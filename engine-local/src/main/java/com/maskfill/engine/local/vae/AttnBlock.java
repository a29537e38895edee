package com.maskfill.engine.local.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.maskfill.engine.local.nn.Ops;
import com.maskfill.engine.local.weights.TensorSource;

/** Single-head self-attention over all H*W positions, C channels wide, with a residual (the mid-block attention). */
record AttnBlock(GroupNorm norm, Conv q, Conv k, Conv v, Conv proj) {

    static AttnBlock load(NDManager m, TensorSource s, String p, long c) {
        return new AttnBlock(GroupNorm.load(m, s, p + ".norm", c), Conv.load(m, s, p + ".q", c, c, 1, 1, 0),
                Conv.load(m, s, p + ".k", c, c, 1, 1, 0), Conv.load(m, s, p + ".v", c, c, 1, 1, 0),
                Conv.load(m, s, p + ".proj_out", c, c, 1, 1, 0));
    }

    NDArray apply(NDArray x, int attentionChunk) {
        Shape s = x.getShape();
        NDArray h = norm.apply(x);
        NDArray out = Ops.attention(tokens(q.apply(h)), tokens(k.apply(h)), tokens(v.apply(h)), attentionChunk);
        // (B, 1, HW, C) back to (B, C, H, W)
        NDArray image = out.reshape(s.get(0), s.get(2), s.get(3), s.get(1)).transpose(0, 3, 1, 2);
        return x.add(proj.apply(image));
    }

    /** (B, C, H, W) to (B, 1, H*W, C). */
    private static NDArray tokens(NDArray x) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), s.get(2) * s.get(3)).transpose(0, 2, 1).expandDims(1);
    }
}
