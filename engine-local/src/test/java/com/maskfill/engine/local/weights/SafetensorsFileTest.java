package com.maskfill.engine.local.weights;

import static com.maskfill.engine.local.weights.SafetensorsWriter.shape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsFileTest {

    @TempDir
    Path dir;

    private static byte[] le(int bytesPerValue, long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * bytesPerValue).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            switch (bytesPerValue) {
                case 1 -> b.put((byte) v);
                case 2 -> b.putShort((short) v);
                case 4 -> b.putInt((int) v);
                default -> b.putLong(v);
            }
        }
        return b.array();
    }

    @Test
    void readsEveryDtypeExactlyAsFloat32() throws IOException {
        ByteBuffer f64 = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.25).putDouble(-1e10);
        Path file = new SafetensorsWriter()
                .addF32("f32", shape(2, 2), 1.5f, -2f, 0f, 3.25e-3f)
                .add("f64", "F64", shape(2), f64.array())
                .add("f16", "F16", shape(3), le(2, 0x3c00, 0xc100, 0x7bff))
                .addBf16("bf16", shape(3), 1f, -0.5f, 1.5e20f)
                .add("e4m3", "F8_E4M3", shape(3), le(1, 0x38, 0x7e, 0x81))
                .add("e5m2", "F8_E5M2", shape(2), le(1, 0x3c, 0xc0))
                .add("i64", "I64", shape(2), le(8, -7, 1L << 40))
                .add("i32", "I32", shape(2), le(4, 123456, -1))
                .add("i8", "I8", shape(2), le(1, -128, 127))
                .add("u8", "U8", shape(2), le(1, 0xff, 3))
                .write(dir.resolve("all.safetensors"));
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertEquals(10, st.names().size());
            assertEquals("pt", st.metadata().get("format"));
            assertArrayEquals(new float[] {1.5f, -2f, 0f, 3.25e-3f}, st.readFloat32("f32", 2, 2));
            assertArrayEquals(new float[] {0.25f, -1e10f}, st.readFloat32("f64"));
            assertArrayEquals(new float[] {1f, -2.5f, 65504f}, st.readFloat32("f16"));
            assertArrayEquals(new float[] {1f, -0.5f, Float.intBitsToFloat(Float.floatToIntBits(1.5e20f) & 0xffff0000)},
                    st.readFloat32("bf16"));
            assertArrayEquals(new float[] {1f, 448f, -0x1p-9f}, st.readFloat32("e4m3"));
            assertArrayEquals(new float[] {1f, -2f}, st.readFloat32("e5m2"));
            assertArrayEquals(new float[] {-7f, 0x1p40f}, st.readFloat32("i64"));
            assertArrayEquals(new float[] {123456f, -1f}, st.readFloat32("i32"));
            assertArrayEquals(new float[] {-128f, 127f}, st.readFloat32("i8"));
            assertArrayEquals(new float[] {255f, 3f}, st.readFloat32("u8"));
            assertEquals(TensorDtype.F8_E4M3, st.info("e4m3").dtype().orElseThrow());
            assertArrayEquals(new long[] {2, 2}, st.info("f32").shape());
        }
    }

    @Test
    void readingThroughSmallWindowsGivesTheSameValues() throws IOException {
        float[] values = new float[1000];
        for (int i = 0; i < values.length; i++) values[i] = (float) Math.sin(i) * 100;
        Path file = new SafetensorsWriter().addF32("x", shape(10, 100), values).addBf16("b", shape(1000), values)
                .write(dir.resolve("w.safetensors"));
        try (SafetensorsFile whole = SafetensorsFile.open(file); SafetensorsFile windowed = SafetensorsFile.open(file, 12)) {
            assertArrayEquals(values, windowed.readFloat32("x"));
            assertArrayEquals(whole.readFloat32("b"), windowed.readFloat32("b"));
        }
    }

    @Test
    void fileOverTwoGibReadsTheTensorNearItsEndFromASparseFile() throws IOException {
        // Only the header and the last tensor are written: the file is sparse, so the test needs no real disk.
        long fillerBytes = (1L << 31) + 4096;
        String header = "{\"filler\":{\"dtype\":\"U8\",\"shape\":[" + fillerBytes + "],\"data_offsets\":[0," + fillerBytes
                + "]},\"tail\":{\"dtype\":\"BF16\",\"shape\":[2,2],\"data_offsets\":[" + fillerBytes + ","
                + (fillerBytes + 8) + "]}}";
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve("big.safetensors");
        long dataStart = 8 + json.length;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(dataStart + fillerBytes + 8);
            raf.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).array());
            raf.write(json);
            raf.seek(dataStart + fillerBytes);
            raf.write(le(2, 0x3f80, 0x4000, 0xbf80, 0x4040));
        }
        assertTrue(Files.size(file) > Integer.MAX_VALUE);
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertArrayEquals(new float[] {1f, 2f, -1f, 3f}, st.readFloat32("tail", 2, 2));
            assertEquals(dataStart + fillerBytes, st.info("tail").begin());
            WeightsException tooBig = assertThrows(WeightsException.class, () -> st.readFloat32("filler"));
            assertTrue(tooBig.getMessage().contains("'filler'") && tooBig.getMessage().contains("too many"),
                    tooBig.getMessage());
        }
    }

    @Test
    void wrongShapeNamesFileTensorAndBothShapes() throws IOException {
        Path file = new SafetensorsWriter().addF32("w", shape(2, 3), new float[6]).write(dir.resolve("s.safetensors"));
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            WeightsException e = assertThrows(WeightsException.class, () -> st.readFloat32("w", 3, 2));
            assertMessage(e, file, "'w'", "[2, 3]", "expected [3, 2]");
            assertMessage(assertThrows(WeightsException.class, () -> st.info("absent")), file, "'absent'", "not in");
        }
    }

    @Test
    void unsupportedDtypeFailsOnlyWhenThatTensorIsRead() throws IOException {
        Path file = new SafetensorsWriter().add("flags", "BOOL", shape(2), le(1, 1, 0)).addF32("ok", shape(1), 4f)
                .write(dir.resolve("bool.safetensors"));
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertArrayEquals(new float[] {4f}, st.readFloat32("ok"));
            assertMessage(assertThrows(WeightsException.class, () -> st.readFloat32("flags")), file, "'flags'",
                    "unsupported dtype BOOL");
        }
    }

    @Test
    void missingFileIsReportedByName() {
        Path file = dir.resolve("nope.safetensors");
        assertMessage(assertThrows(WeightsException.class, () -> SafetensorsFile.open(file)), file, "not found");
    }

    @Test
    void fileShorterThanTheLengthFieldIsTruncated() throws IOException {
        Path file = Files.write(dir.resolve("tiny.safetensors"), new byte[] {1, 2, 3});
        assertMessage(assertThrows(WeightsException.class, () -> SafetensorsFile.open(file)), file, "truncated");
    }

    @Test
    void absurdHeaderLengthIsRejected() throws IOException {
        Path file = Files.write(dir.resolve("bad.safetensors"), le(8, -5L, 0));
        assertMessage(assertThrows(WeightsException.class, () -> SafetensorsFile.open(file)), file, "bad header length");
    }

    @Test
    void headerLongerThanTheFileIsTruncated() throws IOException {
        byte[] bytes = new byte[40];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(1000);
        Path file = Files.write(dir.resolve("cut.safetensors"), bytes);
        assertMessage(assertThrows(WeightsException.class, () -> SafetensorsFile.open(file)), file, "truncated",
                "header length 1000");
    }

    @Test
    void unparseableJsonIsRejected() throws IOException {
        Path file = new SafetensorsWriter().writeWithHeader(dir.resolve("json.safetensors"), "{\"a\": {\"dtype\": ");
        assertMessage(assertThrows(WeightsException.class, () -> SafetensorsFile.open(file)), file, "not valid JSON");
    }

    @Test
    void duplicateTensorNamesAreRejected() throws IOException {
        String entry = "{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}";
        Path file = new SafetensorsWriter().addF32("x", shape(1), 1f)
                .writeWithHeader(dir.resolve("dup.safetensors"), "{\"x\":" + entry + ",\"x\":" + entry + "}");
        assertMessage(assertThrows(WeightsException.class, () -> SafetensorsFile.open(file)), file, "JSON", "x");
    }

    @Test
    void offsetsOutsideTheFileNameTheTensor() throws IOException {
        // A file cut short after it was written: the header promises more data than there is.
        SafetensorsWriter writer = new SafetensorsWriter().addF32("a", shape(2), 1f, 2f).addF32("b", shape(4), 1, 2, 3, 4);
        Path file = writer.write(dir.resolve("short.safetensors"));
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() - 4);
        }
        assertMessage(assertThrows(WeightsException.class, () -> SafetensorsFile.open(file)), file, "'b'",
                "outside the file");
    }

    @Test
    void overlappingTensorsAreRejected() throws IOException {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
        Path file = new SafetensorsWriter().addF32("pad", shape(3), 1, 2, 3)
                .writeWithHeader(dir.resolve("overlap.safetensors"), header);
        assertMessage(assertThrows(WeightsException.class, () -> SafetensorsFile.open(file)), file, "'b'", "overlaps",
                "'a'");
    }

    @Test
    void shapeThatDisagreesWithTheByteRangeIsRejected() throws IOException {
        String header = "{\"w\":{\"dtype\":\"BF16\",\"shape\":[3],\"data_offsets\":[0,8]}}";
        Path file = new SafetensorsWriter().addF32("pad", shape(2), 1, 2)
                .writeWithHeader(dir.resolve("size.safetensors"), header);
        assertMessage(assertThrows(WeightsException.class, () -> SafetensorsFile.open(file)), file, "'w'",
                "needs 6 bytes", "span 8");
    }

    @Test
    void malformedEntriesAreRejected() throws IOException {
        String[] bad = {
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}",
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}",
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}",
            "{\"w\":{\"shape\":[1],\"data_offsets\":[0,4]}}",
            "[1,2]",
        };
        for (int i = 0; i < bad.length; i++) {
            Path file = new SafetensorsWriter().addF32("pad", shape(1), 1f)
                    .writeWithHeader(dir.resolve("m" + i + ".safetensors"), bad[i]);
            WeightsException e = assertThrows(WeightsException.class, () -> SafetensorsFile.open(file), bad[i]);
            assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        }
    }

    @Test
    void namesListEveryTensorButNotTheMetadata() throws IOException {
        Path file = new SafetensorsWriter().addF32("a", shape(1), 1f).addBf16("b", shape(1), 2f)
                .write(dir.resolve("n.safetensors"));
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertEquals(Set.of("a", "b"), st.names());
        }
    }

    static void assertMessage(Throwable e, Path file, String... parts) {
        String message = e.getMessage();
        assertTrue(message.contains(file.toString()), "names the file: " + message);
        for (String part : parts) {
            assertTrue(message.contains(part), "contains '" + part + "': " + message);
        }
    }
}
