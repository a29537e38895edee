package com.maskfill.engine.local.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import com.maskfill.engine.local.nn.LayerWeights;
import com.maskfill.engine.local.nn.Linear;
import com.maskfill.engine.local.nn.Ops;
import com.maskfill.engine.local.weights.FluxParams;
import com.maskfill.engine.local.weights.TensorSource;

/**
 * A FLUX single-stream block (reference SingleStreamBlock) over the joint text+image sequence: one fused projection
 * gives q, k, v and the MLP input; attention output and GELU(MLP) share one output projection.
 */
final class SingleStreamBlock {

    private final Linear linear1;
    private final Linear linear2;
    private final NDArray queryNorm;
    private final NDArray keyNorm;
    private final Linear modulation;
    private final int heads;
    private final long hidden;
    private final LayerNormConstants norm;

    private SingleStreamBlock(Linear linear1, Linear linear2, NDArray queryNorm, NDArray keyNorm, Linear modulation,
            int heads, long hidden, LayerNormConstants norm) {
        this.linear1 = linear1;
        this.linear2 = linear2;
        this.queryNorm = queryNorm;
        this.keyNorm = keyNorm;
        this.modulation = modulation;
        this.heads = heads;
        this.hidden = hidden;
        this.norm = norm;
    }

    static SingleStreamBlock load(LayerWeights m, TensorSource s, int index, FluxParams params, LayerNormConstants norm) {
        String p = "single_blocks." + index + ".";
        long h = params.hiddenSize();
        long mlp = params.mlpHiddenDim();
        long d = params.headDim();
        return new SingleStreamBlock(m.linear(s, p + "linear1", 3 * h + mlp, h, true),
                m.linear(s, p + "linear2", h, h + mlp, true),
                m.tensor(s, p + "norm.query_norm.scale", d),
                m.tensor(s, p + "norm.key_norm.scale", d),
                m.linear(s, p + "modulation.lin", 3 * h, h, true), params.numHeads(), h, norm);
    }

    NDArray forward(NDManager scope, NDArray x, NDArray siluVec, RotaryEmbedding rope, int attentionChunk) {
        Modulation mod = Modulation.of(scope, siluVec, modulation, 1)[0];
        NDArray modulated = mod.modulateInPlace(norm.apply(x));
        NDArray fused = linear1.apply(modulated);
        modulated.close();
        NDArray qkvPart = fused.get(new NDIndex("..., :{}", 3 * hidden));
        NDArray mlpPart = fused.get(new NDIndex("..., {}:", 3 * hidden));
        NDArray[] qkv = QkvAttention.splitHeads(qkvPart, heads);
        NDArray q = Ops.rmsNorm(qkv[0], queryNorm, 1e-6f);
        NDArray k = Ops.rmsNorm(qkv[1], keyNorm, 1e-6f);
        NDArray rotatedQ = rope.rotate(q);
        NDArray rotatedK = rope.rotate(k);
        NDArray perHead = Ops.attention(rotatedQ, rotatedK, qkv[2], attentionChunk);
        NDArray attn = QkvAttention.mergeHeads(perHead);
        NDArray activated = Ops.geluTanh(mlpPart);
        // fused's memory is freed only when every view of it is closed
        for (NDArray a : new NDArray[] {q, k, rotatedQ, rotatedK, perHead, qkv[0], qkv[1], qkv[2], qkvPart, mlpPart,
                fused}) {
            a.close();
        }
        NDArray joined = NDArrays.concat(new NDList(attn, activated), 2);
        attn.close();
        activated.close();
        NDArray out = linear2.apply(joined);
        joined.close();
        // x + gate·out, summed in out's memory
        return out.muli(mod.gate()).addi(x);
    }
}
