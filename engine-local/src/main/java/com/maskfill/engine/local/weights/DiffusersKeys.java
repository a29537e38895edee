package com.maskfill.engine.local.weights;

import com.maskfill.engine.local.weights.MappedTensorSource.Mapping;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Diffusers-format FLUX checkpoints ({@code transformer/}, {@code vae/} of the Hugging Face repo) seen under the
 * reference (BFL) names the engine uses (local-engine.md §1.3, §1.4): fused q/k/v are stacked back, the final
 * modulation's (scale, shift) halves are swapped to (shift, scale), the VAE's up-blocks are renumbered and its
 * attention projections get their 1x1 kernel shape back.
 */
public final class DiffusersKeys {

    private static final Pattern DOUBLE = Pattern.compile("^transformer_blocks\\.(\\d+)\\.");
    private static final Pattern SINGLE = Pattern.compile("^single_transformer_blocks\\.(\\d+)\\.");

    private DiffusersKeys() {
    }

    /** Whether the checkpoint uses diffusers' transformer names. */
    public static boolean isDiffusersTransformer(TensorSource source) {
        return source.contains("x_embedder.weight");
    }

    /** Whether the checkpoint uses diffusers' autoencoder names. */
    public static boolean isDiffusersAutoencoder(TensorSource source) {
        return source.contains("decoder.conv_norm_out.weight");
    }

    /** Hyper-parameters read off a diffusers transformer's shapes (FLUX.1 RoPE axes when the head dim is 128). */
    public static FluxParams transformerParams(TensorSource diffusers) {
        return FluxParams.fromShapes(transformer(diffusers, Integer.MAX_VALUE, Integer.MAX_VALUE));
    }

    public static TensorSource transformer(TensorSource diffusers, FluxParams params) {
        return transformer(diffusers, params.depth(), params.depthSingleBlocks());
    }

    private static TensorSource transformer(TensorSource d, int depth, int depthSingle) {
        int doubles = Math.min(depth, CheckpointKeys.blockCount(d, DOUBLE));
        int singles = Math.min(depthSingle, CheckpointKeys.blockCount(d, SINGLE));
        Map<String, Mapping> m = new LinkedHashMap<>();
        for (LinearModule module : linearModules(doubles, singles)) {
            if (module.halvesSwapped()) {
                // diffusers' AdaLayerNormContinuous chunks (scale, shift); the reference's final layer (shift, scale)
                m.put(module.bfl() + ".weight", Mapping.swapped(module.diffusers().get(0) + ".weight"));
                m.put(module.bfl() + ".bias", Mapping.swapped(module.diffusers().get(0) + ".bias"));
            } else {
                m.put(module.bfl() + ".weight", Mapping.concat(module.diffusers().stream().map(n -> n + ".weight")
                        .toArray(String[]::new)));
                m.put(module.bfl() + ".bias", Mapping.concat(module.diffusers().stream().map(n -> n + ".bias")
                        .toArray(String[]::new)));
            }
        }
        for (int i = 0; i < doubles; i++) {
            String b = "double_blocks." + i + ".";
            String t = "transformer_blocks." + i + ".";
            m.put(b + "img_attn.norm.query_norm.scale", Mapping.rename(t + "attn.norm_q.weight"));
            m.put(b + "img_attn.norm.key_norm.scale", Mapping.rename(t + "attn.norm_k.weight"));
            m.put(b + "txt_attn.norm.query_norm.scale", Mapping.rename(t + "attn.norm_added_q.weight"));
            m.put(b + "txt_attn.norm.key_norm.scale", Mapping.rename(t + "attn.norm_added_k.weight"));
        }
        for (int j = 0; j < singles; j++) {
            String b = "single_blocks." + j + ".";
            String t = "single_transformer_blocks." + j + ".";
            m.put(b + "norm.query_norm.scale", Mapping.rename(t + "attn.norm_q.weight"));
            m.put(b + "norm.key_norm.scale", Mapping.rename(t + "attn.norm_k.weight"));
        }
        return new MappedTensorSource(d, "diffusers names as reference names", m);
    }

    /**
     * A linear layer of the reference transformer and the diffusers layers it is made of: their output rows stacked
     * in this order (q, k, v, and the single blocks' MLP input), or one layer whose two output halves are swapped.
     */
    public record LinearModule(String bfl, List<String> diffusers, boolean halvesSwapped) {
    }

    /** Every linear layer of a transformer with these block counts, reference name to diffusers names. */
    public static List<LinearModule> linearModules(int doubles, int singles) {
        List<LinearModule> m = new ArrayList<>();
        linear(m, "img_in", "x_embedder");
        linear(m, "txt_in", "context_embedder");
        linear(m, "time_in.in_layer", "time_text_embed.timestep_embedder.linear_1");
        linear(m, "time_in.out_layer", "time_text_embed.timestep_embedder.linear_2");
        linear(m, "guidance_in.in_layer", "time_text_embed.guidance_embedder.linear_1");
        linear(m, "guidance_in.out_layer", "time_text_embed.guidance_embedder.linear_2");
        linear(m, "vector_in.in_layer", "time_text_embed.text_embedder.linear_1");
        linear(m, "vector_in.out_layer", "time_text_embed.text_embedder.linear_2");
        for (int i = 0; i < doubles; i++) {
            String b = "double_blocks." + i + ".";
            String t = "transformer_blocks." + i + ".";
            linear(m, b + "img_mod.lin", t + "norm1.linear");
            linear(m, b + "txt_mod.lin", t + "norm1_context.linear");
            linear(m, b + "img_attn.qkv", t + "attn.to_q", t + "attn.to_k", t + "attn.to_v");
            linear(m, b + "txt_attn.qkv", t + "attn.add_q_proj", t + "attn.add_k_proj", t + "attn.add_v_proj");
            linear(m, b + "img_attn.proj", t + "attn.to_out.0");
            linear(m, b + "txt_attn.proj", t + "attn.to_add_out");
            linear(m, b + "img_mlp.0", t + "ff.net.0.proj");
            linear(m, b + "img_mlp.2", t + "ff.net.2");
            linear(m, b + "txt_mlp.0", t + "ff_context.net.0.proj");
            linear(m, b + "txt_mlp.2", t + "ff_context.net.2");
        }
        for (int j = 0; j < singles; j++) {
            String b = "single_blocks." + j + ".";
            String t = "single_transformer_blocks." + j + ".";
            linear(m, b + "linear1", t + "attn.to_q", t + "attn.to_k", t + "attn.to_v", t + "proj_mlp");
            linear(m, b + "linear2", t + "proj_out");
            linear(m, b + "modulation.lin", t + "norm.linear");
        }
        linear(m, "final_layer.linear", "proj_out");
        m.add(new LinearModule("final_layer.adaLN_modulation.1", List.of("norm_out.linear"), true));
        return m;
    }

    private static void linear(List<LinearModule> m, String bfl, String... diffusers) {
        m.add(new LinearModule(bfl, List.of(diffusers), false));
    }

    /** A diffusers AutoencoderKL checkpoint under the reference autoencoder's names. */
    public static TensorSource autoencoder(TensorSource diffusers, AutoencoderParams params) {
        Map<String, Mapping> m = new LinkedHashMap<>();
        for (String key : params.expectedShapes().keySet()) {
            m.put(key, autoencoderMapping(key, params));
        }
        return new MappedTensorSource(diffusers, "diffusers names as reference names", m);
    }

    private static final Pattern DOWN = Pattern.compile("^encoder\\.down\\.(\\d+)\\.(block\\.(\\d+)|downsample)\\.(.*)$");
    private static final Pattern UP = Pattern.compile("^decoder\\.up\\.(\\d+)\\.(block\\.(\\d+)|upsample)\\.(.*)$");
    private static final Pattern MID = Pattern.compile("^(encoder|decoder)\\.mid\\.(block_1|block_2|attn_1)\\.(.*)$");

    private static Mapping autoencoderMapping(String key, AutoencoderParams params) {
        Matcher down = DOWN.matcher(key);
        if (down.matches()) {
            String inner = down.group(3) != null ? "resnets." + down.group(3) : "downsamplers.0";
            return Mapping.rename("encoder.down_blocks." + down.group(1) + "." + inner + "." + shortcut(down.group(4)));
        }
        Matcher up = UP.matcher(key);
        if (up.matches()) {
            int level = params.chMult().length - 1 - Integer.parseInt(up.group(1));
            String inner = up.group(3) != null ? "resnets." + up.group(3) : "upsamplers.0";
            return Mapping.rename("decoder.up_blocks." + level + "." + inner + "." + shortcut(up.group(4)));
        }
        Matcher mid = MID.matcher(key);
        if (mid.matches()) {
            String p = mid.group(1) + ".mid_block.";
            String rest = mid.group(3);
            switch (mid.group(2)) {
                case "block_1":
                    return Mapping.rename(p + "resnets.0." + rest);
                case "block_2":
                    return Mapping.rename(p + "resnets.1." + rest);
                default:
                    String attn = p + "attentions.0.";
                    if (rest.startsWith("norm.")) {
                        return Mapping.rename(attn + "group_norm." + rest.substring(5));
                    }
                    String proj = rest.substring(0, rest.indexOf('.'));
                    String param = rest.substring(rest.indexOf('.') + 1);
                    String target = switch (proj) {
                        case "q" -> "to_q";
                        case "k" -> "to_k";
                        case "v" -> "to_v";
                        default -> "to_out.0";
                    };
                    long c = params.expectedShapes().get(key)[0];
                    // diffusers stores these 1x1 convolutions as Linear [C, C]
                    return param.equals("weight") ? Mapping.reshaped(attn + target + ".weight", c, c, 1, 1)
                            : Mapping.rename(attn + target + ".bias");
            }
        }
        return Mapping.rename(key.replace(".norm_out.", ".conv_norm_out."));
    }

    private static String shortcut(String rest) {
        return rest.startsWith("nin_shortcut.") ? "conv_shortcut." + rest.substring("nin_shortcut.".length()) : rest;
    }
}
