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
 * A FLUX double-stream block (reference DoubleStreamBlock): image and text tokens keep separate weights but attend
 * jointly, text first.
 */
final class DoubleStreamBlock {

    /** The weights of one stream (img or txt). */
    private record Stream(Linear mod, Linear qkv, NDArray queryNorm, NDArray keyNorm, Linear proj, Linear mlpIn,
            Linear mlpOut) {

        static Stream load(LayerWeights m, TensorSource s, String p, FluxParams params) {
            long h = params.hiddenSize();
            long mlp = params.mlpHiddenDim();
            long d = params.headDim();
            return new Stream(m.linear(s, p + "_mod.lin", 6 * h, h, true),
                    m.linear(s, p + "_attn.qkv", 3 * h, h, params.qkvBias()),
                    m.tensor(s, p + "_attn.norm.query_norm.scale", d),
                    m.tensor(s, p + "_attn.norm.key_norm.scale", d),
                    m.linear(s, p + "_attn.proj", h, h, true), m.linear(s, p + "_mlp.0", mlp, h, true),
                    m.linear(s, p + "_mlp.2", h, mlp, true));
        }
    }

    private final Stream img;
    private final Stream txt;
    private final int heads;
    private final LayerNormConstants norm;

    private DoubleStreamBlock(Stream img, Stream txt, int heads, LayerNormConstants norm) {
        this.img = img;
        this.txt = txt;
        this.heads = heads;
        this.norm = norm;
    }

    static DoubleStreamBlock load(LayerWeights m, TensorSource s, int index, FluxParams params, LayerNormConstants norm) {
        String p = "double_blocks." + index + ".";
        return new DoubleStreamBlock(Stream.load(m, s, p + "img", params), Stream.load(m, s, p + "txt", params),
                params.numHeads(), norm);
    }

    /**
     * One block. The inputs are owned by {@code scope} (a sub-manager the caller closes); the outputs are created there
     * too.
     *
     * @return {img, txt}
     */
    NDArray[] forward(NDManager scope, NDArray imgX, NDArray txtX, NDArray siluVec, RotaryEmbedding rope,
            int attentionChunk) {
        Modulation[] imgMod = Modulation.of(scope, siluVec, img.mod, 2);
        Modulation[] txtMod = Modulation.of(scope, siluVec, txt.mod, 2);

        NDArray[] imgQkv = qkv(img, imgMod[0].modulateInPlace(norm.apply(imgX)));
        NDArray[] txtQkv = qkv(txt, txtMod[0].modulateInPlace(norm.apply(txtX)));
        NDArray q = NDArrays.concat(new NDList(txtQkv[0], imgQkv[0]), 2);
        NDArray k = NDArrays.concat(new NDList(txtQkv[1], imgQkv[1]), 2);
        NDArray v = NDArrays.concat(new NDList(txtQkv[2], imgQkv[2]), 2);
        closeAll(imgQkv, txtQkv);
        NDArray rotatedQ = rope.rotate(q);
        NDArray rotatedK = rope.rotate(k);
        NDArray perHead = Ops.attention(rotatedQ, rotatedK, v, attentionChunk);
        closeAll(new NDArray[] {q, k, v, rotatedQ, rotatedK});
        NDArray attn = QkvAttention.mergeHeads(perHead);
        perHead.close();
        long txtLen = txtX.getShape().get(1);
        NDArray txtAttn = attn.get(new NDIndex(":, :{}", txtLen));
        NDArray imgAttn = attn.get(new NDIndex(":, {}:", txtLen));

        NDArray imgOut = residual(img, imgX, imgAttn, imgMod);
        NDArray txtOut = residual(txt, txtX, txtAttn, txtMod);
        return new NDArray[] {imgOut, txtOut};
    }

    /** Frees a block's large temporaries as soon as they are read, so its peak is not the sum of all of them. */
    private static void closeAll(NDArray[]... groups) {
        for (NDArray[] group : groups) {
            for (NDArray a : group) {
                a.close();
            }
        }
    }

    private NDArray[] qkv(Stream s, NDArray modulated) {
        NDArray fused = s.qkv.apply(modulated);
        modulated.close();
        NDArray[] qkv = QkvAttention.splitHeads(fused, heads);
        fused.close();
        // QKNorm: RMSNorm of every head vector, then the learned scale
        NDArray[] normed = {Ops.rmsNorm(qkv[0], s.queryNorm, 1e-6f), Ops.rmsNorm(qkv[1], s.keyNorm, 1e-6f), qkv[2]};
        qkv[0].close();
        qkv[1].close();
        return normed;
    }

    /** {@code x + gate·proj(attn)}, then {@code + gate·mlp(modulated norm)}, each sum in the new layer's output. */
    private NDArray residual(Stream s, NDArray x, NDArray attn, Modulation[] mod) {
        NDArray afterAttn = s.proj.apply(attn).muli(mod[0].gate()).addi(x);
        NDArray hidden = s.mlpIn.apply(mod[1].modulateInPlace(norm.apply(afterAttn)));
        NDArray activated = Ops.geluTanh(hidden);
        hidden.close();
        NDArray mlp = s.mlpOut.apply(activated);
        activated.close();
        return mlp.muli(mod[1].gate()).addi(afterAttn);
    }
}
