package com.maskfill.engine.local.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.maskfill.engine.local.nn.Ops;
import com.maskfill.engine.local.weights.TensorSource;

/** {@code x + conv2(swish(norm2(conv1(swish(norm1(x))))))}, with a 1x1 shortcut when the channel count changes. */
record ResnetBlock(GroupNorm norm1, Conv conv1, GroupNorm norm2, Conv conv2, Conv shortcut) {

    static ResnetBlock load(NDManager m, TensorSource s, String p, long in, long out) {
        return new ResnetBlock(GroupNorm.load(m, s, p + ".norm1", in), Conv.load(m, s, p + ".conv1", out, in, 3, 1, 1),
                GroupNorm.load(m, s, p + ".norm2", out), Conv.load(m, s, p + ".conv2", out, out, 3, 1, 1),
                in == out ? null : Conv.load(m, s, p + ".nin_shortcut", out, in, 1, 1, 0));
    }

    NDArray apply(NDArray x) {
        NDArray h = normActConv(norm1, conv1, x);
        NDArray out = normActConv(norm2, conv2, h);
        h.close();
        if (shortcut == null) {
            return out.addi(x);
        }
        try (NDArray projected = shortcut.apply(x)) {
            return out.addi(projected);
        }
    }

    /** {@code conv(swish(norm(x)))}, freeing each full-size intermediate once read: the decode's peak. */
    private static NDArray normActConv(GroupNorm norm, Conv conv, NDArray x) {
        NDArray activated;
        try (NDArray normed = norm.apply(x)) {
            activated = Ops.silu(normed);
        }
        try (activated) {
            return conv.apply(activated);
        }
    }
}
