package com.maskfill.engine.local.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import com.fasterxml.jackson.databind.JsonNode;
import com.maskfill.engine.local.nn.Linear;
import com.maskfill.engine.local.nn.Ops;
import com.maskfill.engine.local.nn.Stages;
import com.maskfill.engine.local.nn.WeightScope;
import com.maskfill.engine.local.weights.TensorSource;
import com.maskfill.engine.local.weights.WeightArrays;
import com.maskfill.engine.local.weights.WeightsException;
import java.util.ArrayList;
import java.util.List;

/**
 * CLIP-L's text tower (Hugging Face CLIPTextModel names) that gives FLUX's pooled vector {@code y}
 * (local-engine.md §1.5): token plus position embeddings, pre-LayerNorm blocks with causal attention and quick-GELU
 * MLPs, a final LayerNorm; the pooled output is the final hidden state at the first occurrence of the largest token
 * id (the end token). Float32 throughout.
 */
public final class ClipTextEncoder implements AutoCloseable {

    /** Hyper-parameters; {@link #CLIP_L} is FLUX's. */
    public record Config(int hidden, int layers, int heads, int intermediate, float eps) {

        public static final Config CLIP_L = new Config(768, 12, 12, 3072, 1e-5f);

        /** From a Hugging Face {@code text_encoder/config.json}. */
        public static Config fromHfConfig(JsonNode c) {
            return new Config(c.path("hidden_size").asInt(768), c.path("num_hidden_layers").asInt(12),
                    c.path("num_attention_heads").asInt(12), c.path("intermediate_size").asInt(3072),
                    (float) c.path("layer_norm_eps").asDouble(1e-5));
        }
    }

    private record Norm(NDArray weight, NDArray bias) {
    }

    private record Layer(Norm norm1, Linear q, Linear k, Linear v, Linear out, Norm norm2, Linear fc1, Linear fc2) {
    }

    private static final String P = "text_model.";

    private final NDManager weights;
    private final Config config;
    private final NDArray tokenEmbedding;
    private final NDArray positionEmbedding;
    private final List<Layer> layers = new ArrayList<>();
    private final Norm finalNorm;

    private ClipTextEncoder(NDManager weights, TensorSource s, Config c) {
        this.weights = weights;
        this.config = c;
        long h = c.hidden();
        String tokens = P + "embeddings.token_embedding.weight";
        String positions = P + "embeddings.position_embedding.weight";
        this.tokenEmbedding = WeightArrays.load(weights, s, tokens, s.info(tokens).shape()[0], h);
        this.positionEmbedding = WeightArrays.load(weights, s, positions, s.info(positions).shape()[0], h);
        for (int i = 0; i < c.layers(); i++) {
            String l = P + "encoder.layers." + i + ".";
            layers.add(new Layer(norm(s, l + "layer_norm1"), Linear.load(weights, s, l + "self_attn.q_proj", h, h, true),
                    Linear.load(weights, s, l + "self_attn.k_proj", h, h, true),
                    Linear.load(weights, s, l + "self_attn.v_proj", h, h, true),
                    Linear.load(weights, s, l + "self_attn.out_proj", h, h, true), norm(s, l + "layer_norm2"),
                    Linear.load(weights, s, l + "mlp.fc1", c.intermediate(), h, true),
                    Linear.load(weights, s, l + "mlp.fc2", h, c.intermediate(), true)));
        }
        this.finalNorm = norm(s, P + "final_layer_norm");
    }

    private Norm norm(TensorSource s, String name) {
        return new Norm(WeightArrays.load(weights, s, name + ".weight", config.hidden()),
                WeightArrays.load(weights, s, name + ".bias", config.hidden()));
    }

    /** Loads every weight as float32 into a new sub-manager of {@code parent}. */
    public static ClipTextEncoder load(NDManager parent, TensorSource source, Config config) {
        if (!source.contains(P + "embeddings.token_embedding.weight")) {
            throw new WeightsException(source.describe() + ": tensor '" + P + "embeddings.token_embedding.weight': "
                    + "missing; not a CLIP text model in Hugging Face names");
        }
        return WeightScope.load(parent, m -> new ClipTextEncoder(m, source, config));
    }

    /** The pooled embedding (1, hidden) of the token ids, owned by {@code manager}. */
    public NDArray pooled(NDManager manager, int[] ids) {
        int length = ids.length;
        int pooledAt = 0;
        for (int i = 1; i < length; i++) {
            if (ids[i] > ids[pooledAt]) {
                pooledAt = i;
            }
        }
        try (NDManager fwd = manager.newSubManager()) {
            long[] longIds = new long[length];
            for (int i = 0; i < length; i++) longIds[i] = ids[i];
            NDArray x = Embedding.embedding(fwd.create(longIds, new Shape(1, length)), tokenEmbedding,
                    SparseFormat.DENSE).singletonOrThrow();
            NDArray positions = positionEmbedding.get(new NDIndex(":{}", length)); // a view owned by the weights
            x = x.add(positions);
            positions.close();
            float[] causal = new float[length * length];
            for (int q = 0; q < length; q++) {
                for (int k = q + 1; k < length; k++) {
                    causal[q * length + k] = -Float.MAX_VALUE;
                }
            }
            NDArray mask = fwd.create(causal, new Shape(1, 1, length, length));
            x = Stages.fold(fwd, x, layers, (layer, h, scope) -> layer(layer, h, mask));
            NDArray out = layerNorm(x, finalNorm).get(new NDIndex(":, {}", pooledAt));
            out.attach(manager);
            return out;
        }
    }

    private NDArray layer(Layer l, NDArray x, NDArray mask) {
        NDArray h = layerNorm(x, l.norm1());
        float scale = (float) Math.pow(config.hidden() / config.heads(), -0.5);
        NDArray attn = Ops.attention(heads(l.q().apply(h)), heads(l.k().apply(h)), heads(l.v().apply(h)), mask, scale,
                Integer.MAX_VALUE);
        Shape s = x.getShape();
        x = x.add(l.out().apply(attn.transpose(0, 2, 1, 3).reshape(s)));
        NDArray m = l.fc1().apply(layerNorm(x, l.norm2()));
        NDArray quickGelu = m.mul(Activation.sigmoid(m.mul(1.702f)));
        return x.add(l.fc2().apply(quickGelu));
    }

    private NDArray layerNorm(NDArray x, Norm norm) {
        return Ops.layerNorm(x, norm.weight(), norm.bias(), config.eps());
    }

    /** (B, L, hidden) to (B, H, L, hidden/H). */
    private NDArray heads(NDArray x) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), config.heads(), config.hidden() / config.heads()).transpose(0, 2, 1, 3);
    }

    @Override
    public void close() {
        weights.close();
    }
}
