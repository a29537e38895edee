package com.maskfill.engine.local.bench;

import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.Engine;
import com.maskfill.engine.api.engine.EngineContext;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.ProgressEvent;
import com.maskfill.engine.api.pipeline.FillPipeline;
import com.maskfill.engine.api.request.FillRequest;
import com.maskfill.engine.api.request.Mask;
import com.maskfill.engine.local.LocalEngine;
import com.maskfill.engine.local.LocalEngineProvider;
import com.maskfill.engine.local.text.TinyTextFolders;
import com.maskfill.engine.local.weights.AutoencoderParams;
import com.maskfill.engine.local.weights.FluxParams;
import com.maskfill.engine.local.weights.SafetensorsWriter;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Not a test: one fill through the local engine and the shared FillPipeline, timed, printing {@code name value unit}
 * lines. {@code --model tiny} (the flux-tiny-a shapes, random weights) or {@code mid} (hidden 1024, 2 + 4 blocks,
 * random), or {@code --model-dir DIR} for real weights; {@code --size --steps --precision --weight-storage --device
 * --max-sequence-length --mask-level} (255 white, less: a grey soft mask). The first fill loads the model and encodes
 * the prompt; the second (same prompt, cached) is the one timed per step.
 */
public final class FillBenchmark {

    private FillBenchmark() {
    }

    public static void main(String[] args) throws IOException, EngineException {
        Map<String, String> a = new HashMap<>(Map.of("--model", "tiny", "--size", "64", "--steps", "4",
                "--precision", "fp32", "--weight-storage", "auto", "--device", "cpu", "--max-sequence-length", "128",
                "--mask-level", "255"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i], args[i + 1]);
        }
        int size = Integer.parseInt(a.get("--size"));
        int steps = Integer.parseInt(a.get("--steps"));
        Path work = Files.createTempDirectory("maskfill-fill-bench");
        Path modelDir = a.containsKey("--model-dir") ? Path.of(a.get("--model-dir")) : switch (a.get("--model")) {
            case "tiny" -> randomSnapshot(work, new FluxParams(384, 64, 16, 32, 64, 4.0, 2, 1, 1,
                    new int[] {8, 12, 12}, 10_000, true, true),
                    new AutoencoderParams(3, 32, 3, new int[] {1, 1, 1, 1}, 1, 16, 0.3611, 0.1159));
            case "mid" -> randomSnapshot(work, new FluxParams(384, 64, 64, 256, 1024, 4.0, 8, 2, 4,
                    new int[] {16, 56, 56}, 10_000, true, true),
                    new AutoencoderParams(3, 64, 3, new int[] {1, 2, 2, 2}, 1, 16, 0.3611, 0.1159));
            default -> throw new IllegalArgumentException("--model tiny|mid, or --model-dir DIR");
        };
        EngineContext context = EngineContext.builder().option("model-dir", modelDir.toString())
                .option("min-side", Integer.toString(Math.min(size, 256))).option("device", a.get("--device"))
                .option("precision", a.get("--precision")).option("weight-storage", a.get("--weight-storage"))
                .option("max-sequence-length", a.get("--max-sequence-length")).build();
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(1);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                image.setRGB(x, y, r.nextInt(0x1000000));
            }
        }
        // below 255 the local engine also runs differential diffusion (one more image encode, a hold per step)
        Mask mask = Mask.filled(size, size, Integer.parseInt(a.get("--mask-level")));
        FillRequest request = FillRequest.builder().image(image).mask(mask).prompt("a cat").steps(steps).guidance(30)
                .seed(42).build();
        List<Long> stepTimes = new ArrayList<>();
        resetPeakRss();
        long t0 = System.nanoTime();
        try (Engine engine = new LocalEngineProvider().create(context)) {
            String[] plan = {""};
            new FillPipeline(0, 0).run(engine, request, e -> {
                if (e.detail() != null && e.detail().startsWith("Memory plan: ")) {
                    plan[0] = e.detail().substring("Memory plan: ".length());
                }
            }, new Cancellation());
            double cold = (System.nanoTime() - t0) / 1e9;
            long[] last = {System.nanoTime()};
            long t1 = last[0];
            // Peak during steps 2..N, the span the per-step time covers (and the reference script measures).
            long[] stepsPeakKib = {-1};
            boolean[] peakReset = {false};
            new FillPipeline(0, 0).run(engine, request, event -> {
                if (event.stage() == ProgressEvent.Stage.RUNNING) {
                    long now = System.nanoTime();
                    stepTimes.add(now - last[0]);
                    last[0] = now;
                    if (stepTimes.size() == 1) {
                        peakReset[0] = clearPeakRss();
                    } else {
                        stepsPeakKib[0] = peakRssKibOrMinusOne();
                    }
                }
            }, new Cancellation());
            double warm = (System.nanoTime() - t1) / 1e9;
            double perStep = stepTimes.stream().mapToLong(Long::longValue).skip(1).average()
                    .orElse(stepTimes.get(0)) / 1e9;
            String model = a.containsKey("--model-dir") ? "model-dir" : a.get("--model");
            System.out.println("# " + model + ", precision " + a.get("--precision") + ", weight storage "
                    + a.get("--weight-storage") + "; memory plan: " + plan[0]);
            System.out.println("size " + size + " px");
            System.out.println("steps " + steps + " steps");
            print("load_encode_and_fill_s", cold, "s");
            print("fill_end_to_end_s", warm, "s");
            print("image_encode_and_first_step_s", stepTimes.get(0) / 1e9, "s");
            print("step_s", perStep, "s");
            print("peak_rss_mib", peakRssKib() / 1024.0, "MiB");
            // The names scripts/benchmark.sh sets beside the reference's figures.
            System.out.println("# local: " + Runtime.getRuntime().availableProcessors() + " processors, "
                    + "ai.djl.pytorch.num_threads " + System.getProperty("ai.djl.pytorch.num_threads", "default")
                    + ", " + a.get("--max-sequence-length") + " text tokens");
            print("local.s_per_step", perStep, "s");
            if (peakReset[0] && stepsPeakKib[0] > 0) {
                print("local.steps_peak_rss_mib", stepsPeakKib[0] / 1024.0, "MiB");
            }
        }
    }

    private static void print(String name, double value, String unit) {
        System.out.println(String.format(Locale.ROOT, "%s %.4g %s", name, value, unit));
    }

    /** Forgets the random model's generation (Linux: "5" to clear_refs resets VmHWM), so the peak is the engine's. */
    private static void resetPeakRss() {
        System.gc();
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | UnsupportedOperationException e) {
            System.out.println("# peak RSS includes writing the random model: " + e.getMessage());
        }
    }

    /** Resets VmHWM without a GC (called between steps); false where /proc does not allow it. */
    private static boolean clearPeakRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static long peakRssKibOrMinusOne() {
        try {
            return peakRssKib();
        } catch (IOException e) {
            return -1;
        }
    }

    /** The process's peak resident set (VmHWM): weights, activations and the JVM together. */
    private static long peakRssKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /** A snapshot folder with random bf16 transformer weights, a random float32 autoencoder and tiny text encoders. */
    static Path randomSnapshot(Path work, FluxParams p, AutoencoderParams ae) throws IOException {
        Path s = Files.createDirectories(work.resolve("snapshot"));
        Random r = new Random(3);
        SafetensorsWriter transformer = new SafetensorsWriter();
        p.expectedShapes().forEach((name, shape) -> transformer.addBf16(name, shape, random(r, name, shape)));
        transformer.write(s.resolve("flux1-fill-dev.safetensors"));
        SafetensorsWriter autoencoder = new SafetensorsWriter();
        ae.expectedShapes().forEach((name, shape) -> autoencoder.addF32(name, shape, random(r, name, shape)));
        autoencoder.write(s.resolve("ae.safetensors"));
        Files.writeString(Files.createDirectories(s.resolve("transformer")).resolve("config.json"), String.format(
                Locale.ROOT, "{\"in_channels\":384,\"out_channels\":64,\"pooled_projection_dim\":%d,"
                        + "\"joint_attention_dim\":%d,\"num_attention_heads\":%d,\"attention_head_dim\":%d,"
                        + "\"num_layers\":%d,\"num_single_layers\":%d,\"axes_dims_rope\":[%d,%d,%d],"
                        + "\"guidance_embeds\":true}", p.vecInDim(), p.contextInDim(), p.numHeads(),
                p.hiddenSize() / p.numHeads(), p.depth(), p.depthSingleBlocks(), p.axesDim()[0], p.axesDim()[1],
                p.axesDim()[2]));
        TinyTextFolders.write(s, p.vecInDim(), p.contextInDim(), 5);
        return s;
    }

    /** Weights scaled by 1/sqrt(fan in); norm scales around 1; biases small. */
    private static float[] random(Random r, String name, long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        float[] v = new float[(int) n];
        boolean norm = name.contains("norm") || name.endsWith(".scale");
        double std = shape.length == 1 ? 0.02 : 1 / Math.sqrt(n / (double) shape[0]);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((norm ? 1 : 0) + r.nextGaussian() * (norm ? 0.05 : std));
        }
        return v;
    }
}
