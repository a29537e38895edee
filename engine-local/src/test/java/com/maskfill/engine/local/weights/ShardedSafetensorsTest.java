package com.maskfill.engine.local.weights;

import static com.maskfill.engine.local.weights.SafetensorsFileTest.assertMessage;
import static com.maskfill.engine.local.weights.SafetensorsWriter.shape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardedSafetensorsTest {

    @TempDir
    Path dir;

    private Path twoShards(String extraMapping) throws IOException {
        new SafetensorsWriter().addBf16("a.weight", shape(2), 1f, 2f).write(dir.resolve("m-00001-of-00002.safetensors"));
        new SafetensorsWriter().addF32("b.weight", shape(1, 2), 3f, 4f).addF32("b.bias", shape(1), 5f)
                .write(dir.resolve("m-00002-of-00002.safetensors"));
        return Files.writeString(dir.resolve("m.safetensors.index.json"), "{\"metadata\":{\"total_size\":14},"
                + "\"weight_map\":{\"a.weight\":\"m-00001-of-00002.safetensors\","
                + "\"b.weight\":\"m-00002-of-00002.safetensors\",\"b.bias\":\"m-00002-of-00002.safetensors\""
                + extraMapping + "}}");
    }

    @Test
    void readsEachTensorFromTheShardTheIndexNames() throws IOException {
        try (ShardedSafetensors st = ShardedSafetensors.open(twoShards(""))) {
            assertEquals(Set.of("a.weight", "b.weight", "b.bias"), st.names());
            assertArrayEquals(new float[] {1f, 2f}, st.readFloat32("a.weight"));
            assertArrayEquals(new float[] {3f, 4f}, st.readFloat32("b.weight", 1, 2));
            assertEquals(dir.resolve("m-00002-of-00002.safetensors"), st.info("b.bias").file());
        }
    }

    @Test
    void tensorListedButAbsentFromItsShardNamesBoth() throws IOException {
        Path index = twoShards(",\"c.weight\":\"m-00001-of-00002.safetensors\"");
        assertMessage(assertThrows(WeightsException.class, () -> ShardedSafetensors.open(index)),
                dir.resolve("m-00001-of-00002.safetensors"), "'c.weight'", "m.safetensors.index.json");
    }

    @Test
    void missingShardIsReportedByName() throws IOException {
        Path index = twoShards(",\"c.weight\":\"m-00003-of-00003.safetensors\"");
        assertMessage(assertThrows(WeightsException.class, () -> ShardedSafetensors.open(index)),
                dir.resolve("m-00003-of-00003.safetensors"), "not found");
    }

    @Test
    void indexWithoutWeightMapIsRejected() throws IOException {
        Path index = Files.writeString(dir.resolve("x.safetensors.index.json"), "{\"metadata\":{}}");
        assertMessage(assertThrows(WeightsException.class, () -> ShardedSafetensors.open(index)), index, "weight_map");
    }
}
