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
        NDArray h = conv1.apply(Ops.silu(norm1.apply(x)));
        h = conv2.apply(Ops.silu(norm2.apply(h)));
        return (shortcut == null ? x : shortcut.apply(x)).add(h);
    }
}
