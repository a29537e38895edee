package com.maskfill.engine.local.weights;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a safetensors file too large to hold in memory (a converted model) whose tensors are known up front: the header
 * goes first, and each tensor's data is written once, straight to its place, in any order, as it comes. The file is
 * written beside {@code target} and moved into place by {@link #finish} only when every tensor is there, so an
 * interrupted conversion never leaves a file that looks complete.
 */
public final class SafetensorsStreamWriter implements Closeable {

    /** A tensor the file will hold. */
    public record Tensor(String name, TensorDtype dtype, long[] shape) {

        long bytes() {
            long n = dtype.byteSize();
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }

    private record Slot(long position, long bytes) {
    }

    private final Path target;
    private final Path part;
    private final FileChannel out;
    private final Map<String, Slot> slots = new HashMap<>();
    private final Map<String, Boolean> written = new HashMap<>();

    public SafetensorsStreamWriter(Path target, List<Tensor> tensors) throws IOException {
        this.target = target;
        Path folder = target.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        List<SafetensorsHeader.Entry> entries = new ArrayList<>();
        for (Tensor t : tensors) {
            entries.add(new SafetensorsHeader.Entry(t.name(), t.dtype().safetensorsName(), t.shape(), t.bytes()));
        }
        ByteBuffer prefix = SafetensorsHeader.prefix(SafetensorsHeader.json(entries));
        long position = prefix.limit();
        for (Tensor t : tensors) {
            slots.put(t.name(), new Slot(position, t.bytes()));
            position += t.bytes();
        }
        this.part = Files.createTempFile(folder, target.getFileName().toString(), ".part");
        this.out = FileChannel.open(part, StandardOpenOption.WRITE);
        try {
            while (prefix.hasRemaining()) {
                out.write(prefix);
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /**
     * Writes one announced tensor's little-endian data to its place.
     *
     * @throws IllegalArgumentException for a tensor that was not announced, or data of the wrong length
     */
    public synchronized void write(String name, byte[] littleEndian) throws IOException {
        Slot slot = slots.get(name);
        if (slot == null || slot.bytes() != littleEndian.length) {
            throw new IllegalArgumentException(name + ": " + littleEndian.length + " bytes for "
                    + (slot == null ? "a tensor not in the header" : "a slot of " + slot.bytes()));
        }
        ByteBuffer data = ByteBuffer.wrap(littleEndian);
        for (long at = slot.position(); data.hasRemaining(); ) {
            at += out.write(data, at);
        }
        written.put(name, true);
    }

    public void writeF32(String name, float[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        write(name, b.array());
    }

    /**
     * Moves the complete file to {@code target}; the writer is closed afterwards.
     *
     * @throws IOException naming a tensor that was never written (nothing is moved)
     */
    public synchronized Path finish() throws IOException {
        try {
            for (String name : slots.keySet()) {
                if (!written.containsKey(name)) {
                    throw new IOException(target + ": tensor '" + name + "' was never written");
                }
            }
            out.force(false);
            out.close();
            return Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            close();
        }
    }

    /** Abandons the file (nothing is left behind), unless {@link #finish} has moved it into place. */
    @Override
    public synchronized void close() throws IOException {
        out.close();
        Files.deleteIfExists(part);
    }
}
