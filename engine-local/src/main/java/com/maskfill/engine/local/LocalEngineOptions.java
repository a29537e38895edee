package com.maskfill.engine.local;

import com.maskfill.engine.api.engine.EndpointPolicy;
import com.maskfill.engine.api.engine.EngineContext;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.model.HubCache;
import com.maskfill.engine.local.nn.WeightStorage;
import com.maskfill.engine.local.natives.NativeLibraries;
import com.maskfill.engine.local.natives.PyTorchNatives;
import com.maskfill.engine.local.sampling.NoiseConvention;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The local engine's settings, read from {@link EngineContext#option(String)}. Every key is listed here with its
 * meaning; the command line uses the same words ({@code --model-dir}, {@code --device}, ...).
 *
 * @param modelDir {@value #MODEL_DIR}: a snapshot of black-forest-labs/FLUX.1-Fill-dev (or null)
 * @param transformer {@value #TRANSFORMER}: the transformer file, overriding the model folder's
 * @param autoencoder {@value #AE}: the autoencoder file ({@code ae.safetensors})
 * @param clip {@value #CLIP}: CLIP-L text encoder weights
 * @param t5 {@value #T5}: T5-XXL encoder weights (a file or a {@code .safetensors.index.json})
 * @param clipTokenizer {@value #CLIP_TOKENIZER}: folder with CLIP's vocab.json and merges.txt
 * @param t5Tokenizer {@value #T5_TOKENIZER}: folder with T5's tokenizer.json
 * @param cudaIndex {@value #DEVICE}: -1 for the CPU ({@code cpu}, the default), else the GPU ({@code cuda},
 *     {@code cuda:N})
 * @param precision {@value #PRECISION}: default {@code bf16-reference}, the reference's picture
 * @param weightStorage {@value #WEIGHT_STORAGE}: null = chosen by the memory planner
 * @param maxSequenceLength {@value #MAX_SEQUENCE_LENGTH}: T5 tokens, 2–512 (one word and the end token at least), default 512
 * @param noise {@value #NOISE}
 * @param cacheDir {@value #CACHE_DIR}: where encoded prompts are kept (null: memory only)
 * @param hubCache {@value #HUB_CACHE}: the Hugging Face hub cache searched for a snapshot when no model folder is
 *     given (default: {@code HF_HUB_CACHE}, else {@code $HF_HOME/hub}, as huggingface_hub finds it)
 * @param minSide {@value #MIN_SIDE}: the smallest side sent to the model, 16–2048, default 256
 * @param nativeUrl {@value #NATIVE_URL}: where PyTorch's native libraries are downloaded from (DJL's site by default;
 *     a mirror, or a test server): https, or plain http to this machine only
 * @param nativeDigests {@value #NATIVE_SHA256}: a {@code sha256sum} file ({@code <sha256>  <file name>} a line) with
 *     the digests of libraries this program has none pinned for (null: only the pinned ones)
 * @param comfyUiDir {@value #COMFYUI_DIR}: a ComfyUI installation (or its {@code models} folder) whose FLUX.1 Fill
 *     files are used when no model folder is given (see {@link ComfyUiFolder}); null: none
 * @param nativeFlavor {@value #NATIVE_FLAVOR}: {@code cpu} or {@code cu128}; null = cu128 when {@code device} is a
 *     GPU and an NVIDIA driver is installed, else cpu
 */
public record LocalEngineOptions(Path modelDir, Path transformer, Path autoencoder, Path clip, Path t5,
        Path clipTokenizer, Path t5Tokenizer, int cudaIndex, Precision precision, WeightStorage weightStorage,
        int maxSequenceLength, NoiseConvention noise, Path cacheDir, int minSide, URI nativeUrl, Path nativeDigests,
        String nativeFlavor, Path hubCache, Path comfyUiDir) {

    public static final String MODEL_DIR = "model-dir";
    public static final String TRANSFORMER = "transformer";
    public static final String AE = "ae";
    public static final String CLIP = "clip";
    public static final String T5 = "t5";
    public static final String CLIP_TOKENIZER = "clip-tokenizer";
    public static final String T5_TOKENIZER = "t5-tokenizer";
    public static final String DEVICE = "device";
    public static final String PRECISION = "precision";
    public static final String WEIGHT_STORAGE = "weight-storage";
    public static final String MAX_SEQUENCE_LENGTH = "max-sequence-length";
    public static final String NOISE = "noise";
    public static final String CACHE_DIR = "cache-dir";
    public static final String MIN_SIDE = "min-side";
    public static final String NATIVE_URL = "native-url";
    public static final String NATIVE_FLAVOR = "native-flavor";
    public static final String NATIVE_SHA256 = "native-sha256";
    public static final String HUB_CACHE = "hub-cache";
    public static final String COMFYUI_DIR = "comfyui-dir";

    public static final int DEFAULT_MAX_SEQUENCE_LENGTH = 512;
    public static final int DEFAULT_MIN_SIDE = 256;

    /**
     * How the model computes (local-engine.md §3.3) and whether it rounds as the bf16 reference does. The default,
     * {@link #BF16_REFERENCE}, gives the reference implementation's picture for a seed: its roundings of the timestep
     * and guidance scalars (§2.7) and of the conditioning cost nothing, yet without them a fill is several levels off.
     */
    public enum Precision {
        /** Exact float32 throughout, no reference roundings: reproduces the reference's fp32 run, not its bf16 one. */
        FP32("fp32", false),
        /**
         * float16 linear layers with the residual stream in float32 and an overflow guard (GPU; ~100x slower on CPU),
         * with the reference's roundings: close to the reference's picture, not equal.
         */
        FP16("fp16", true),
        /** float32 plus the bf16 reference's roundings of scalars and conditioning: same seed, same picture. */
        BF16_REFERENCE("bf16-reference", true);

        /** What an unset {@value #PRECISION} means: the policy that matches the reference. */
        public static final Precision DEFAULT = BF16_REFERENCE;

        private final String id;
        private final boolean referenceRounding;

        Precision(String id, boolean referenceRounding) {
            this.id = id;
            this.referenceRounding = referenceRounding;
        }

        public String id() {
            return id;
        }

        /** Whether scalars and conditioning are rounded to bf16 as the reference rounds them. */
        public boolean referenceRounding() {
            return referenceRounding;
        }
    }

    public boolean cuda() {
        return cudaIndex >= 0;
    }

    /**
     * @throws EngineException {@link EngineException.Category#INVALID_INPUT} naming every option that is wrong, with
     *     its value and what is allowed
     */
    public static LocalEngineOptions from(EngineContext context) throws EngineException {
        List<String> problems = new ArrayList<>();
        Reader r = new Reader(context, problems);
        LocalEngineOptions options = new LocalEngineOptions(r.path(MODEL_DIR), r.path(TRANSFORMER), r.path(AE),
                r.path(CLIP), r.path(T5), r.path(CLIP_TOKENIZER), r.path(T5_TOKENIZER), r.device(), r.precision(),
                r.storage(), r.integer(MAX_SEQUENCE_LENGTH, DEFAULT_MAX_SEQUENCE_LENGTH, 2, 512), r.noise(),
                r.path(CACHE_DIR), r.integer(MIN_SIDE, DEFAULT_MIN_SIDE, 16, 2048), r.nativeUrl(), r.file(NATIVE_SHA256),
                r.nativeFlavor(), Optional.ofNullable(r.path(HUB_CACHE))
                        .orElseGet(() -> HubCache.fromEnvironment(System.getenv()).root()), r.path(COMFYUI_DIR));
        if (!problems.isEmpty()) {
            throw new EngineException(EngineException.Category.INVALID_INPUT,
                    "Local engine settings: " + String.join("; ", problems));
        }
        return options;
    }

    /** Reads options, collecting every problem rather than stopping at the first. */
    private record Reader(EngineContext context, List<String> problems) {

        Optional<String> value(String key) {
            return context.option(key).map(String::strip).filter(v -> !v.isEmpty());
        }

        Path path(String key) {
            return value(key).map(Path::of).orElse(null);
        }

        Path file(String key) {
            Path p = path(key);
            if (p != null && !Files.isRegularFile(p)) {
                problems.add(key + " = \"" + p + "\": no such file");
            }
            return p;
        }

        int integer(String key, int fallback, int min, int max) {
            Optional<String> v = value(key);
            if (v.isEmpty()) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(v.get());
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problems.add(key + " = \"" + v.get() + "\" is out of range: allowed " + min + "–" + max);
            return fallback;
        }

        int device() {
            String v = value(DEVICE).orElse("cpu").toLowerCase(Locale.ROOT);
            if (v.equals("cpu")) {
                return -1;
            }
            if (v.equals("cuda") || v.equals("gpu")) {
                return 0;
            }
            if (v.matches("cuda:\\d{1,2}")) {
                return Integer.parseInt(v.substring(5));
            }
            problems.add(DEVICE + " = \"" + v + "\" is not supported: allowed cpu, cuda, cuda:N");
            return -1;
        }

        Precision precision() {
            String v = value(PRECISION).orElse(Precision.DEFAULT.id).toLowerCase(Locale.ROOT);
            for (Precision p : Precision.values()) {
                if (p.id.equals(v)) {
                    return p;
                }
            }
            problems.add(PRECISION + " = \"" + v + "\" is not supported: allowed "
                    + String.join(", ", Arrays.stream(Precision.values()).map(Precision::id).toList()));
            return Precision.DEFAULT;
        }

        WeightStorage storage() {
            String v = value(WEIGHT_STORAGE).orElse("auto").toLowerCase(Locale.ROOT);
            if (v.equals("auto")) {
                return null;
            }
            for (WeightStorage s : WeightStorage.values()) {
                if (s.id().equals(v)) {
                    return s;
                }
            }
            problems.add(WEIGHT_STORAGE + " = \"" + v + "\" is not supported: allowed auto, fp32, fp16, int8");
            return null;
        }

        URI nativeUrl() {
            Optional<String> v = value(NATIVE_URL);
            if (v.isEmpty()) {
                return NativeLibraries.DEFAULT_BASE;
            }
            Optional<String> problem = EndpointPolicy.problemWith(v.get());
            if (problem.isEmpty()) {
                return URI.create(v.get());
            }
            problems.add(NATIVE_URL + " = \"" + v.get() + "\": " + problem.get());
            return NativeLibraries.DEFAULT_BASE;
        }

        String nativeFlavor() {
            String v = value(NATIVE_FLAVOR).orElse("auto").toLowerCase(Locale.ROOT);
            if (v.equals("auto")) {
                return null;
            }
            if (v.equals(PyTorchNatives.CPU) || v.equals(PyTorchNatives.CU128)) {
                return v;
            }
            problems.add(NATIVE_FLAVOR + " = \"" + v + "\" is not supported: allowed auto, cpu, cu128");
            return null;
        }

        NoiseConvention noise() {
            try {
                return NoiseConvention.fromId(value(NOISE).orElse("reference"));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
                return NoiseConvention.REFERENCE;
            }
        }
    }
}
