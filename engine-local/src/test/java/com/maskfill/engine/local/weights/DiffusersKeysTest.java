package com.maskfill.engine.local.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.engine.local.TestData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tiny reference checkpoints rewritten in diffusers' layout (split q/k/v, swapped final modulation, renumbered
 * VAE up-blocks, Linear attention projections) read back under reference names with every value intact.
 */
class DiffusersKeysTest {

    private static final Path TINY = TestData.fluxTinyA();

    @TempDir
    Path dir;

    /** A row range of a reference tensor, to be stored under a diffusers name. */
    private record Slice(String bfl, int fromRow, int toRow, long[] shape) {
    }

    private static byte[] f32(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) b.putFloat(v);
        return b.array();
    }

    private static Path writeDiffusers(Path file, TensorSource bfl, Map<String, Slice> layout) throws IOException {
        SafetensorsWriter writer = new SafetensorsWriter();
        for (Map.Entry<String, Slice> e : layout.entrySet()) {
            Slice s = e.getValue();
            long[] shape = bfl.info(s.bfl).shape();
            float[] all = bfl.readFloat32(s.bfl);
            int rowSize = (int) (all.length / shape[0]);
            int to = s.toRow < 0 ? (int) shape[0] : s.toRow;
            long[] outShape = s.shape != null ? s.shape : shape.clone();
            if (s.shape == null) outShape[0] = to - s.fromRow;
            writer.add(e.getKey(), "F32", outShape, f32(Arrays.copyOfRange(all, s.fromRow * rowSize, to * rowSize)));
        }
        return writer.write(file);
    }

    private static void whole(Map<String, Slice> m, String diffusers, String bfl) {
        m.put(diffusers + ".weight", new Slice(bfl + ".weight", 0, -1, null));
        m.put(diffusers + ".bias", new Slice(bfl + ".bias", 0, -1, null));
    }

    private static void rows(Map<String, Slice> m, String diffusers, String bfl, int from, int to) {
        m.put(diffusers + ".weight", new Slice(bfl + ".weight", from, to, null));
        m.put(diffusers + ".bias", new Slice(bfl + ".bias", from, to, null));
    }

    @Test
    void diffusersTransformerReadsBackAsTheReferenceTensors() throws IOException {
        int h = 64;
        Map<String, Slice> m = new LinkedHashMap<>();
        whole(m, "x_embedder", "img_in");
        whole(m, "context_embedder", "txt_in");
        whole(m, "time_text_embed.timestep_embedder.linear_1", "time_in.in_layer");
        whole(m, "time_text_embed.timestep_embedder.linear_2", "time_in.out_layer");
        whole(m, "time_text_embed.guidance_embedder.linear_1", "guidance_in.in_layer");
        whole(m, "time_text_embed.guidance_embedder.linear_2", "guidance_in.out_layer");
        whole(m, "time_text_embed.text_embedder.linear_1", "vector_in.in_layer");
        whole(m, "time_text_embed.text_embedder.linear_2", "vector_in.out_layer");
        String t = "transformer_blocks.0.";
        String b = "double_blocks.0.";
        whole(m, t + "norm1.linear", b + "img_mod.lin");
        whole(m, t + "norm1_context.linear", b + "txt_mod.lin");
        rows(m, t + "attn.to_q", b + "img_attn.qkv", 0, h);
        rows(m, t + "attn.to_k", b + "img_attn.qkv", h, 2 * h);
        rows(m, t + "attn.to_v", b + "img_attn.qkv", 2 * h, 3 * h);
        rows(m, t + "attn.add_q_proj", b + "txt_attn.qkv", 0, h);
        rows(m, t + "attn.add_k_proj", b + "txt_attn.qkv", h, 2 * h);
        rows(m, t + "attn.add_v_proj", b + "txt_attn.qkv", 2 * h, 3 * h);
        m.put(t + "attn.norm_q.weight", new Slice(b + "img_attn.norm.query_norm.scale", 0, -1, null));
        m.put(t + "attn.norm_k.weight", new Slice(b + "img_attn.norm.key_norm.scale", 0, -1, null));
        m.put(t + "attn.norm_added_q.weight", new Slice(b + "txt_attn.norm.query_norm.scale", 0, -1, null));
        m.put(t + "attn.norm_added_k.weight", new Slice(b + "txt_attn.norm.key_norm.scale", 0, -1, null));
        whole(m, t + "attn.to_out.0", b + "img_attn.proj");
        whole(m, t + "attn.to_add_out", b + "txt_attn.proj");
        whole(m, t + "ff.net.0.proj", b + "img_mlp.0");
        whole(m, t + "ff.net.2", b + "img_mlp.2");
        whole(m, t + "ff_context.net.0.proj", b + "txt_mlp.0");
        whole(m, t + "ff_context.net.2", b + "txt_mlp.2");
        String st = "single_transformer_blocks.0.";
        String sb = "single_blocks.0.";
        rows(m, st + "attn.to_q", sb + "linear1", 0, h);
        rows(m, st + "attn.to_k", sb + "linear1", h, 2 * h);
        rows(m, st + "attn.to_v", sb + "linear1", 2 * h, 3 * h);
        rows(m, st + "proj_mlp", sb + "linear1", 3 * h, -1);
        whole(m, st + "proj_out", sb + "linear2");
        m.put(st + "attn.norm_q.weight", new Slice(sb + "norm.query_norm.scale", 0, -1, null));
        m.put(st + "attn.norm_k.weight", new Slice(sb + "norm.key_norm.scale", 0, -1, null));
        whole(m, st + "norm.linear", sb + "modulation.lin");
        whole(m, "proj_out", "final_layer.linear");
        // diffusers stores the final modulation as (scale, shift): the reference's second half first
        Map<String, Slice> halves = new LinkedHashMap<>();
        halves.put("a.weight", new Slice("final_layer.adaLN_modulation.1.weight", h, 2 * h, null));
        halves.put("b.weight", new Slice("final_layer.adaLN_modulation.1.weight", 0, h, null));
        halves.put("a.bias", new Slice("final_layer.adaLN_modulation.1.bias", h, 2 * h, null));
        halves.put("b.bias", new Slice("final_layer.adaLN_modulation.1.bias", 0, h, null));

        try (SafetensorsFile bfl = SafetensorsFile.open(TINY.resolve("flux-tiny.safetensors"))) {
            Path parts = writeDiffusers(dir.resolve("halves.safetensors"), bfl, halves);
            Path main = writeDiffusers(dir.resolve("transformer.safetensors"), bfl, m);
            // join the swapped halves into diffusers' single norm_out.linear tensors
            SafetensorsWriter joined = new SafetensorsWriter();
            try (SafetensorsFile p = SafetensorsFile.open(parts); SafetensorsFile body = SafetensorsFile.open(main)) {
                for (String name : body.names()) joined.add(name, "F32", body.info(name).shape(), f32(body.readFloat32(name)));
                joined.add("norm_out.linear.weight", "F32", new long[] {2 * h, h},
                        f32(concat(p.readFloat32("a.weight"), p.readFloat32("b.weight"))));
                joined.add("norm_out.linear.bias", "F32", new long[] {2 * h},
                        f32(concat(p.readFloat32("a.bias"), p.readFloat32("b.bias"))));
            }
            Path diffusersFile = joined.write(dir.resolve("diffusion_pytorch_model.safetensors"));

            FluxParams params = TestData.fluxTinyParams();
            try (SafetensorsFile d = SafetensorsFile.open(diffusersFile)) {
                assertTrue(DiffusersKeys.isDiffusersTransformer(d));
                TensorSource mapped = DiffusersKeys.transformer(d, params);
                assertEquals(bfl.names(), mapped.names());
                for (String name : bfl.names()) {
                    assertArrayEquals(bfl.info(name).shape(), mapped.info(name).shape(), name);
                    assertArrayEquals(bfl.readFloat32(name), mapped.readFloat32(name), name);
                }
                ExpectedTensors.verify(mapped, params.expectedShapes());
            }
            try (FluxFillCheckpoint checkpoint = FluxFillCheckpoint.openFiles(diffusersFile, params,
                    TINY.resolve("ae-tiny.safetensors"), TestData.aeTinyParams())) {
                assertEquals(bfl.names(), checkpoint.transformer().names(), "a diffusers file given alone is mapped");
            }
        }
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void diffusersAutoencoderReadsBackAsTheReferenceTensors() throws IOException {
        AutoencoderParams params = TestData.aeTinyParams();
        Map<String, Slice> m = new LinkedHashMap<>();
        try (SafetensorsFile bfl = SafetensorsFile.open(TINY.resolve("ae-tiny.safetensors"))) {
            for (String key : bfl.names()) {
                m.put(diffusersName(key, params.chMult().length), new Slice(key, 0, -1,
                        key.contains(".attn_1.") && key.endsWith("weight") && !key.contains(".norm.")
                                ? new long[] {32, 32} : null));
            }
            Path file = writeDiffusers(dir.resolve("vae.safetensors"), bfl, m);
            try (SafetensorsFile d = SafetensorsFile.open(file)) {
                assertTrue(DiffusersKeys.isDiffusersAutoencoder(d));
                TensorSource mapped = DiffusersKeys.autoencoder(d, params);
                assertEquals(bfl.names(), mapped.names());
                for (String name : bfl.names()) {
                    assertArrayEquals(bfl.info(name).shape(), mapped.info(name).shape(), name);
                    assertArrayEquals(bfl.readFloat32(name), mapped.readFloat32(name), name);
                }
            }
        }
    }

    /** The diffusers name of a reference autoencoder key, spelled out rule by rule (local-engine.md §1.4). */
    private static String diffusersName(String key, int levels) {
        String k = key.replace("nin_shortcut", "conv_shortcut").replace("norm_out", "conv_norm_out")
                .replace("mid.block_1", "mid_block.resnets.0").replace("mid.block_2", "mid_block.resnets.1")
                .replace("mid.attn_1.norm", "mid_block.attentions.0.group_norm")
                .replace("mid.attn_1.q.", "mid_block.attentions.0.to_q.")
                .replace("mid.attn_1.k.", "mid_block.attentions.0.to_k.")
                .replace("mid.attn_1.v.", "mid_block.attentions.0.to_v.")
                .replace("mid.attn_1.proj_out", "mid_block.attentions.0.to_out.0")
                .replace(".downsample.", ".downsamplers.0.").replace(".upsample.", ".upsamplers.0.");
        if (k.startsWith("encoder.down.")) {
            k = k.replace("encoder.down.", "encoder.down_blocks.").replace(".block.", ".resnets.");
        }
        if (k.startsWith("decoder.up.")) {
            String[] parts = k.split("\\.", 4);
            k = "decoder.up_blocks." + (levels - 1 - Integer.parseInt(parts[2])) + "." + parts[3].replace("block.",
                    "resnets.");
        }
        return k;
    }

    @Test
    void snapshotWithOnlyTheDiffusersFoldersOpensUnderReferenceNames() throws IOException {
        // diffusers' from_pretrained fetches transformer/ and vae/ but not the root reference files
        Path snapshot = dir.resolve("snapshot");
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (String key : AutoencoderParams.FLUX1.expectedShapes().keySet()) {
            long[] shape = AutoencoderParams.FLUX1.expectedShapes().get(key);
            boolean linear = key.contains(".attn_1.") && key.endsWith("weight") && !key.contains(".norm.");
            shapes.put(diffusersName(key, 4), linear ? new long[] {shape[0], shape[1]} : shape);
        }
        FluxFillCheckpointTest.sparseCheckpoint(snapshot.resolve("vae/diffusion_pytorch_model.safetensors"), shapes,
                "F32", 4, "");
        FluxFillCheckpointTest.sparseCheckpoint(snapshot.resolve("flux1-fill-dev.safetensors"),
                FluxParams.FLUX1_FILL_DEV.expectedShapes(), "BF16", 2, "");
        try (FluxFillCheckpoint checkpoint = FluxFillCheckpoint.openSnapshot(snapshot)) {
            assertEquals(AutoencoderParams.FLUX1, checkpoint.autoencoderParams());
            assertArrayEquals(new long[] {512, 512, 1, 1},
                    checkpoint.autoencoder().info("decoder.mid.attn_1.q.weight").shape());
            assertEquals(512 * 512, checkpoint.autoencoder().readFloat32("decoder.mid.attn_1.q.weight").length);
        }
    }
}
