package com.maskfill.engine.local.plan;

import com.maskfill.engine.local.nn.WeightStorage;
import com.maskfill.engine.local.transformer.FluxTransformer;
import com.maskfill.engine.local.weights.FluxParams;
import java.util.Locale;

/**
 * Chooses where each component lives from the free GPU and host memory (local-engine.md §4): the transformer in the
 * most precise weight storage that fits beside its activations, else streamed layer by layer from the host; the text
 * encoders on the GPU when they fit beside the transformer (freed after encoding), else on the CPU; the autoencoder
 * decoded in tiles when a whole decode would not fit. Pure arithmetic on given figures, so the decisions are testable.
 */
public final class MemoryPlanner {

    /** Left free on the GPU for the CUDA context, allocator slack and fragmentation. */
    static final long GPU_HEADROOM = 1536L << 20;
    /** Left free on the host for the JVM, the editor and the page cache of memory-mapped weights. */
    static final long HOST_HEADROOM = 2048L << 20;
    /**
     * T5's linear weights are held in float16 (exact for its bf16 weights in the normal range) but it computes in
     * float32: its activations overflow float16 (local-engine.md §0.5). CLIP-L is small and stays float32.
     */
    public static final WeightStorage T5_STORAGE = WeightStorage.FP16;

    private MemoryPlanner() {
    }

    /**
     * @param cuda run on the GPU
     * @param requested the weight storage asked for, or null to choose
     * @param gpuFreeBytes free GPU memory (ignored on the CPU)
     * @param hostFreeBytes free host memory
     * @param width image width in pixels
     * @param height image height in pixels
     * @param textTokens T5 sequence length
     */
    public static MemoryPlan plan(boolean cuda, WeightStorage requested, ModelSizes sizes, long gpuFreeBytes,
            long hostFreeBytes, int width, int height, int textTokens) {
        return plan(cuda, requested, null, sizes, gpuFreeBytes, hostFreeBytes, width, height, textTokens);
    }

    /**
     * As above for a transformer already loaded ({@code loadedStreamed} non-null): its storage and streaming stay as
     * they are and only the text encoders' place and the decode are decided again, for this job's size.
     *
     * @param gpuFreeBytes free GPU memory, counting the loaded transformer's weights as free
     */
    public static MemoryPlan plan(boolean cuda, WeightStorage requested, Boolean loadedStreamed, ModelSizes sizes,
            long gpuFreeBytes, long hostFreeBytes, int width, int height, int textTokens) {
        long activations = transformerActivations(sizes.transformer(), width, height, textTokens);
        long text = sizes.t5Params() * T5_STORAGE.bytesPerWeight() + sizes.clipParams() * 4;
        long vaeWhole = vaeDecodeBytes(sizes.autoencoderChannels(), width, height);
        long budget = cuda ? gpuFreeBytes - GPU_HEADROOM : hostFreeBytes - HOST_HEADROOM;

        WeightStorage storage = requested;
        if (storage == null) {
            storage = WeightStorage.INT8;
            for (WeightStorage s : new WeightStorage[] {WeightStorage.FP32, WeightStorage.FP16}) {
                // on the GPU float32 weights buy nothing over float16 for a bf16 checkpoint but twice the memory
                if (cuda && s == WeightStorage.FP32) {
                    continue;
                }
                if (transformerBytes(sizes, s) + activations <= budget) {
                    storage = s;
                    break;
                }
            }
        }
        long transformer = transformerBytes(sizes, storage);
        boolean streamed = loadedStreamed != null ? loadedStreamed : cuda && transformer + activations > budget;
        // streaming keeps about one double block of weights (the largest layer group) on the GPU at a time
        long onDevice = streamed ? largestBlockBytes(sizes.transformer(), storage) : transformer;
        boolean textOnDevice = cuda && text > 0 && onDevice + text + activationsForText(textTokens) <= budget;
        // the text encoders are freed before decoding, so only the transformer stays beside the decode
        long left = budget - onDevice;
        boolean tiled = vaeWhole > left;

        String where = cuda ? String.format(Locale.ROOT, "GPU with %s free", gib(gpuFreeBytes))
                : String.format(Locale.ROOT, "CPU with %s free", gib(hostFreeBytes));
        String transformerText = "transformer " + storage.id() + " " + gib(transformer)
                + (streamed ? " streamed from host memory layer by layer (slower; it does not fit on the GPU)"
                        : " resident");
        String textText = text == 0 ? "text encoders not needed"
                : cuda ? (textOnDevice ? "text encoders on the GPU, freed after encoding"
                        : "text encoders on the CPU (" + gib(text) + " does not fit beside the transformer)")
                        : "text encoders " + gib(text);
        String vaeText = tiled ? "autoencoder decoded in tiles" : "autoencoder decoded whole";
        String summary = String.format(Locale.ROOT, "%s, %dx%d: %s; %s; %s", where, width, height, transformerText,
                textText, vaeText);
        if (!cuda && transformer + activations > budget) {
            summary += " (warning: this needs about " + gib(transformer + activations + HOST_HEADROOM)
                    + " of host memory; expect swapping)";
        }
        return new MemoryPlan(cuda, storage, textOnDevice, streamed, tiled, summary);
    }

    /** Weights of the transformer held as {@code storage} (biases and norm scales stay float32; they are tiny). */
    public static long transformerBytes(ModelSizes sizes, WeightStorage storage) {
        return sizes.transformerParams() * storage.bytesPerWeight();
    }

    static long largestBlockBytes(FluxParams p, WeightStorage storage) {
        long h = p.hiddenSize();
        long mlp = p.mlpHiddenDim();
        long doubleBlock = 2 * (6 * h * h + 3 * h * h + h * h + 2 * h * mlp);
        return 2 * doubleBlock * storage.bytesPerWeight();
    }

    /**
     * Peak float32 activations of one transformer step: a dozen (L, hidden) buffers, three (L, mlp hidden) ones in a
     * block, the attention scores of one chunk of query rows, and one linear weight converted for its call.
     */
    static long transformerActivations(FluxParams p, int width, int height, int textTokens) {
        long tokens = (long) (width / 16) * (height / 16) + textTokens;
        long h = p.hiddenSize();
        long mlp = p.mlpHiddenDim();
        long scores = 2L * p.numHeads() * Math.min(FluxTransformer.DEFAULT_ATTENTION_CHUNK, tokens) * tokens;
        long convertedWeight = (3 * h + mlp) * h;
        return 4 * (tokens * (12 * h + 3 * mlp) + scores + convertedWeight);
    }

    private static long activationsForText(int textTokens) {
        return 4L * textTokens * 10240 * 8;
    }

    /** A whole decode at full resolution: a few (channels, H, W) buffers and the mid-block attention at H/8 x W/8. */
    static long vaeDecodeBytes(int channels, int width, int height) {
        long pixels = (long) width * height;
        long latentTokens = pixels / 64;
        return 4 * (6 * channels * pixels + latentTokens * latentTokens);
    }

    static String gib(long bytes) {
        if (bytes < 1L << 30) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
}
