package com.maskfill.engine.local.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.maskfill.engine.local.ReferenceRun;
import com.maskfill.engine.local.weights.SafetensorsFile;
import com.maskfill.engine.local.weights.WeightArrays;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The T5 and CLIP text encoders against an independent oracle: text-oracle/text_oracle.py, the two models written
 * from their published definitions in plain PyTorch (float64), on tiny random weights in Hugging Face key layout with
 * HF-style config.json files (see text-oracle/README.md).
 */
class TextEncoderOracleTest {

    private static Path dir;

    @BeforeAll
    static void locate() throws URISyntaxException {
        dir = Path.of(TextEncoderOracleTest.class.getResource("/text-oracle/outputs.safetensors").toURI()).getParent();
    }

    private static float[] values(NDManager m, SafetensorsFile outputs, String name) {
        return WeightArrays.load(m, outputs, name).toFloatArray();
    }

    private static long[] ids(NDManager m, SafetensorsFile outputs, String name) {
        float[] v = values(m, outputs, name);
        long[] ids = new long[v.length];
        for (int i = 0; i < v.length; i++) ids[i] = (long) v[i];
        return ids;
    }

    @Test
    void t5EncoderMatchesTheOracleWithinOneInTenThousandIncludingCappedBuckets() throws IOException {
        T5Encoder.Config config = T5Encoder.Config.fromHfConfig(
                new ObjectMapper().readTree(dir.resolve("t5-config.json").toFile()));
        assertEquals(20, config.maxDistance(), "the oracle's max distance is read from its config");
        try (NDManager m = NDManager.newBaseManager();
                SafetensorsFile weights = SafetensorsFile.open(dir.resolve("t5-tiny.safetensors"));
                SafetensorsFile outputs = SafetensorsFile.open(dir.resolve("outputs.safetensors"));
                T5Encoder t5 = T5Encoder.load(m, weights, config)) {
            for (int c = 0; c < 2; c++) {
                long[] ids = ids(m, outputs, "t5.ids." + c);
                NDArray expected = WeightArrays.load(m, outputs, "t5.hidden." + c);
                NDArray hidden = t5.encode(m, ids);
                assertEquals(expected.getShape(), hidden.getShape());
                ReferenceRun.assertRelativeL2Below("T5 oracle case " + c + " (" + ids.length + " tokens)", hidden,
                        expected, 1e-4);
            }
        }
    }

    @Test
    void clipPooledOutputMatchesTheOracleAtTheEndOfTextTokenWithinOneInTenThousand() throws IOException {
        ClipTextEncoder.Config config = ClipTextEncoder.Config.fromHfConfig(
                new ObjectMapper().readTree(dir.resolve("clip-config.json").toFile()));
        try (NDManager m = NDManager.newBaseManager();
                SafetensorsFile weights = SafetensorsFile.open(dir.resolve("clip-tiny.safetensors"));
                SafetensorsFile outputs = SafetensorsFile.open(dir.resolve("outputs.safetensors"));
                ClipTextEncoder clip = ClipTextEncoder.load(m, weights, config)) {
            for (int c = 0; c < 2; c++) {
                long[] longIds = ids(m, outputs, "clip.ids." + c);
                int[] ids = new int[longIds.length];
                for (int i = 0; i < ids.length; i++) ids[i] = (int) longIds[i];
                NDArray expected = WeightArrays.load(m, outputs, "clip.pooled." + c);
                NDArray pooled = clip.pooled(m, ids);
                assertEquals(expected.getShape(), pooled.getShape());
                ReferenceRun.assertRelativeL2Below("CLIP oracle case " + c + " pooled", pooled, expected, 1e-4);
            }
        }
    }
}
