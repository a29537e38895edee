package com.maskfill.engine.local.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.maskfill.engine.local.TestData;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tiny reference checkpoints in ../shared/testdata/flux-tiny-a: every tensor, shape and dtype. */
class TinyCheckpointTest {

    private static final Path DIR = TestData.fluxTinyA();

    static JsonNode config() {
        return FluxFillCheckpoint.readJson(DIR.resolve("config.json"));
    }

    private static void assertEveryTensorLoads(TensorSource source, Map<String, long[]> expected, TensorDtype dtype) {
        assertEquals(expected.keySet(), source.names(), "exactly the reference's tensors");
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            TensorInfo info = source.info(e.getKey());
            assertArrayEquals(e.getValue(), info.shape(), e.getKey());
            assertEquals(dtype, info.dtype().orElseThrow(), e.getKey());
            float[] values = source.readFloat32(e.getKey(), e.getValue());
            assertEquals(info.elementCount(), values.length);
            double sumAbs = 0;
            for (float v : values) {
                assertTrue(Float.isFinite(v), e.getKey());
                sumAbs += Math.abs(v);
            }
            assertTrue(sumAbs > 0, e.getKey() + " is not all zeros");
        }
    }

    @Test
    void everyTransformerTensorLoadsWithTheShapeTheConfigImpliesAsBf16() {
        FluxParams params = FluxParams.fromReferenceJson(config().get("flux_params"));
        assertEquals(64, params.hiddenSize());
        try (SafetensorsFile st = SafetensorsFile.open(DIR.resolve("flux-tiny.safetensors"))) {
            assertEveryTensorLoads(st, params.expectedShapes(), TensorDtype.BF16);
        }
    }

    @Test
    void everyAutoencoderTensorLoadsWithTheShapeTheConfigImpliesAsF32() {
        AutoencoderParams params = AutoencoderParams.fromReferenceJson(config().get("ae_params"));
        try (SafetensorsFile st = SafetensorsFile.open(DIR.resolve("ae-tiny.safetensors"))) {
            assertEveryTensorLoads(st, params.expectedShapes(), TensorDtype.F32);
            assertEquals(params, AutoencoderParams.fromShapes(st), "the shapes alone give the same parameters");
        }
    }

    @Test
    void tinyFilesOpenAsAFillCheckpointGivenTheirParameters() {
        JsonNode config = config();
        try (FluxFillCheckpoint checkpoint = FluxFillCheckpoint.openFiles(DIR.resolve("flux-tiny.safetensors"),
                FluxParams.fromReferenceJson(config.get("flux_params")), DIR.resolve("ae-tiny.safetensors"),
                AutoencoderParams.fromReferenceJson(config.get("ae_params")))) {
            assertEquals(384, checkpoint.transformerParams().inChannels());
            assertEquals(2, checkpoint.transformerParams().numHeads());
        }
    }

    @Test
    void referenceIntermediatesHaveTheirDocumentedShapes() {
        try (SafetensorsFile st = SafetensorsFile.open(DIR.resolve("reference.safetensors"))) {
            assertArrayEquals(new long[] {1, 16, 384 - 64}, st.info("img_cond").shape());
            assertEquals(TensorDtype.BF16, st.info("noise").dtype().orElseThrow());
            assertEquals(TensorDtype.F64, st.info("timesteps").dtype().orElseThrow());
            float[] timesteps = st.readFloat32("timesteps");
            assertEquals(1.0f, timesteps[0]);
            assertEquals(config().get("timesteps").get(1).floatValue(), timesteps[1]);
        }
    }
}
