package com.maskfill.engine.local.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The header of a safetensors file we write: tensors in file order, each with its byte length, the data offsets
 * following from that order. Shared by {@link SafetensorsWriter} and {@link SafetensorsStreamWriter}.
 */
final class SafetensorsHeader {

    /** One tensor: {@code bytes} of data, little-endian. */
    record Entry(String name, String dtype, long[] shape, long bytes) {
    }

    private SafetensorsHeader() {
    }

    /** The JSON text, {@code data_offsets} counted from the start of the data. */
    static String json(List<Entry> entries) {
        long offset = 0;
        List<String> parts = new ArrayList<>();
        for (Entry e : entries) {
            String shape = Arrays.stream(e.shape()).mapToObj(Long::toString).collect(Collectors.joining(","));
            parts.add("\"" + e.name() + "\":{\"dtype\":\"" + e.dtype() + "\",\"shape\":[" + shape
                    + "],\"data_offsets\":[" + offset + "," + (offset + e.bytes()) + "]}");
            offset += e.bytes();
        }
        return "{\"__metadata__\":{\"format\":\"pt\"}," + String.join(",", parts) + "}";
    }

    /** What comes before the data: the header's length as 8 little-endian bytes, then the header. */
    static ByteBuffer prefix(String json) {
        byte[] text = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + text.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(text.length).put(text).flip();
        return b;
    }
}
