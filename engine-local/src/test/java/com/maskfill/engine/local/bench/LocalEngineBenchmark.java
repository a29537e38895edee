package com.maskfill.engine.local.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.maskfill.engine.local.ReferenceRun;
import com.maskfill.engine.local.TestData;
import com.maskfill.engine.local.transformer.FluxTransformer;
import com.maskfill.engine.local.weights.SafetensorsFile;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Not a test: {@code java -cp ... com.maskfill.engine.local.bench.LocalEngineBenchmark} prints {@code name value unit}
 * lines for the bf16 weight decode (one FLUX-sized 12288 x 3072 tensor, page cache warm) and a tiny forward.
 */
public final class LocalEngineBenchmark {

    private LocalEngineBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("maskfill-bench");
        Path file = dir.resolve("mlp.safetensors");
        long elements = 12288L * 3072;
        byte[] json = ("{\"w\":{\"dtype\":\"BF16\",\"shape\":[12288,3072],\"data_offsets\":[0," + elements * 2 + "]}}")
                .getBytes(StandardCharsets.UTF_8);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).array());
            raf.write(json);
            byte[] chunk = new byte[1 << 20];
            for (int i = 0; i < chunk.length; i += 2) chunk[i + 1] = (byte) (0x3c + (i % 7));
            for (long written = 0; written < elements * 2; written += chunk.length) raf.write(chunk);
        }
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            st.readFloat32("w"); // warm the page cache and the JIT
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                st.readFloat32("w");
                best = Math.min(best, System.nanoTime() - t0);
            }
            System.out.printf("bf16_decode_12288x3072 %.1f ms%n", best / 1e6);
            System.out.printf("bf16_decode_throughput %.0f Melem/s%n", elements / (best / 1e3));
        } finally {
            Files.delete(file);
            Files.delete(dir);
        }
        try (NDManager m = NDManager.newBaseManager();
                SafetensorsFile w = SafetensorsFile.open(TestData.fluxTinyA().resolve("flux-tiny.safetensors"));
                FluxTransformer model = FluxTransformer.load(m, w, TestData.fluxTinyParams())) {
            NDArray x = NDArrays.concat(new NDList(ReferenceRun.load(m, "img"), ReferenceRun.load(m, "img_cond")), 2);
            NDArray ids = ReferenceRun.load(m, "img_ids");
            NDArray txt = ReferenceRun.load(m, "txt");
            NDArray txtIds = ReferenceRun.load(m, "txt_ids");
            NDArray vec = ReferenceRun.load(m, "vec");
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 20; i++) {
                long t0 = System.nanoTime();
                model.forward(x, ids, txt, txtIds, vec, 1f, 30f).close();
                best = Math.min(best, System.nanoTime() - t0);
            }
            System.out.printf("flux_tiny_forward %.2f ms%n", best / 1e6);
        }
    }
}
