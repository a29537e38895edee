package com.maskfill.engine.local.nn;

import com.maskfill.engine.local.weights.SafetensorsFile;
import com.maskfill.engine.local.weights.SafetensorsStreamWriter;
import com.maskfill.engine.local.weights.TensorDtype;
import com.maskfill.engine.local.weights.WeightsException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Int8 weights converted once and kept on disk, so later loads copy bytes instead of reading, decoding and
 * quantizing every weight again: {@code <name>.weight} (I8) and {@code <name>.weight_scale} (F32) per linear layer,
 * in a safetensors file whose name identifies the source weights. The layers are known before the conversion starts,
 * so the file's header is written first and each layer's bytes once, in place; the file appears only when every layer is
 * in it. A layer missing from an existing file is quantized again (and not added). A cache that cannot be written (a
 * full disk) is given up, never the load.
 */
public final class Int8WeightCache implements Closeable {

    private final Path file;
    private final SafetensorsFile reader;
    private final Map<String, long[]> layers;
    private SafetensorsStreamWriter writer;

    private Int8WeightCache(Path file, SafetensorsFile reader, Map<String, long[]> layers,
            SafetensorsStreamWriter writer) {
        this.file = file;
        this.reader = reader;
        this.layers = layers;
        this.writer = writer;
    }

    /**
     * Reads {@code file} when it exists, else writes the quantized layers into it as they come, for {@link #finish}.
     * A file that is not a readable safetensors file (a crash while it was moved into place, a disk error) is
     * replaced.
     *
     * @param layers every linear layer the model will ask for: name (without {@code .weight}) to {rows, columns}
     */
    public static Int8WeightCache open(Path file, Map<String, long[]> layers) throws IOException {
        if (Files.isRegularFile(file)) {
            try {
                return new Int8WeightCache(file, SafetensorsFile.open(file), layers, null);
            } catch (WeightsException corrupt) {
                Files.delete(file);
            }
        }
        List<SafetensorsStreamWriter.Tensor> tensors = new ArrayList<>();
        layers.forEach((name, shape) -> {
            tensors.add(new SafetensorsStreamWriter.Tensor(name + ".weight", TensorDtype.I8, shape));
            tensors.add(new SafetensorsStreamWriter.Tensor(name + ".weight_scale", TensorDtype.F32,
                    new long[] {shape[0]}));
        });
        return new Int8WeightCache(file, null, layers, new SafetensorsStreamWriter(file, tensors));
    }

    /** True when the weights come from the file, not from a fresh conversion. */
    public boolean isWarm() {
        return reader != null;
    }

    /** The layer's int8 weights: from the cache file, or quantized now (and recorded). */
    Int8Weights get(String name, float[] weightsIfMissing, int rows, int columns) {
        if (has(name)) {
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
        long[] planned = layers.get(name);
        if (writer != null && planned != null && planned[0] == rows && planned[1] == columns) {
            try {
                writer.write(name + ".weight", q.values());
                writer.writeF32(name + ".weight_scale", q.scales());
            } catch (IOException e) {
                giveUp(e);
            }
        }
        return q;
    }

    /** Whether {@code name}'s weights are in the file (so they need not be read from the checkpoint). */
    boolean has(String name) {
        return reader != null && reader.contains(name + ".weight") && reader.contains(name + ".weight_scale");
    }

    private void giveUp(IOException cause) {
        System.getLogger(Int8WeightCache.class.getName()).log(System.Logger.Level.WARNING,
                "int8 weight cache " + file + " not written: " + cause.getMessage());
        try {
            writer.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
        writer = null;
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
