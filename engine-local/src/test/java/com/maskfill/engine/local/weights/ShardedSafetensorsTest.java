package com.maskfill.engine.local.weights;

import static com.maskfill.engine.local.weights.SafetensorsFileTest.assertMessage;
import static com.maskfill.engine.local.weights.SafetensorsWriter.shape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        return twoShards(dir, extraMapping);
    }

    /** Two real shards and their index in {@code folder}; {@code extraMapping} is appended to the weight map. */
    private static Path twoShards(Path folder, String extraMapping) throws IOException {
        Files.createDirectories(folder);
        new SafetensorsWriter().addBf16("a.weight", shape(2), 1f, 2f)
                .write(folder.resolve("m-00001-of-00002.safetensors"));
        new SafetensorsWriter().addF32("b.weight", shape(1, 2), 3f, 4f).addF32("b.bias", shape(1), 5f)
                .write(folder.resolve("m-00002-of-00002.safetensors"));
        return Files.writeString(folder.resolve("m.safetensors.index.json"), "{\"metadata\":{\"total_size\":14},"
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

    @Test
    void anIndexReachedThroughDotDotOrSpacesOpensItsShards() throws IOException {
        Path real = twoShards(dir.resolve("my models/flux/text_encoder_2"), "");
        Files.createDirectories(dir.resolve("elsewhere"));
        // as typed: --model-dir ../models/flux, relative to the working folder, and an absolute path through ".."
        Path relative = Path.of("").toAbsolutePath().relativize(real);
        Path throughDotDot = dir.resolve("elsewhere/../my models/flux/text_encoder_2/m.safetensors.index.json");
        for (Path index : new Path[] {relative, throughDotDot}) {
            assertTrue(index.toString().contains(".."), index.toString());
            try (ShardedSafetensors st = ShardedSafetensors.open(index)) {
                assertArrayEquals(new float[] {3f, 4f}, st.readFloat32("b.weight"), index.toString());
                assertEquals(real.resolveSibling("m-00002-of-00002.safetensors"), st.info("b.bias").file());
            }
        }
    }

    @Test
    void aFolderReachedThroughALinkAndShardsThatAreLinksToBlobsElsewhereOpen() throws IOException {
        // Hugging Face's cache: snapshots/<revision>/<file> is a link to blobs/<hash>, outside the snapshot folder
        Path blobs = Files.createDirectories(dir.resolve("hub/blobs"));
        Path folder = twoShards(dir.resolve("hub/snapshots/abc/text_encoder_2"), "").getParent();
        for (String shard : new String[] {"m-00001-of-00002.safetensors", "m-00002-of-00002.safetensors"}) {
            Files.move(folder.resolve(shard), blobs.resolve("blob-" + shard));
            Files.createSymbolicLink(folder.resolve(shard), blobs.resolve("blob-" + shard));
        }
        Path link = Files.createSymbolicLink(dir.resolve("flux link"), dir.resolve("hub/snapshots/abc"));
        try (ShardedSafetensors st = ShardedSafetensors.open(link.resolve("text_encoder_2/m.safetensors.index.json"))) {
            assertArrayEquals(new float[] {1f, 2f}, st.readFloat32("a.weight"));
        }
    }

    @Test
    void shardNamesThatLeaveTheIndexFolderAreRefusedEvenWhenTheFileExists() throws IOException {
        Files.createDirectories(dir.resolve("models"));
        Path folder = dir.resolve("models/../models/flux");
        twoShards(folder, "");
        new SafetensorsWriter().addF32("c.weight", shape(1), 6f).write(dir.resolve("models/outside.safetensors"));
        for (String name : new String[] {"../outside.safetensors", "sub/../../outside.safetensors",
            dir.resolve("models/outside.safetensors").toString(), "", "."}) {
            Path index = twoShards(folder, ",\"c.weight\":\"" + name + "\"");
            assertMessage(assertThrows(WeightsException.class, () -> ShardedSafetensors.open(index)), index,
                    "bad shard name");
        }
        // a name that wanders but ends inside is inside
        Path index = twoShards(folder, ",\"c.weight\":\"sub/../m-00001-of-00002.safetensors\"");
        assertMessage(assertThrows(WeightsException.class, () -> ShardedSafetensors.open(index)),
                dir.resolve("models/flux/m-00001-of-00002.safetensors"), "'c.weight'", "not in this shard");
    }
}
