package com.maskfill.engine.local.nn;

import com.maskfill.engine.local.weights.SafetensorsFile;
import com.maskfill.engine.local.weights.SafetensorsStreamWriter;
import com.maskfill.engine.local.weights.WeightsException;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Int8 weights converted once and kept on disk, so later loads copy bytes instead of reading, decoding and
 * quantizing every weight again: {@code <name>.weight} (I8) and {@code <name>.weight_scale} (F32) per linear layer,
 * in a safetensors file whose name identifies the source weights. A cache that is incomplete is rebuilt.
 */
public final class Int8WeightCache implements Closeable {

    private final Path file;
    private final SafetensorsFile reader;
    private SafetensorsStreamWriter writer;

    private Int8WeightCache(Path file, SafetensorsFile reader, SafetensorsStreamWriter writer) {
        this.file = file;
        this.reader = reader;
        this.writer = writer;
    }

    /** Reads {@code file} when it exists, else records what is quantized for {@link #finish}. */
    public static Int8WeightCache open(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            return new Int8WeightCache(file, SafetensorsFile.open(file), null);
        }
        return new Int8WeightCache(file, null, new SafetensorsStreamWriter(file));
    }

    /** True when the weights come from the file, not from a fresh conversion. */
    public boolean isWarm() {
        return reader != null;
    }

    /** The layer's int8 weights: from the cache file, or quantized now (and recorded). */
    Int8Weights get(String name, float[] weightsIfMissing, int rows, int columns) {
        if (reader != null && reader.contains(name + ".weight") && reader.contains(name + ".weight_scale")) {
            ByteBuffer bytes = reader.bytes(name + ".weight");
            if (bytes.remaining() != (long) rows * columns) {
                throw new WeightsException(file + ": tensor '" + name + ".weight': " + bytes.remaining()
                        + " bytes, expected " + rows + " x " + columns + "; delete the file to rebuild it");
            }
            byte[] values = new byte[bytes.remaining()];
            bytes.get(values);
            return new Int8Weights(values, reader.readFloat32(name + ".weight_scale", rows));
        }
        Int8Weights q = Int8Weights.quantize(weightsIfMissing, rows, columns);
        if (writer != null) {
            try {
                writer.add(name + ".weight", "I8", new long[] {rows, columns}, q.values());
                writer.addF32(name + ".weight_scale", new long[] {rows}, q.scales());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the int8 weight cache " + file, e);
            }
        }
        return q;
    }

    /** Whether {@code name}'s weights are in the file (so they need not be read from the checkpoint). */
    boolean has(String name) {
        return reader != null && reader.contains(name + ".weight") && reader.contains(name + ".weight_scale");
    }

    /** Writes the file after a conversion; nothing to do after a warm load. */
    public void finish() throws IOException {
        if (writer != null) {
            writer.finish();
            writer = null;
        }
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
        }
        if (writer != null) {
            writer.close();
        }
    }
}
