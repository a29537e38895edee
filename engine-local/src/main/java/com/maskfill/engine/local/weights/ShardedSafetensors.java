package com.maskfill.engine.local.weights;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A checkpoint split over several safetensors files, described by a {@code *.safetensors.index.json} whose
 * {@code weight_map} names the shard of every tensor (the Hugging Face layout of {@code transformer/} and
 * {@code text_encoder_2/}). Every shard's header is checked on open; tensors are still read one at a time.
 */
public final class ShardedSafetensors implements TensorSource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path index;
    private final Map<String, SafetensorsFile> shardOf;
    private final Map<String, SafetensorsFile> shards;

    private ShardedSafetensors(Path index, Map<String, SafetensorsFile> shardOf, Map<String, SafetensorsFile> shards) {
        this.index = index;
        this.shardOf = shardOf;
        this.shards = shards;
    }

    public static ShardedSafetensors open(Path indexFile) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(indexFile));
        } catch (NoSuchFileException e) {
            throw WeightsException.inFile(indexFile, "file not found", e);
        } catch (JsonProcessingException e) {
            throw WeightsException.inFile(indexFile, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw WeightsException.inFile(indexFile, "cannot read: " + e.getMessage(), e);
        }
        JsonNode weightMap = root == null ? null : root.get("weight_map");
        if (weightMap == null || !weightMap.isObject() || weightMap.isEmpty()) {
            throw WeightsException.inFile(indexFile, "no 'weight_map' object naming the shard of each tensor");
        }
        Path folder = indexFile.toAbsolutePath().getParent();
        Map<String, SafetensorsFile> shards = new LinkedHashMap<>();
        Map<String, SafetensorsFile> shardOf = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, JsonNode> entry : (Iterable<Map.Entry<String, JsonNode>>) weightMap::fields) {
                String tensor = entry.getKey();
                String shardName = entry.getValue().asText();
                Path shardPath = entry.getValue().isTextual() ? FolderPaths.inside(folder, shardName).orElse(null)
                        : null;
                if (shardPath == null) {
                    throw WeightsException.inFile(indexFile, "tensor '" + tensor + "': bad shard name "
                            + entry.getValue() + " (a file beside the index is expected)");
                }
                SafetensorsFile shard = shards.computeIfAbsent(shardName, n -> SafetensorsFile.open(shardPath));
                if (!shard.contains(tensor)) {
                    throw WeightsException.inTensor(shard.file(), tensor, "listed in " + indexFile.getFileName()
                            + " but not in this shard");
                }
                shardOf.put(tensor, shard);
            }
        } catch (RuntimeException e) {
            shards.values().forEach(SafetensorsFile::close);
            throw e;
        }
        return new ShardedSafetensors(indexFile, Collections.unmodifiableMap(shardOf), shards);
    }

    @Override
    public String describe() {
        return index.toString();
    }

    @Override
    public Set<String> names() {
        return shardOf.keySet();
    }

    @Override
    public TensorInfo info(String name) {
        return shard(name).info(name);
    }

    @Override
    public float[] readFloat32(String name) {
        return shard(name).readFloat32(name);
    }

    private SafetensorsFile shard(String name) {
        SafetensorsFile shard = shardOf.get(name);
        if (shard == null) {
            throw WeightsException.inTensor(index, name, "not in this checkpoint");
        }
        return shard;
    }

    @Override
    public void close() {
        shards.values().forEach(SafetensorsFile::close);
    }
}
