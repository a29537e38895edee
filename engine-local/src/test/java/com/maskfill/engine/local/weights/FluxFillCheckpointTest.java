package com.maskfill.engine.local.weights;

import static com.maskfill.engine.local.weights.SafetensorsFileTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model folders as users have them, with full-size FLUX.1 Fill shapes. The files are sparse (header written, data
 * left as holes), so a "23.8 GB" checkpoint costs nothing on disk and its tensors read as zeros.
 */
public class FluxFillCheckpointTest {

    @TempDir
    Path dir;

    public static Path sparseCheckpoint(Path file, Map<String, long[]> shapes, String dtype, int bytesPerElement, String prefix)
            throws IOException {
        StringBuilder header = new StringBuilder("{");
        long offset = 0;
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            long count = 1;
            StringBuilder shape = new StringBuilder();
            for (long d : e.getValue()) {
                count *= d;
                shape.append(shape.length() == 0 ? "" : ",").append(d);
            }
            long end = offset + count * bytesPerElement;
            header.append(header.length() == 1 ? "" : ",").append('"').append(prefix).append(e.getKey())
                    .append("\":{\"dtype\":\"").append(dtype).append("\",\"shape\":[").append(shape)
                    .append("],\"data_offsets\":[").append(offset).append(',').append(end).append("]}");
            offset = end;
        }
        byte[] json = header.append('}').toString().getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(file.getParent());
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(8 + json.length + offset);
            raf.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).array());
            raf.write(json);
        }
        return file;
    }

    private Path fullTransformer(Path file, String prefix) throws IOException {
        return sparseCheckpoint(file, FluxParams.FLUX1_FILL_DEV.expectedShapes(), "BF16", 2, prefix);
    }

    private Path fullAutoencoder(Path file) throws IOException {
        return sparseCheckpoint(file, AutoencoderParams.FLUX1.expectedShapes(), "F32", 4, "");
    }

    @Test
    void fullSizeFillShapesGiveTheFlux1FillParametersAndTheDocumentedParameterCount() {
        long params = FluxParams.FLUX1_FILL_DEV.expectedShapes().values().stream()
                .mapToLong(s -> { long n = 1; for (long d : s) n *= d; return n; }).sum();
        assertEquals(11_902_391_360L, params, "local-engine.md §1.1");
        long aeParams = AutoencoderParams.FLUX1.expectedShapes().values().stream()
                .mapToLong(s -> { long n = 1; for (long d : s) n *= d; return n; }).sum();
        assertEquals(83_819_683L, aeParams, "local-engine.md §1.4");
        assertEquals(244, AutoencoderParams.FLUX1.expectedShapes().size());
    }

    @Test
    void huggingFaceSnapshotOpensTheRootFilesWithTheDiffusersConfigsAndNeverTheTextEncoders() throws IOException {
        Path snapshot = dir.resolve("FLUX.1-Fill-dev");
        fullTransformer(snapshot.resolve("flux1-fill-dev.safetensors"), "");
        fullAutoencoder(snapshot.resolve("ae.safetensors"));
        Files.createDirectories(snapshot.resolve("transformer"));
        Files.writeString(snapshot.resolve("transformer/config.json"), "{\"_class_name\":\"FluxTransformer2DModel\","
                + "\"attention_head_dim\":128,\"axes_dims_rope\":[16,56,56],\"guidance_embeds\":true,\"in_channels\":384,"
                + "\"joint_attention_dim\":4096,\"num_attention_heads\":24,\"num_layers\":19,\"num_single_layers\":38,"
                + "\"out_channels\":64,\"patch_size\":1,\"pooled_projection_dim\":768}");
        Files.createDirectories(snapshot.resolve("vae"));
        Files.writeString(snapshot.resolve("vae/config.json"), "{\"block_out_channels\":[128,256,512,512],"
                + "\"in_channels\":3,\"latent_channels\":16,\"layers_per_block\":2,\"out_channels\":3,"
                + "\"scaling_factor\":0.3611,\"shift_factor\":0.1159}");
        Path textEncoder2 = snapshot.resolve("text_encoder_2");
        new SafetensorsWriter().addBf16("shared.weight", new long[] {2, 2}, 1, 2, 3, 4)
                .write(Files.createDirectories(textEncoder2).resolve("model-00001-of-00001.safetensors"));
        Files.writeString(textEncoder2.resolve("model.safetensors.index.json"),
                "{\"weight_map\":{\"shared.weight\":\"model-00001-of-00001.safetensors\"}}");
        Files.createDirectories(snapshot.resolve("tokenizer_2"));
        Files.writeString(textEncoder2.resolve("config.json"), "{\"d_model\":4096}");

        try (FluxFillCheckpoint checkpoint = FluxFillCheckpoint.openSnapshot(snapshot)) {
            assertEquals(FluxParams.FLUX1_FILL_DEV, checkpoint.transformerParams());
            assertEquals(AutoencoderParams.FLUX1, checkpoint.autoencoderParams());
            assertArrayEquals(new float[3072], checkpoint.transformer().readFloat32("img_in.bias", 3072));
        }
        // an unfinished download of the text encoders (their files are given one by one instead) changes nothing
        Files.createDirectories(snapshot.resolve("text_encoder"));
        Files.delete(textEncoder2.resolve("model-00001-of-00001.safetensors"));
        try (FluxFillCheckpoint checkpoint = FluxFillCheckpoint.openSnapshot(snapshot)) {
            assertEquals(FluxParams.FLUX1_FILL_DEV, checkpoint.transformerParams());
        }
    }

    @Test
    void comfyUiSingleFilesWithoutConfigGetTheirParametersFromShapesAndLoseTheKeyPrefix() throws IOException {
        Path transformer = fullTransformer(dir.resolve("diffusion_models/flux1-fill-dev.safetensors"),
                FluxFillCheckpoint.COMFY_PREFIX);
        Path ae = fullAutoencoder(dir.resolve("vae/ae.safetensors"));
        try (FluxFillCheckpoint checkpoint = FluxFillCheckpoint.openFiles(transformer, ae)) {
            assertEquals(FluxParams.FLUX1_FILL_DEV, checkpoint.transformerParams());
            assertEquals(AutoencoderParams.FLUX1, checkpoint.autoencoderParams());
            assertTrue(checkpoint.transformer().contains("single_blocks.37.linear2.weight"));
            assertArrayEquals(new long[] {3072, 15360},
                    checkpoint.transformer().info("single_blocks.37.linear2.weight").shape());
        }
    }

    @Test
    void flux1DevInsteadOfFillIsRefusedWithAHint() throws IOException {
        Map<String, long[]> dev = new LinkedHashMap<>(FluxParams.FLUX1_FILL_DEV.expectedShapes());
        dev.put("img_in.weight", new long[] {3072, 64});
        Path transformer = sparseCheckpoint(dir.resolve("flux1-dev.safetensors"), dev, "BF16", 2, "");
        Path ae = fullAutoencoder(dir.resolve("ae.safetensors"));
        assertMessage(assertThrows(WeightsException.class, () -> FluxFillCheckpoint.openFiles(transformer, ae)), transformer, "'img_in.weight'", "64 input channels", "384");
    }

    @Test
    void aMissingOrMisshapenTensorIsNamed() throws IOException {
        Map<String, long[]> broken = new LinkedHashMap<>(FluxParams.FLUX1_FILL_DEV.expectedShapes());
        broken.remove("double_blocks.7.txt_mlp.2.bias");
        broken.put("single_blocks.3.linear1.weight", new long[] {21504, 3071});
        Path transformer = sparseCheckpoint(dir.resolve("broken.safetensors"), broken, "BF16", 2, "");
        Path ae = fullAutoencoder(dir.resolve("ae.safetensors"));
        WeightsException e = assertThrows(WeightsException.class,
                () -> FluxFillCheckpoint.openFiles(transformer, ae));
        assertMessage(e, transformer, "'double_blocks.7.txt_mlp.2.bias'", "missing");
    }

    @Test
    void snapshotWithNeitherTransformerLayoutSaysWhatIsMissing() throws IOException {
        Files.createDirectories(dir.resolve("snap/vae"));
        assertMessage(assertThrows(WeightsException.class, () -> FluxFillCheckpoint.openSnapshot(dir.resolve("snap"))),
                dir.resolve("snap"), "flux1-fill-dev.safetensors");
    }
}
