package com.maskfill.engine.local.weights;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One safetensors file, memory-mapped a tensor at a time. Hand-written because DJL's reader ({@code NDList.decode})
 * copies the whole file into one {@code byte[]} with int offsets (unusable for a 24 GB checkpoint) and aborts the JVM on
 * bf16. The header is validated completely on open, so a bad file fails here with a message, not later in native code.
 *
 * <p>Layout: 8-byte little-endian header length N, N bytes of JSON ({@code name -> {dtype, shape, data_offsets}} plus
 * an optional {@code __metadata__} string map), then the data; offsets are relative to the end of the header.
 */
public final class SafetensorsFile implements TensorSource {

    /** The format's own limit on the header; anything larger is corruption, not a real file. */
    static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;
    /** Largest region mapped at once; a MappedByteBuffer cannot exceed 2 GiB, and smaller windows keep it cheap. */
    static final int DEFAULT_WINDOW_BYTES = 1 << 30;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final Path file;
    private final FileChannel channel;
    private final long fileSize;
    private final Map<String, TensorInfo> tensors;
    private final Map<String, String> metadata;
    private final int windowBytes;

    private SafetensorsFile(Path file, FileChannel channel, long fileSize, Map<String, TensorInfo> tensors,
            Map<String, String> metadata, int windowBytes) {
        this.file = file;
        this.channel = channel;
        this.fileSize = fileSize;
        this.tensors = tensors;
        this.metadata = metadata;
        this.windowBytes = windowBytes;
    }

    public static SafetensorsFile open(Path file) {
        return open(file, DEFAULT_WINDOW_BYTES);
    }

    static SafetensorsFile open(Path file, int windowBytes) {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw WeightsException.inFile(file, "file not found", e);
        } catch (IOException e) {
            throw WeightsException.inFile(file, "cannot open: " + e.getMessage(), e);
        }
        try {
            long size = channel.size();
            Header header = readHeader(file, channel, size);
            return new SafetensorsFile(file, channel, size, header.tensors, header.metadata, windowBytes);
        } catch (IOException e) {
            closeQuietly(channel);
            throw WeightsException.inFile(file, "cannot read header: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public String describe() {
        return file.toString();
    }

    @Override
    public Set<String> names() {
        return tensors.keySet();
    }

    @Override
    public TensorInfo info(String name) {
        TensorInfo info = tensors.get(name);
        if (info == null) {
            throw WeightsException.inTensor(file, name, "not in this file");
        }
        return info;
    }

    @Override
    public float[] readFloat32(String name) {
        TensorInfo info = info(name);
        TensorDtype dtype = info.dtype().orElseThrow(() -> WeightsException.inTensor(file, name,
                "unsupported dtype " + info.dtypeName() + " (supported: " + TensorDtype.supportedNames() + ")"));
        long count = info.elementCount();
        if (count > Integer.MAX_VALUE - 8) {
            throw WeightsException.inTensor(file, name, count + " elements are too many for one float array");
        }
        float[] out = new float[(int) count];
        // Windows hold whole elements, so no element straddles two mappings.
        long elementsPerWindow = windowBytes / dtype.byteSize();
        int done = 0;
        while (done < count) {
            int n = (int) Math.min(elementsPerWindow, count - done);
            ByteBuffer window = map(info, info.begin() + (long) done * dtype.byteSize(), (long) n * dtype.byteSize());
            dtype.decode(window, out, done, n);
            done += n;
        }
        return out;
    }

    /**
     * One tensor's raw little-endian bytes, memory-mapped (nothing is copied), for tensors stored in the dtype the
     * caller wants as is, such as cached int8 weights.
     */
    public ByteBuffer bytes(String name) {
        TensorInfo info = info(name);
        long length = info.end() - info.begin();
        if (length > Integer.MAX_VALUE) {
            throw WeightsException.inTensor(file, name, length + " bytes are too many for one buffer");
        }
        return map(info, info.begin(), length);
    }

    private ByteBuffer map(TensorInfo info, long position, long length) {
        try {
            // The file may have been truncated since the header was read; mapping past its end would crash the JVM
            // (SIGBUS) on first access instead of throwing.
            long now = channel.size();
            if (position + length > now) {
                throw WeightsException.inTensor(file, info.name(), "file shrank to " + now
                        + " bytes while open; the tensor needs bytes up to " + (position + length));
            }
            MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, position, length);
            return mapped.order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw WeightsException.inTensor(file, info.name(), "cannot map bytes " + position + ".."
                    + (position + length) + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    @Override
    public String toString() {
        return "SafetensorsFile[" + file + ", " + tensors.size() + " tensors, " + fileSize + " bytes]";
    }

    private record Header(Map<String, TensorInfo> tensors, Map<String, String> metadata) {
    }

    private static Header readHeader(Path file, FileChannel channel, long size) throws IOException {
        if (size < 8) {
            throw WeightsException.inFile(file, "truncated: " + size + " bytes, too short for a safetensors header");
        }
        ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, lengthBytes, 0);
        long headerLength = lengthBytes.flip().getLong();
        if (headerLength < 2 || headerLength > MAX_HEADER_BYTES) {
            throw WeightsException.inFile(file, "bad header length " + Long.toUnsignedString(headerLength)
                    + " (not a safetensors file?)");
        }
        if (headerLength > size - 8) {
            throw WeightsException.inFile(file, "truncated: header length " + headerLength + " but the file has only "
                    + (size - 8) + " bytes after the length field");
        }
        ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
        readFully(channel, headerBytes, 8);
        JsonNode root;
        try {
            root = JSON.readTree(new String(headerBytes.array(), StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw WeightsException.inFile(file, "header is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw WeightsException.inFile(file, "header is not a JSON object");
        }
        long dataStart = 8 + headerLength;
        long dataLength = size - dataStart;
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().equals("__metadata__")) {
                entry.getValue().fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            TensorInfo info = parseEntry(file, entry.getKey(), entry.getValue(), dataStart, dataLength);
            tensors.put(info.name(), info);
        }
        checkNoOverlap(file, tensors);
        return new Header(Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(metadata));
    }

    private static TensorInfo parseEntry(Path file, String name, JsonNode node, long dataStart, long dataLength) {
        if (!node.isObject()) {
            throw WeightsException.inTensor(file, name, "header entry is not an object");
        }
        JsonNode dtypeNode = node.get("dtype");
        JsonNode shapeNode = node.get("shape");
        JsonNode offsetsNode = node.get("data_offsets");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw WeightsException.inTensor(file, name, "missing or non-text 'dtype'");
        }
        if (shapeNode == null || !shapeNode.isArray()) {
            throw WeightsException.inTensor(file, name, "missing or non-array 'shape'");
        }
        if (offsetsNode == null || !offsetsNode.isArray() || offsetsNode.size() != 2
                || !offsetsNode.get(0).canConvertToLong() || !offsetsNode.get(1).canConvertToLong()
                || !offsetsNode.get(0).isIntegralNumber() || !offsetsNode.get(1).isIntegralNumber()) {
            throw WeightsException.inTensor(file, name, "'data_offsets' must be two integers, got " + offsetsNode);
        }
        long[] shape = new long[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            JsonNode dim = shapeNode.get(i);
            if (!dim.isIntegralNumber() || !dim.canConvertToLong() || dim.asLong() < 0) {
                throw WeightsException.inTensor(file, name, "bad shape " + shapeNode);
            }
            shape[i] = dim.asLong();
        }
        long begin = offsetsNode.get(0).asLong();
        long end = offsetsNode.get(1).asLong();
        if (begin < 0 || end < begin) {
            throw WeightsException.inTensor(file, name, "bad data_offsets [" + begin + ", " + end + "]");
        }
        if (end > dataLength) {
            throw WeightsException.inTensor(file, name, "data_offsets [" + begin + ", " + end
                    + "] outside the file's " + dataLength + " data bytes (truncated file?)");
        }
        TensorInfo info = new TensorInfo(file, name, dtypeNode.asText(), shape, dataStart + begin, dataStart + end);
        long elements;
        try {
            elements = info.elementCount();
        } catch (ArithmeticException e) {
            throw WeightsException.inTensor(file, name, "shape " + shapeNode + " overflows");
        }
        TensorDtype dtype = info.dtype().orElse(null);
        if (dtype != null && elements * dtype.byteSize() != end - begin) {
            throw WeightsException.inTensor(file, name, "shape " + shapeNode + " of " + dtype.safetensorsName()
                    + " needs " + elements * dtype.byteSize() + " bytes but data_offsets span " + (end - begin));
        }
        return info;
    }

    private static void checkNoOverlap(Path file, Map<String, TensorInfo> tensors) {
        List<TensorInfo> sorted = new ArrayList<>(tensors.values());
        sorted.removeIf(t -> t.byteLength() == 0);
        sorted.sort(Comparator.comparingLong(TensorInfo::begin));
        for (int i = 1; i < sorted.size(); i++) {
            TensorInfo previous = sorted.get(i - 1);
            TensorInfo current = sorted.get(i);
            if (current.begin() < previous.end()) {
                throw WeightsException.inTensor(file, current.name(), "data overlaps tensor '" + previous.name() + "'");
            }
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer target, long position) throws IOException {
        long at = position;
        while (target.hasRemaining()) {
            int n = channel.read(target, at);
            if (n < 0) {
                throw new IOException("unexpected end of file at byte " + at);
            }
            at += n;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing useful to do: the file was only read
        }
    }
}
