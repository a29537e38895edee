package com.maskfill.engine.local.weights;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a safetensors file too large to hold in memory (a converted model): tensor data goes to a side file as it
 * comes, and {@link #finish} writes the header, appends the data and moves the result into place, so an interrupted
 * conversion never leaves a file that looks complete.
 */
public final class SafetensorsStreamWriter implements Closeable {

    private record Entry(String name, String dtype, long[] shape, long begin, long end) {
    }

    private final Path target;
    private final Path data;
    private final OutputStream out;
    private final List<Entry> entries = new ArrayList<>();
    private long written;

    public SafetensorsStreamWriter(Path target) throws IOException {
        this.target = target;
        Files.createDirectories(target.toAbsolutePath().getParent());
        this.data = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName().toString(), ".data");
        this.out = new BufferedOutputStream(Files.newOutputStream(data), 1 << 20);
    }

    public synchronized void add(String name, String dtype, long[] shape, byte[] littleEndian) throws IOException {
        out.write(littleEndian);
        entries.add(new Entry(name, dtype, shape.clone(), written, written + littleEndian.length));
        written += littleEndian.length;
    }

    public void addF32(String name, long[] shape, float[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        add(name, "F32", shape, b.array());
    }

    /** Writes {@code target}; the writer is closed afterwards. */
    public synchronized Path finish() throws IOException {
        out.close();
        String header = "{\"__metadata__\":{\"format\":\"pt\"}," + entries.stream().map(e -> "\"" + e.name
                + "\":{\"dtype\":\"" + e.dtype + "\",\"shape\":[" + java.util.Arrays.stream(e.shape)
                        .mapToObj(Long::toString).collect(Collectors.joining(",")) + "],\"data_offsets\":[" + e.begin
                + "," + e.end + "]}").collect(Collectors.joining(",")) + "}";
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        Path part = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName().toString(), ".part");
        try {
            try (FileChannel dst = FileChannel.open(part, StandardOpenOption.WRITE);
                    FileChannel src = FileChannel.open(data, StandardOpenOption.READ)) {
                dst.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, json.length));
                dst.write(ByteBuffer.wrap(json));
                long size = src.size();
                for (long done = 0; done < size; ) {
                    done += src.transferTo(done, size - done, dst);
                }
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } finally {
            Files.deleteIfExists(part);
            Files.deleteIfExists(data);
        }
    }

    /** Abandons the conversion, removing the side file. */
    @Override
    public synchronized void close() throws IOException {
        out.close();
        Files.deleteIfExists(data);
    }
}
