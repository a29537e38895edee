package com.maskfill.engine.local.weights;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Hyper-parameters of a FLUX transformer, in the reference (BFL) vocabulary.
 *
 * @param inChannels 384 for Fill: 64 noisy latent + 64 masked-image latent + 256 mask channels, all 2x2-packed
 */
public record FluxParams(int inChannels, int outChannels, int vecInDim, int contextInDim, int hiddenSize,
        double mlpRatio, int numHeads, int depth, int depthSingleBlocks, int[] axesDim, double theta, boolean qkvBias,
        boolean guidanceEmbed) {

    /** FLUX.1 Fill [dev] (reference configs["flux-dev-fill"]). */
    public static final FluxParams FLUX1_FILL_DEV = new FluxParams(384, 64, 768, 4096, 3072, 4.0, 24, 19, 38,
            new int[] {16, 56, 56}, 10_000, true, true);

    private static final Pattern DOUBLE_BLOCK = Pattern.compile("^double_blocks\\.(\\d+)\\.");
    private static final Pattern SINGLE_BLOCK = Pattern.compile("^single_blocks\\.(\\d+)\\.");

    public FluxParams {
        axesDim = axesDim.clone();
        if (hiddenSize % numHeads != 0) {
            throw new IllegalArgumentException("hidden size " + hiddenSize + " is not a multiple of " + numHeads + " heads");
        }
        if (Arrays.stream(axesDim).sum() != hiddenSize / numHeads) {
            throw new IllegalArgumentException("axes_dim " + Arrays.toString(axesDim) + " must sum to the head dim "
                    + hiddenSize / numHeads);
        }
    }

    @Override
    public int[] axesDim() {
        return axesDim.clone();
    }

    public int headDim() {
        return hiddenSize / numHeads;
    }

    public int mlpHiddenDim() {
        return (int) (hiddenSize * mlpRatio);
    }

    /** Parameters in the reference's own names (the {@code flux_params} object written by the reference harness). */
    public static FluxParams fromReferenceJson(JsonNode p) {
        return new FluxParams(p.path("in_channels").asInt(384), p.path("out_channels").asInt(64),
                p.path("vec_in_dim").asInt(768), p.path("context_in_dim").asInt(4096), p.path("hidden_size").asInt(3072),
                p.path("mlp_ratio").asDouble(4.0), p.path("num_heads").asInt(24), p.path("depth").asInt(19),
                p.path("depth_single_blocks").asInt(38),
                CheckpointKeys.ints(p.get("axes_dim"), FLUX1_FILL_DEV.axesDim),
                p.path("theta").asDouble(10_000), p.path("qkv_bias").asBoolean(true),
                p.path("guidance_embed").asBoolean(true));
    }

    /** Parameters from a diffusers {@code transformer/config.json} (FluxTransformer2DModel). */
    public static FluxParams fromDiffusersConfig(JsonNode c) {
        int heads = c.path("num_attention_heads").asInt(24);
        int headDim = c.path("attention_head_dim").asInt(128);
        int in = c.path("in_channels").asInt(384);
        JsonNode out = c.get("out_channels");
        return new FluxParams(in, out == null || out.isNull() ? in : out.asInt(),
                c.path("pooled_projection_dim").asInt(768), c.path("joint_attention_dim").asInt(4096), heads * headDim,
                4.0, heads, c.path("num_layers").asInt(19), c.path("num_single_layers").asInt(38),
                CheckpointKeys.ints(c.get("axes_dims_rope"), FLUX1_FILL_DEV.axesDim), 10_000, true,
                c.path("guidance_embeds").asBoolean(true));
    }

    /**
     * Parameters read off the tensor shapes of a BFL-named checkpoint (a single file without config). Only the RoPE
     * axes, theta and the MLP ratio's rounding cannot be seen in shapes; they are FLUX.1's when the head dim is 128.
     */
    public static FluxParams fromShapes(TensorSource bfl) {
        long[] imgIn = bfl.info("img_in.weight").shape();
        int hidden = (int) imgIn[0];
        int headDim = (int) bfl.info("double_blocks.0.img_attn.norm.query_norm.scale").shape()[0];
        int mlpHidden = (int) bfl.info("double_blocks.0.img_mlp.0.weight").shape()[0];
        int[] axes = FLUX1_FILL_DEV.axesDim;
        if (headDim != Arrays.stream(axes).sum()) {
            throw new WeightsException(bfl.describe() + ": head dim " + headDim + " is not FLUX.1's 128, so the RoPE"
                    + " axes cannot be guessed; give a config.json");
        }
        return new FluxParams((int) imgIn[1], (int) bfl.info("final_layer.linear.weight").shape()[0],
                (int) bfl.info("vector_in.in_layer.weight").shape()[1], (int) bfl.info("txt_in.weight").shape()[1],
                hidden, mlpHidden / (double) hidden, hidden / headDim,
                CheckpointKeys.blockCount(bfl, DOUBLE_BLOCK), CheckpointKeys.blockCount(bfl, SINGLE_BLOCK), axes,
                10_000, bfl.contains("double_blocks.0.img_attn.qkv.bias"),
                bfl.contains("guidance_in.in_layer.weight"));
    }

    /** Every tensor of the BFL checkpoint with its shape, in the reference's module order. */
    public Map<String, long[]> expectedShapes() {
        Map<String, long[]> s = new LinkedHashMap<>();
        long h = hiddenSize;
        long mlp = mlpHiddenDim();
        long d = headDim();
        linear(s, "img_in", h, inChannels, true);
        mlpEmbedder(s, "time_in", 256);
        mlpEmbedder(s, "vector_in", vecInDim);
        if (guidanceEmbed) {
            mlpEmbedder(s, "guidance_in", 256);
        }
        linear(s, "txt_in", h, contextInDim, true);
        for (int i = 0; i < depth; i++) {
            for (String stream : new String[] {"img", "txt"}) {
                String p = "double_blocks." + i + "." + stream;
                linear(s, p + "_mod.lin", 6 * h, h, true);
                linear(s, p + "_attn.qkv", 3 * h, h, qkvBias);
                s.put(p + "_attn.norm.query_norm.scale", new long[] {d});
                s.put(p + "_attn.norm.key_norm.scale", new long[] {d});
                linear(s, p + "_attn.proj", h, h, true);
                linear(s, p + "_mlp.0", mlp, h, true);
                linear(s, p + "_mlp.2", h, mlp, true);
            }
        }
        for (int j = 0; j < depthSingleBlocks; j++) {
            String p = "single_blocks." + j + ".";
            linear(s, p + "linear1", 3 * h + mlp, h, true);
            linear(s, p + "linear2", h, h + mlp, true);
            s.put(p + "norm.query_norm.scale", new long[] {d});
            s.put(p + "norm.key_norm.scale", new long[] {d});
            linear(s, p + "modulation.lin", 3 * h, h, true);
        }
        linear(s, "final_layer.linear", outChannels, h, true);
        linear(s, "final_layer.adaLN_modulation.1", 2 * h, h, true);
        return s;
    }

    /** Every linear layer (every two-dimensional {@code .weight}): name without {@code .weight} to {out, in}. */
    public Map<String, long[]> linearLayers() {
        Map<String, long[]> layers = new LinkedHashMap<>();
        expectedShapes().forEach((name, shape) -> {
            if (name.endsWith(".weight") && shape.length == 2) {
                layers.put(name.substring(0, name.length() - ".weight".length()), shape);
            }
        });
        return layers;
    }

    private void mlpEmbedder(Map<String, long[]> s, String name, long in) {
        linear(s, name + ".in_layer", hiddenSize, in, true);
        linear(s, name + ".out_layer", hiddenSize, hiddenSize, true);
    }

    static void linear(Map<String, long[]> s, String name, long out, long in, boolean bias) {
        s.put(name + ".weight", new long[] {out, in});
        if (bias) {
            s.put(name + ".bias", new long[] {out});
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FluxParams p && inChannels == p.inChannels && outChannels == p.outChannels
                && vecInDim == p.vecInDim && contextInDim == p.contextInDim && hiddenSize == p.hiddenSize
                && mlpRatio == p.mlpRatio && numHeads == p.numHeads && depth == p.depth
                && depthSingleBlocks == p.depthSingleBlocks && Arrays.equals(axesDim, p.axesDim) && theta == p.theta
                && qkvBias == p.qkvBias && guidanceEmbed == p.guidanceEmbed;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * hiddenSize + depth) + Arrays.hashCode(axesDim);
    }

    @Override
    public String toString() {
        return "FluxParams[in=" + inChannels + ", out=" + outChannels + ", hidden=" + hiddenSize + ", heads=" + numHeads
                + ", depth=" + depth + "+" + depthSingleBlocks + ", axes=" + Arrays.toString(axesDim) + ", vec="
                + vecInDim + ", context=" + contextInDim + ", mlpRatio=" + mlpRatio + ", guidance=" + guidanceEmbed + "]";
    }
}
