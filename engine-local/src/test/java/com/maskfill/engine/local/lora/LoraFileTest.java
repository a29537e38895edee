package com.maskfill.engine.local.lora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.maskfill.engine.local.ReferenceRun;
import com.maskfill.engine.local.TestData;
import com.maskfill.engine.local.nn.WeightStorage;
import com.maskfill.engine.local.transformer.FluxTransformer;
import com.maskfill.engine.local.weights.FluxParams;
import com.maskfill.engine.local.weights.SafetensorsFile;
import com.maskfill.engine.local.weights.SafetensorsWriter;
import com.maskfill.engine.local.weights.TensorSource;
import com.maskfill.engine.local.weights.WeightsException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LoRA files in the three key formats, written here as real safetensors for the tiny reference transformer
 * (flux-tiny-a: hidden 64, 1 double + 1 single block, Fill's 384 input channels), read into one form and merged into
 * its linear weights as they are loaded. Expected weights are computed here in double precision, independently.
 */
class LoraFileTest {

    private static final FluxParams PARAMS = TestData.fluxTinyParams();
    private static final int RANK = 4;

    @TempDir
    Path dir;

    private final SafetensorsFile base = SafetensorsFile.open(TestData.fluxTinyA().resolve("flux-tiny.safetensors"));
    private final Random random = new Random(16);

    @AfterEach
    void close() {
        base.close();
    }

    private static long[] shape(long... dims) {
        return dims;
    }

    private float[] random(int n) {
        float[] v = new float[n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian() * 0.1f;
        }
        return v;
    }

    private static float[] rows(float[] m, int columns, int from, int to) {
        return Arrays.copyOfRange(m, from * columns, to * columns);
    }

    /** {@code w + s * up * down} over rows {@code [offset, offset + out)} and the first {@code in} columns. */
    private static float[] expected(float[] w, int columns, int offset, float[] up, float[] down, int out, int in,
            double s) {
        float[] e = w.clone();
        for (int o = 0; o < out; o++) {
            for (int c = 0; c < in; c++) {
                double sum = 0;
                for (int r = 0; r < RANK; r++) {
                    sum += (double) up[o * RANK + r] * down[r * in + c];
                }
                e[(offset + o) * columns + c] += (float) (s * sum);
            }
        }
        return e;
    }

    private float[] merged(Path lora, double strength, String tensor) {
        try (TensorSource merged = new LoraMergedSource(base, List.of(new LoraMergedSource.Applied(
                LoraFile.read(lora, PARAMS), strength)))) {
            return merged.readFloat32(tensor);
        }
    }

    private static void assertClose(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5, "element " + i);
        }
    }

    @Test
    void theReferenceDiffusersAndKohyaFormatsOfOneUpdateMergeToTheSameWeights() throws IOException {
        // img_attn.qkv is [192, 64]: diffusers keeps q, k, v apart (64 rows each), the others fused
        float[] down = random(RANK * 64);
        float[] up = random(192 * RANK);
        float[] w = base.readFloat32("double_blocks.0.img_attn.qkv.weight");
        float[] want = expected(w, 64, 0, up, down, 192, 64, 0.7);
        assertNotEquals(Arrays.toString(w), Arrays.toString(want));

        Path reference = new SafetensorsWriter()
                .addF32("double_blocks.0.img_attn.qkv.lora_A.weight", shape(RANK, 64), down)
                .addF32("double_blocks.0.img_attn.qkv.lora_B.weight", shape(192, RANK), up)
                .write(dir.resolve("reference.safetensors"));
        SafetensorsWriter diffusers = new SafetensorsWriter();
        String[] parts = {"to_q", "to_k", "to_v"};
        for (int i = 0; i < 3; i++) {
            String p = "transformer.transformer_blocks.0.attn." + parts[i];
            diffusers.addBf16(p + ".lora_A.weight", shape(RANK, 64), bf16(down))
                    .addF32(p + ".lora_B.weight", shape(64, RANK), rows(up, RANK, 64 * i, 64 * (i + 1)))
                    .addF32(p + ".alpha", shape(), 2f * RANK);
        }
        Path diffusersFile = diffusers.write(dir.resolve("diffusers.safetensors"));
        Path kohya = new SafetensorsWriter()
                .addF32("lora_unet_double_blocks_0_img_attn_qkv.lora_down.weight", shape(RANK, 64), down)
                .addF32("lora_unet_double_blocks_0_img_attn_qkv.lora_up.weight", shape(192, RANK), up)
                .addF32("lora_unet_double_blocks_0_img_attn_qkv.alpha", shape(), RANK)
                .write(dir.resolve("kohya.safetensors"));

        assertClose(want, merged(reference, 0.7, "double_blocks.0.img_attn.qkv.weight"));
        assertClose(want, merged(kohya, 0.7, "double_blocks.0.img_attn.qkv.weight"));
        // alpha 2 * rank doubles the update: strength 0.35 is the others' 0.7 (A was stored as bf16, exactly)
        assertClose(expected(w, 64, 0, up, bf16(down), 192, 64, 0.7),
                merged(diffusersFile, 0.35, "double_blocks.0.img_attn.qkv.weight"));
        // untouched layers are the checkpoint's, bit for bit
        assertArrayEquals(base.readFloat32("double_blocks.0.img_attn.proj.weight"),
                merged(kohya, 0.7, "double_blocks.0.img_attn.proj.weight"));
    }

    private static float[] bf16(float[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Float.intBitsToFloat(Float.floatToIntBits(v[i]) & 0xffff0000);
        }
        return out;
    }

    @Test
    void theReferencesBiasUpdateIsAddedToTheLayersBias() throws IOException {
        float[] bias = random(192);
        Path lora = new SafetensorsWriter()
                .addF32("double_blocks.0.txt_attn.qkv.lora_A.weight", shape(RANK, 64), random(RANK * 64))
                .addF32("double_blocks.0.txt_attn.qkv.lora_B.weight", shape(192, RANK), random(192 * RANK))
                .addF32("double_blocks.0.txt_attn.qkv.lora_B.bias", shape(192), bias)
                .write(dir.resolve("bias.safetensors"));
        float[] want = base.readFloat32("double_blocks.0.txt_attn.qkv.bias");
        for (int i = 0; i < want.length; i++) {
            want[i] += 0.5f * bias[i];
        }
        assertClose(want, merged(lora, 0.5, "double_blocks.0.txt_attn.qkv.bias"));
    }

    @Test
    void diffusersSingleBlockMlpAndFinalNormLandOnTheirRowsOfTheFusedLayers() throws IOException {
        // linear1 is [64 * 3 + 256, 64]: proj_mlp is rows 192..447; norm_out's (scale, shift) is (shift, scale) here
        float[] mlpDown = random(RANK * 64);
        float[] mlpUp = random(256 * RANK);
        float[] normDown = random(RANK * 64);
        float[] normUp = random(128 * RANK);
        Path lora = new SafetensorsWriter()
                .addF32("single_transformer_blocks.0.proj_mlp.lora_A.weight", shape(RANK, 64), mlpDown)
                .addF32("single_transformer_blocks.0.proj_mlp.lora_B.weight", shape(256, RANK), mlpUp)
                .addF32("norm_out.linear.lora_A.weight", shape(RANK, 64), normDown)
                .addF32("norm_out.linear.lora_B.weight", shape(128, RANK), normUp)
                .write(dir.resolve("parts.safetensors"));
        assertClose(expected(base.readFloat32("single_blocks.0.linear1.weight"), 64, 192, mlpUp, mlpDown, 256, 64, 1),
                merged(lora, 1, "single_blocks.0.linear1.weight"));
        float[] swappedUp = new float[normUp.length];
        System.arraycopy(normUp, 64 * RANK, swappedUp, 0, 64 * RANK);
        System.arraycopy(normUp, 0, swappedUp, 64 * RANK, 64 * RANK);
        assertClose(expected(base.readFloat32("final_layer.adaLN_modulation.1.weight"), 64, 0, swappedUp, normDown, 128,
                64, 1), merged(lora, 1, "final_layer.adaLN_modulation.1.weight"));
    }

    @Test
    void aDevLorasNarrowImageInputUpdatesOnlyTheNoisyLatentColumnsOfFillsImgIn() throws IOException {
        float[] down = random(RANK * 64);
        float[] up = random(64 * RANK);
        Path lora = new SafetensorsWriter().addF32("lora_unet_img_in.lora_down.weight", shape(RANK, 64), down)
                .addF32("lora_unet_img_in.lora_up.weight", shape(64, RANK), up).write(dir.resolve("img_in.safetensors"));
        float[] w = base.readFloat32("img_in.weight");
        float[] got = merged(lora, 1, "img_in.weight");
        for (int o = 0; o < 64; o++) {
            for (int c = 0; c < 384; c++) {
                double sum = 0;
                for (int r = 0; c < 64 && r < RANK; r++) {
                    sum += (double) up[o * RANK + r] * down[r * 64 + c];
                }
                assertEquals(w[o * 384 + c] + sum, got[o * 384 + c], 1e-5, "row " + o + " column " + c);
            }
        }
    }

    @Test
    void aLoraThatDoesNotFitIsRefusedNamingTheFileAndTheFirstOffendingKey() throws IOException {
        assertRefused(new SafetensorsWriter()
                .addF32("double_blocks.0.img_mlp.0.lora_A.weight", shape(RANK, 64), random(RANK * 64))
                .addF32("double_blocks.0.img_mlp.0.lora_B.weight", shape(256, RANK), random(256 * RANK))
                .addF32("double_blocks.1.img_mlp.0.lora_A.weight", shape(RANK, 64), random(RANK * 64)),
                "double_blocks.1.img_mlp.0.lora_A.weight", "matches no linear layer");
        assertRefused(new SafetensorsWriter().addF32("img_in.weight", shape(64, 384), random(64 * 384)),
                "img_in.weight", "not a LoRA tensor");
        assertRefused(new SafetensorsWriter()
                .addF32("lora_unet_single_blocks_0_linear2.lora_down.weight", shape(RANK, 65), random(RANK * 65))
                .addF32("lora_unet_single_blocks_0_linear2.lora_up.weight", shape(64, RANK), random(64 * RANK)),
                "lora_unet_single_blocks_0_linear2.lora_down.weight", "do not fit single_blocks.0.linear2");
        assertRefused(new SafetensorsWriter()
                .addF32("transformer.transformer_blocks.0.attn.to_k.lora_A.weight", shape(RANK, 64), random(RANK * 64)),
                "transformer.transformer_blocks.0.attn.to_k.lora_A.weight", "partner");
        assertRefused(new SafetensorsWriter()
                .addF32("lora_te1_text_model_encoder_layers_0_mlp_fc1.lora_down.weight", shape(RANK, 768), random(RANK * 768)),
                "lora_te1_text_model_encoder_layers_0_mlp_fc1.lora_down.weight", "not a LoRA tensor");
    }

    private void assertRefused(SafetensorsWriter file, String key, String problem) throws IOException {
        Path lora = file.write(dir.resolve("bad " + key + ".safetensors"));
        WeightsException e = assertThrows(WeightsException.class, () -> LoraFile.read(lora, PARAMS));
        assertTrue(e.getMessage().contains(lora.toString()) && e.getMessage().contains("'" + key + "'")
                && e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void int8WeightsAreQuantizedFromTheMergedLayersSoTheForwardIsTheMergedCheckpoints() throws IOException {
        SafetensorsWriter loraWriter = new SafetensorsWriter();
        SafetensorsWriter mergedWriter = new SafetensorsWriter();
        float[] down = random(RANK * 64);
        float[] up = random(256 * RANK);
        loraWriter.addF32("double_blocks.0.img_mlp.0.lora_A.weight", shape(RANK, 64), down)
                .addF32("double_blocks.0.img_mlp.0.lora_B.weight", shape(256, RANK), up);
        Path lora = loraWriter.write(dir.resolve("mlp.safetensors"));
        for (String name : base.names()) {
            float[] v = base.readFloat32(name);
            if (name.equals("double_blocks.0.img_mlp.0.weight")) {
                v = expected(v, 64, 0, up, down, 256, 64, 1.5);
            }
            mergedWriter.addF32(name, base.info(name).shape(), v);
        }
        Path mergedFile = mergedWriter.write(dir.resolve("merged.safetensors"));
        try (SafetensorsFile premerged = SafetensorsFile.open(mergedFile);
                TensorSource withLora = new LoraMergedSource(base, List.of(new LoraMergedSource.Applied(
                        LoraFile.read(lora, PARAMS), 1.5)))) {
            float[] a = forward(premerged);
            float[] b = forward(withLora);
            float[] plain = forward(base);
            double rel = ReferenceRun.relativeL2(b, a);
            System.out.printf("int8 forward with a merged LoRA vs the pre-merged checkpoint: relL2 %.2e;"
                    + " the LoRA moves it by %.2e%n", rel, ReferenceRun.relativeL2(plain, a));
            assertTrue(rel < 1e-5, "relL2 " + rel);
            assertTrue(ReferenceRun.relativeL2(plain, a) > 1e-3, "the LoRA changes the prediction");
        }
    }

    private static float[] forward(TensorSource weights) {
        try (NDManager m = NDManager.newBaseManager();
                FluxTransformer model = FluxTransformer.load(m, weights, PARAMS, WeightStorage.INT8, DataType.FLOAT32,
                        false)) {
            NDArray x = NDArrays.concat(new NDList(ReferenceRun.load(m, "img"), ReferenceRun.load(m, "img_cond")), 2);
            return model.forward(x, ReferenceRun.load(m, "img_ids"), ReferenceRun.load(m, "txt"),
                    ReferenceRun.load(m, "txt_ids"), ReferenceRun.load(m, "vec"), 1f, 30f).toFloatArray();
        }
    }
}
