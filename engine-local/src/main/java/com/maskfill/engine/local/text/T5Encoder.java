package com.maskfill.engine.local.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import com.fasterxml.jackson.databind.JsonNode;
import com.maskfill.engine.local.nn.LayerWeights;
import com.maskfill.engine.local.nn.Linear;
import com.maskfill.engine.local.nn.Ops;
import com.maskfill.engine.local.nn.Stages;
import com.maskfill.engine.local.nn.WeightScope;
import com.maskfill.engine.local.nn.WeightStorage;
import com.maskfill.engine.local.weights.TensorSource;
import com.maskfill.engine.local.weights.WeightArrays;
import com.maskfill.engine.local.weights.WeightsException;
import java.util.ArrayList;
import java.util.List;

/**
 * The T5 v1.1 encoder stack (Hugging Face T5EncoderModel names) that turns the prompt into FLUX's {@code txt}
 * (local-engine.md §1.5): pre-norm blocks with RMS norms, unscaled attention plus a relative position bias computed
 * once from block 0's bucket table, gated tanh-GELU feed-forward, a final norm. No attention mask, as the reference.
 * Float32 throughout.
 */
public final class T5Encoder implements AutoCloseable {

    /** Hyper-parameters; {@link #T5_V1_1_XXL} is FLUX's. */
    public record Config(int dModel, int dKv, int heads, int layers, int dFf, int buckets, int maxDistance, float eps) {

        public static final Config T5_V1_1_XXL = new Config(4096, 64, 64, 24, 10240, 32, 128, 1e-6f);

        /** From a Hugging Face {@code text_encoder_2/config.json}. */
        public static Config fromHfConfig(JsonNode c) {
            return new Config(c.path("d_model").asInt(4096), c.path("d_kv").asInt(64), c.path("num_heads").asInt(64),
                    c.path("num_layers").asInt(24), c.path("d_ff").asInt(10240),
                    c.path("relative_attention_num_buckets").asInt(32),
                    c.path("relative_attention_max_distance").asInt(128),
                    (float) c.path("layer_norm_epsilon").asDouble(1e-6));
        }
    }

    private record Block(NDArray attnNorm, Linear q, Linear k, Linear v, Linear o, NDArray ffNorm, Linear wi0,
            Linear wi1, Linear wo) {
    }

    private static final String BIAS = "encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight";

    private final NDManager weights;
    private final Config config;
    private final NDArray embeddings;
    private final NDArray relativeBias;
    private final List<Block> blocks = new ArrayList<>();
    private final NDArray finalNorm;
    private int attentionChunk = 512;

    private T5Encoder(NDManager weights, TensorSource s, Config c, WeightStorage storage) {
        this.weights = weights;
        LayerWeights w = new LayerWeights(weights, weights, storage, DataType.FLOAT32);
        this.config = c;
        String embeddingName = s.contains("shared.weight") ? "shared.weight" : "encoder.embed_tokens.weight";
        long vocab = s.info(embeddingName).shape()[0];
        this.embeddings = WeightArrays.load(weights, s, embeddingName, vocab, c.dModel());
        this.relativeBias = WeightArrays.load(weights, s, BIAS, c.buckets(), c.heads());
        long inner = (long) c.heads() * c.dKv();
        for (int i = 0; i < c.layers(); i++) {
            String a = "encoder.block." + i + ".layer.0.";
            String f = "encoder.block." + i + ".layer.1.";
            blocks.add(new Block(WeightArrays.load(weights, s, a + "layer_norm.weight", c.dModel()),
                    w.linear(s, a + "SelfAttention.q", inner, c.dModel(), false),
                    w.linear(s, a + "SelfAttention.k", inner, c.dModel(), false),
                    w.linear(s, a + "SelfAttention.v", inner, c.dModel(), false),
                    w.linear(s, a + "SelfAttention.o", c.dModel(), inner, false),
                    WeightArrays.load(weights, s, f + "layer_norm.weight", c.dModel()),
                    w.linear(s, f + "DenseReluDense.wi_0", c.dFf(), c.dModel(), false),
                    w.linear(s, f + "DenseReluDense.wi_1", c.dFf(), c.dModel(), false),
                    w.linear(s, f + "DenseReluDense.wo", c.dModel(), c.dFf(), false)));
        }
        this.finalNorm = WeightArrays.load(weights, s, "encoder.final_layer_norm.weight", c.dModel());
    }

    /** Loads every weight as float32 into a new sub-manager of {@code parent}. */
    public static T5Encoder load(NDManager parent, TensorSource source, Config config) {
        return load(parent, source, config, WeightStorage.FP32);
    }

    /**
     * With the linear layers held as {@code storage} (float16 halves T5-XXL's 19 GB; it computes in float32 all the
     * same, since T5's activations overflow float16, local-engine.md §0.5).
     */
    public static T5Encoder load(NDManager parent, TensorSource source, Config config, WeightStorage storage) {
        if (!source.contains(BIAS)) {
            throw new WeightsException(source.describe() + ": tensor '" + BIAS + "': missing; not a T5 encoder in"
                    + " Hugging Face names");
        }
        return WeightScope.load(parent, m -> new T5Encoder(m, source, config, storage));
    }

    public void setAttentionChunk(int rows) {
        this.attentionChunk = WeightScope.attentionChunk(rows);
    }

    /** (1, L, dModel) hidden states for token ids, owned by {@code manager}. */
    public NDArray encode(NDManager manager, long[] ids) {
        int length = ids.length;
        try (NDManager fwd = manager.newSubManager()) {
            NDArray idArray = fwd.create(ids, new Shape(1, length));
            NDArray x = Embedding.embedding(idArray, embeddings, SparseFormat.DENSE).singletonOrThrow();
            NDArray bias = positionBias(fwd, length);
            x = Stages.fold(fwd, x, blocks, (block, h, scope) -> block(block, h, bias));
            NDArray out = Ops.rmsNorm(x, finalNorm, config.eps());
            out.attach(manager);
            return out;
        }
    }

    private NDArray block(Block b, NDArray x, NDArray bias) {
        NDArray h = Ops.rmsNorm(x, b.attnNorm(), config.eps());
        NDArray attn = Ops.attention(heads(b.q().apply(h)), heads(b.k().apply(h)), heads(b.v().apply(h)), bias, 1f,
                attentionChunk);
        Shape s = x.getShape();
        NDArray merged = attn.transpose(0, 2, 1, 3).reshape(s.get(0), s.get(1), (long) config.heads() * config.dKv());
        x = x.add(b.o().apply(merged));
        NDArray g = Ops.rmsNorm(x, b.ffNorm(), config.eps());
        return x.add(b.wo().apply(Ops.geluTanh(b.wi0().apply(g)).mul(b.wi1().apply(g))));
    }

    /** (B, L, H*dKv) to (B, H, L, dKv). */
    private NDArray heads(NDArray x) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), config.heads(), config.dKv()).transpose(0, 2, 1, 3);
    }

    /** (1, H, L, L): the learned bias of each query/key offset's bucket. */
    private NDArray positionBias(NDManager fwd, int length) {
        long[] table = new long[length * length];
        for (int query = 0; query < length; query++) {
            for (int key = 0; key < length; key++) {
                table[query * length + key] = bucket(key - query, config.buckets(), config.maxDistance());
            }
        }
        NDArray buckets = fwd.create(table, new Shape(length, length));
        return Embedding.embedding(buckets, relativeBias, SparseFormat.DENSE).singletonOrThrow()
                .transpose(2, 0, 1).expandDims(0);
    }

    /**
     * T5's bidirectional bucket of a key-minus-query offset: half the buckets for each sign, exact below an eighth of
     * them, logarithmic up to {@code maxDistance}. Float32 arithmetic as the reference, so the truncation agrees.
     */
    static int bucket(int relative, int buckets, int maxDistance) {
        int half = buckets / 2;
        int bucket = relative > 0 ? half : 0;
        int distance = Math.abs(relative);
        int maxExact = half / 2;
        if (distance < maxExact) {
            return bucket + distance;
        }
        float log = (float) Math.log(distance / (float) maxExact);
        float scaled = log / (float) Math.log(maxDistance / (double) maxExact) * (half - maxExact);
        return bucket + Math.min(maxExact + (int) scaled, half - 1);
    }

    @Override
    public void close() {
        weights.close();
    }
}
