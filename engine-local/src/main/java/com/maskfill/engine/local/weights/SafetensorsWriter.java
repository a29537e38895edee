package com.maskfill.engine.local.weights;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small safetensors files (cached prompt embeddings, test checkpoints): tensors are appended in order, the
 * header is built from them, everything is held in memory until {@link #write}. Not for model-sized data.
 */
public final class SafetensorsWriter {

    private record Entry(String name, String dtype, long[] shape, byte[] data) {
    }

    private final List<Entry> entries = new ArrayList<>();

    public SafetensorsWriter add(String name, String dtype, long[] shape, byte[] littleEndianData) {
        entries.add(new Entry(name, dtype, shape, littleEndianData));
        return this;
    }

    public SafetensorsWriter addF32(String name, long[] shape, float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) b.putFloat(v);
        return add(name, "F32", shape, b.array());
    }

    public SafetensorsWriter addBf16(String name, long[] shape, float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) b.putShort((short) (Float.floatToRawIntBits(v) >>> 16));
        return add(name, "BF16", shape, b.array());
    }

    String headerJson() {
        return SafetensorsHeader.json(entries.stream()
                .map(e -> new SafetensorsHeader.Entry(e.name, e.dtype, e.shape, e.data.length)).toList());
    }

    public Path write(Path file) throws IOException {
        return writeWithHeader(file, headerJson());
    }

    /** Writes next to {@code file} and moves it into place, so readers never see half a file. */
    public Path writeAtomically(Path file) throws IOException {
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".part");
        try {
            write(temp);
            return Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Writes the tensors' data after an arbitrary (possibly broken) header. */
    Path writeWithHeader(Path file, String header) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            ByteBuffer prefix = SafetensorsHeader.prefix(header);
            out.write(prefix.array(), 0, prefix.limit());
            for (Entry e : entries) out.write(e.data);
        }
        return file;
    }

    static long[] shape(long... dims) {
        return dims;
    }
}
