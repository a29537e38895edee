package com.maskfill.engine.local.transformer;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.maskfill.engine.local.nn.Int8WeightCache;
import com.maskfill.engine.local.nn.LayerWeights;
import com.maskfill.engine.local.nn.Linear;
import com.maskfill.engine.local.nn.Ops;
import com.maskfill.engine.local.nn.Stages;
import com.maskfill.engine.local.nn.WeightScope;
import com.maskfill.engine.local.nn.WeightStorage;
import com.maskfill.engine.local.weights.FluxParams;
import com.maskfill.engine.local.weights.TensorSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * The FLUX transformer (reference {@code Flux.forward}), fill variant included: the input tokens carry the noisy latent
 * and the conditioning (384 features for Fill). Activations between layers are float32; linear weights are float32,
 * float16 or int8 and may compute in float16 ({@link LayerWeights}, local-engine.md §3.3). Each block runs in its own NDManager scope, so a forward leaves nothing behind but its
 * output.
 */
public final class FluxTransformer implements AutoCloseable {

    /** Query rows per attention chunk; the score matrix is at most heads x chunk x L floats. */
    public static final int DEFAULT_ATTENTION_CHUNK = 512;

    private final NDManager weights;
    private final NDManager host;
    private final FluxParams params;
    private final Linear imgIn;
    private final Linear txtIn;
    private final Linear[] timeIn;
    private final Linear[] vectorIn;
    private final Linear[] guidanceIn;
    private final List<DoubleStreamBlock> doubleBlocks;
    private final List<SingleStreamBlock> singleBlocks;
    private final Linear finalModulation;
    private final Linear finalLinear;
    private final LayerNormConstants norm;
    private int attentionChunk = DEFAULT_ATTENTION_CHUNK;
    private boolean bf16ReferenceScalars;

    private FluxTransformer(LayerWeights w, NDManager host, FluxParams params, TensorSource source,
            BooleanSupplier cancelled) {
        this.weights = w.resident();
        this.host = host;
        this.params = params;
        long h = params.hiddenSize();
        this.norm = new LayerNormConstants(weights, h);
        this.imgIn = w.linear(source, "img_in", h, params.inChannels(), true);
        this.txtIn = w.linear(source, "txt_in", h, params.contextInDim(), true);
        this.timeIn = mlpEmbedder(w, source, "time_in", 256);
        this.vectorIn = mlpEmbedder(w, source, "vector_in", params.vecInDim());
        this.guidanceIn = params.guidanceEmbed() ? mlpEmbedder(w, source, "guidance_in", 256) : null;
        this.doubleBlocks = new ArrayList<>();
        for (int i = 0; i < params.depth(); i++) {
            checkCancelled(cancelled, "double block " + i);
            doubleBlocks.add(DoubleStreamBlock.load(w, source, i, params, norm));
        }
        this.singleBlocks = new ArrayList<>();
        for (int j = 0; j < params.depthSingleBlocks(); j++) {
            checkCancelled(cancelled, "single block " + j);
            singleBlocks.add(SingleStreamBlock.load(w, source, j, params, norm));
        }
        this.finalModulation = w.linear(source, "final_layer.adaLN_modulation.1", 2 * h, h, true);
        this.finalLinear = w.linear(source, "final_layer.linear", params.outChannels(), h, true);
    }

    /** Loads every weight (BFL names) as float32 into a new sub-manager of {@code parent}. */
    public static FluxTransformer load(NDManager parent, TensorSource bflWeights, FluxParams params) {
        return load(parent, bflWeights, params, WeightStorage.FP32, DataType.FLOAT32, false);
    }

    /**
     * Loads the weights with linear layers held as {@code storage} and computing in {@code compute}.
     *
     * @param streamed hold the linear layers on the host and copy each to {@code parent}'s device only while it runs
     *     (for a device too small for the whole model); otherwise everything lives on {@code parent}'s device
     */
    public static FluxTransformer load(NDManager parent, TensorSource bflWeights, FluxParams params,
            WeightStorage storage, DataType compute, boolean streamed) {
        return load(parent, bflWeights, params, storage, compute, streamed, null, () -> false);
    }

    /**
     * As above, int8 weights coming from (or recorded into) {@code int8Cache} when one is given; loading stops between
     * blocks when {@code cancelled} says so (a full model takes minutes), freeing what was loaded.
     *
     * @throws CancellationException when cancelled
     */
    public static FluxTransformer load(NDManager parent, TensorSource bflWeights, FluxParams params,
            WeightStorage storage, DataType compute, boolean streamed, Int8WeightCache int8Cache,
            BooleanSupplier cancelled) {
        NDManager host = streamed ? NDManager.newBaseManager(Device.cpu()) : null;
        try {
            return WeightScope.load(parent, m -> new FluxTransformer(
                    new LayerWeights(m, host != null ? host : m, storage, compute, int8Cache), host, params,
                    bflWeights, cancelled));
        } catch (RuntimeException e) {
            if (host != null) {
                host.close();
            }
            throw e;
        }
    }

    private static void checkCancelled(BooleanSupplier cancelled, String before) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("loading cancelled before " + before);
        }
    }

    private Linear[] mlpEmbedder(LayerWeights w, TensorSource source, String name, long in) {
        long h = params.hiddenSize();
        return new Linear[] {w.linear(source, name + ".in_layer", h, in, true),
            w.linear(source, name + ".out_layer", h, h, true)};
    }

    /** Query rows per attention chunk: smaller saves memory, any value gives the same result. */
    public void setAttentionChunk(int rows) {
        this.attentionChunk = WeightScope.attentionChunk(rows);
    }

    /**
     * Whether the timestep and guidance embeddings round as the bf16 reference does ({@link
     * TimestepEmbedding#ofBf16Reference}); for parity with bf16 reference runs. Off: exact float32.
     */
    public void setBf16ReferenceScalars(boolean emulate) {
        this.bf16ReferenceScalars = emulate;
    }

    /**
     * One prediction of the flow (velocity) for the image tokens.
     *
     * @param img (B, Limg, inChannels): packed noisy latent followed by the fill conditioning
     * @param imgIds (1, Limg, 3) position ids of the image tokens
     * @param txt (B, Ltxt, contextInDim) T5 hidden states
     * @param txtIds (1, Ltxt, 3) position ids of the text tokens (zeros)
     * @param y (B, vecInDim) pooled CLIP embedding
     * @param timestep the flow time t in [0, 1] (the embedding multiplies it by 1000)
     * @param guidance the distilled guidance scale (30 for Fill)
     * @return (B, Limg, outChannels), owned by {@code img}'s manager
     */
    public NDArray forward(NDArray img, NDArray imgIds, NDArray txt, NDArray txtIds, NDArray y, float timestep,
            float guidance) {
        try (NDManager tables = img.getManager().newSubManager();
                RotaryEmbedding rope = rotaryEmbedding(tables, imgIds, txtIds)) {
            return forward(img, rope, txt, y, timestep, guidance);
        }
    }

    /**
     * The rotary tables of the joint sequence (text tokens first). They depend on the positions only, so a sampling
     * loop builds them once and passes them to every step's {@link #forward(NDArray, RotaryEmbedding, NDArray,
     * NDArray, float, float)}.
     */
    public RotaryEmbedding rotaryEmbedding(NDManager manager, NDArray imgIds, NDArray txtIds) {
        try (NDArray ids = NDArrays.concat(new NDList(txtIds, imgIds), 1)) {
            return RotaryEmbedding.of(manager, ids, params.axesDim(), params.theta());
        }
    }

    /** As {@link #forward(NDArray, NDArray, NDArray, NDArray, NDArray, float, float)}, with tables built before. */
    public NDArray forward(NDArray img, RotaryEmbedding rope, NDArray txt, NDArray y, float timestep, float guidance) {
        checkInputs(img, txt, y);
        NDManager caller = img.getManager();
        try (NDManager fwd = caller.newSubManager()) {
            img.tempAttach(fwd);
            txt.tempAttach(fwd);
            y.tempAttach(fwd);
            long batch = img.getShape().get(0);

            NDArray vec = embed(fwd, timeIn, timestepEmbedding(timestep), batch);
            if (guidanceIn != null) {
                vec = vec.add(embed(fwd, guidanceIn, timestepEmbedding(guidance), batch));
            }
            vec = vec.add(vectorIn[1].apply(Ops.silu(vectorIn[0].apply(y))));
            NDArray siluVec = Ops.silu(vec);

            NDList streams = Stages.fold(fwd, new NDList(imgIn.apply(img), txtIn.apply(txt)), doubleBlocks,
                    (block, h, scope) -> new NDList(block.forward(scope, h.get(0), h.get(1), siluVec, rope,
                            attentionChunk)));
            NDArray imgH = streams.get(0);
            NDArray txtH = streams.get(1);
            long txtLen = txtH.getShape().get(1);
            NDArray joint = NDArrays.concat(new NDList(txtH, imgH), 1);
            streams.close();
            NDArray x = Stages.fold(fwd, joint, singleBlocks,
                    (block, h, scope) -> block.forward(scope, h, siluVec, rope, attentionChunk));
            NDArray out = finalLayer(fwd, x.get(new NDIndex(":, {}:", txtLen)), siluVec);
            out.attach(caller);
            return out;
        }
    }

    private float[] timestepEmbedding(float value) {
        return bf16ReferenceScalars ? TimestepEmbedding.ofBf16Reference(value, 256) : TimestepEmbedding.of(value, 256);
    }

    private NDArray embed(NDManager fwd, Linear[] mlp, float[] sinusoid, long batch) {
        NDArray t = fwd.create(sinusoid, new Shape(1, sinusoid.length)).repeat(0, batch);
        return mlp[1].apply(Ops.silu(mlp[0].apply(t)));
    }

    private NDArray finalLayer(NDManager fwd, NDArray x, NDArray siluVec) {
        NDList shiftScale = finalModulation.apply(siluVec).expandDims(1).split(2, 2);
        NDArray modulated = norm.apply(x).mul(shiftScale.get(1).add(1f)).add(shiftScale.get(0));
        return finalLinear.apply(modulated);
    }

    private void checkInputs(NDArray img, NDArray txt, NDArray y) {
        if (img.getShape().dimension() != 3 || img.getShape().get(2) != params.inChannels()) {
            throw new IllegalArgumentException("img must be (B, L, " + params.inChannels() + "), got " + img.getShape());
        }
        if (txt.getShape().dimension() != 3 || txt.getShape().get(2) != params.contextInDim()) {
            throw new IllegalArgumentException("txt must be (B, L, " + params.contextInDim() + "), got "
                    + txt.getShape());
        }
        if (y.getShape().dimension() != 2 || y.getShape().get(1) != params.vecInDim()) {
            throw new IllegalArgumentException("y must be (B, " + params.vecInDim() + "), got " + y.getShape());
        }
    }

    @Override
    public void close() {
        weights.close();
        if (host != null) {
            host.close();
        }
    }
}
