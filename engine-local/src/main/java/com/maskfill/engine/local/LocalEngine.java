package com.maskfill.engine.local;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.util.cuda.CudaUtils;
import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.Capabilities;
import com.maskfill.engine.api.engine.Engine;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.EngineInput;
import com.maskfill.engine.api.engine.EngineResult;
import com.maskfill.engine.api.engine.ProgressEvent;
import com.maskfill.engine.api.engine.ProgressListener;
import com.maskfill.engine.api.engine.Timings;
import com.maskfill.engine.api.request.FillRequest;
import com.maskfill.engine.api.request.Lora;
import com.maskfill.engine.local.lora.LoraFile;
import com.maskfill.engine.local.lora.LoraMergedSource;
import com.maskfill.engine.local.natives.PyTorchNatives;
import com.maskfill.engine.local.nn.Int8WeightCache;
import com.maskfill.engine.local.nn.WeightStorage;
import com.maskfill.engine.local.pipeline.FluxFillPipeline;
import com.maskfill.engine.local.plan.MemoryPlan;
import com.maskfill.engine.local.plan.MemoryPlanner;
import com.maskfill.engine.local.plan.ModelSizes;
import com.maskfill.engine.local.text.PromptCache;
import com.maskfill.engine.local.text.PromptEncoder;
import com.maskfill.engine.local.transformer.FluxTransformer;
import com.maskfill.engine.local.vae.Autoencoder;
import com.maskfill.engine.local.vae.TiledDecoder;
import com.maskfill.engine.local.weights.FluxFillCheckpoint;
import com.maskfill.engine.local.weights.TensorSource;
import com.maskfill.engine.local.weights.WeightsException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * FLUX.1 Fill [dev] on this machine through DJL's PyTorch engine. Creating it checks the files (headers only); the
 * first fill loads the transformer and autoencoder as the memory plan says and keeps them; text encoders are loaded
 * for a prompt not yet in the {@link PromptCache} and freed right after. One job at a time.
 */
public final class LocalEngine implements Engine {

    private static final System.Logger LOG = System.getLogger(LocalEngine.class.getName());
    /** The components loaded before the first job: transformer, autoencoder. */
    private static final int LOAD_STAGES = 2;
    /** Tiles of 512 px sharing 64 px, when the plan says a whole decode does not fit. */
    private static final int DECODE_TILE = 64;
    private static final int DECODE_OVERLAP = 8;

    private final LocalEngineOptions options;
    private final LocalModelFiles files;
    private final Capabilities capabilities;
    /** Both set by the first fill, once PyTorch's native libraries are in place: DJL loads them on first use. */
    private Device device;
    private NDManager manager;
    private final LocalModelFiles.Opened model;
    private final ModelSizes sizes;
    private final PromptCache prompts;
    private FluxTransformer transformer;
    /** The LoRAs merged into the loaded transformer, and their identity (files, sizes, times, strengths). */
    private List<LoraMergedSource.Applied> loras = List.of();
    private String transformerLoras = "";
    private Autoencoder autoencoder;
    /** The last job's plan; told to the user as a progress event ("Memory plan: ..."). */
    private MemoryPlan plan;
    private int textEncoderRuns;
    /** Sees every fill's latent and decoded floats; for parity tests and diagnostics. */
    private Consumer<FluxFillPipeline.Output> outputs = output -> { };
    /** Null until needed: the real one reads the class path and the machine. */
    private PyTorchNatives natives;

    LocalEngine(LocalEngineOptions options) throws EngineException {
        this.options = options;
        this.files = LocalModelFiles.resolve(options);
        this.capabilities = LocalEngineProvider.capabilities(options.minSide());
        try {
            this.model = files.open();
        } catch (WeightsException e) {
            throw new EngineException(EngineException.Category.INVALID_INPUT,
                    "The local engine cannot use its model files: " + e.getMessage(), null, e);
        }
        FluxFillCheckpoint checkpoint = model.checkpoint();
        this.sizes = new ModelSizes(ModelSizes.parameters(checkpoint.transformer()), checkpoint.transformerParams(),
                ModelSizes.parameters(model.t5()), ModelSizes.parameters(model.clip()),
                ModelSizes.parameters(checkpoint.autoencoder()), checkpoint.autoencoderParams().ch());
        this.prompts = new PromptCache(options.cacheDir() == null ? null : options.cacheDir().resolve("prompts"),
                files.textEncoderIdentity(), options.maxSequenceLength());
    }

    /**
     * Fetches PyTorch's native libraries if this machine lacks them (DOWNLOADING events with bytes), then loads DJL's
     * engine and checks the device. Only the first fill does anything.
     */
    private void startRuntime(ProgressListener progress, Cancellation cancellation) throws EngineException {
        if (manager != null) {
            return;
        }
        if (natives == null) {
            natives = PyTorchNatives.forThisMachine();
        }
        natives.prepare(options.cacheDir(), options.nativeUrl(), options.nativeDigests(), options.nativeFlavor(),
                options.cuda(), (received, total) -> progress.onProgress(ProgressEvent.downloading(received, total)
                        .withDetail("PyTorch's native libraries")),
                cancellation);
        try {
            Device chosen = device(options);
            manager = NDManager.newBaseManager(chosen);
            device = chosen;
        } catch (LinkageError e) {
            // a library that does not load is not a RuntimeException; say which libraries DJL used
            throw new EngineException(EngineException.Category.PROVIDER_FAILED, "PyTorch's native libraries did not "
                    + "load (" + e.getMessage() + ") from "
                    + System.getProperty(PyTorchNatives.LIBRARY_PATH, "DJL's cache folder"), e.toString(), e);
        }
    }

    private static Device device(LocalEngineOptions options) throws EngineException {
        if (!options.cuda()) {
            return Device.cpu();
        }
        int gpus = ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount();
        if (options.cudaIndex() >= gpus) {
            throw new EngineException(EngineException.Category.INVALID_INPUT, "device = cuda:" + options.cudaIndex()
                    + " is not available: PyTorch sees " + gpus + " CUDA GPU(s)"
                    + (gpus == 0 ? " (is the CPU build of PyTorch on the class path, or the driver missing?)" : ""));
        }
        return Device.gpu(options.cudaIndex());
    }

    /**
     * Image {@code index} of a job is seeded with the job's seed + index, so each image is a one-image job of its
     * own seed (re-run alone, it comes back). The noise reads only the seed's low 32 bits, so wrapping within
     * 0–{@link FillRequest#MAX_SEED} keeps the same noise and a seed every request accepts.
     */
    static long imageSeed(long jobSeed, int index) {
        return (jobSeed + index) & FillRequest.MAX_SEED;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public synchronized EngineResult fill(EngineInput input, ProgressListener progress, Cancellation cancellation)
            throws EngineException {
        long started = System.nanoTime();
        cancellation.throwIfCancelled();
        try {
            startRuntime(progress, cancellation);
            chooseLoras(input.loras());
            plan = plan(input);
            LOG.log(System.Logger.Level.INFO, "local engine memory plan: " + plan.summary());
            progress.onProgress(ProgressEvent.preparing("Memory plan: " + plan.summary()));
            load(progress, cancellation);
            FluxFillPipeline pipeline = new FluxFillPipeline(transformer, autoencoder,
                    plan.vaeTiled() ? new TiledDecoder(autoencoder, DECODE_TILE, DECODE_OVERLAP) : null);
            EngineResult.Builder result = EngineResult.builder().seed(input.seed());
            List<Long> imageSeeds = new ArrayList<>();
            BufferedImage mask = input.mask().toImage();
            int total = input.steps() * input.imageCount();
            try (NDManager job = manager.newSubManager()) {
                NDArray[] conditioning = conditioning(job, input.prompt(), progress, cancellation);
                for (int i = 0; i < input.imageCount(); i++) {
                    int done = i * input.steps();
                    FluxFillPipeline.Settings settings = new FluxFillPipeline.Settings(input.steps(),
                            (float) input.guidance(), imageSeed(input.seed(), i),
                            options.precision().referenceRounding(), options.noise());
                    FluxFillPipeline.Output output = pipeline.run(input.image(), mask, conditioning[0],
                            conditioning[1], settings,
                            (step, steps) -> progress.onProgress(ProgressEvent.running(done + step, total)),
                            cancellation::isCancelled);
                    outputs.accept(output);
                    result.addImage(output.image());
                    imageSeeds.add(imageSeed(input.seed(), i));
                }
            }
            result.imageSeeds(imageSeeds);
            Duration inference = Duration.ofNanos(System.nanoTime() - started);
            return result.timings(Timings.of(Duration.ZERO, inference, null)).build();
        } catch (CancellationException e) {
            throw EngineException.cancelled();
        } catch (WeightsException | IOException e) {
            throw new EngineException(EngineException.Category.INVALID_INPUT,
                    "The local engine cannot use its model files: " + e.getMessage(), null, e);
        } catch (RuntimeException e) {
            throw new EngineException(EngineException.Category.PROVIDER_FAILED, "The local engine failed: "
                    + e.getMessage() + (plan == null ? "" : " (memory plan: " + plan.summary() + ")"),
                    e.toString(), e);
        }
    }

    /**
     * Reads the job's LoRA files when they are not the ones the loaded transformer carries, and then drops that
     * transformer: the next load merges the new set. Every LoRA is a file on this machine.
     *
     * @throws WeightsException naming the LoRA file and its first tensor that does not fit the transformer
     */
    private void chooseLoras(List<Lora> wanted) throws EngineException {
        StringBuilder id = new StringBuilder();
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            String source = wanted.get(i).source();
            if (source.matches("(?i)[a-z][a-z0-9+.-]*://.*")) {
                throw new EngineException(EngineException.Category.INVALID_INPUT, "loras[" + i + "] = \"" + source
                        + "\": the local engine reads LoRA files from this computer; download it and give its path");
            }
            Path file = Path.of(source);
            if (!Files.isRegularFile(file)) {
                throw new EngineException(EngineException.Category.INVALID_INPUT, "loras[" + i + "] = \"" + source
                        + "\": no such file");
            }
            paths.add(file);
            id.append(LocalModelFiles.identity(file)).append("x ").append(wanted.get(i).scale()).append('\n');
        }
        if (id.toString().equals(transformerLoras)) {
            return;
        }
        List<LoraMergedSource.Applied> read = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            read.add(new LoraMergedSource.Applied(LoraFile.read(paths.get(i), model.checkpoint().transformerParams()),
                    wanted.get(i).scale()));
        }
        if (transformer != null) {
            transformer.close();
            transformer = null;
        }
        loras = List.copyOf(read);
        transformerLoras = id.toString();
    }

    /** Before the first load everything is decided; afterwards the loaded transformer stays as it is. */
    private MemoryPlan plan(EngineInput input) {
        if (transformer == null) {
            return MemoryPlanner.plan(options.cuda(), options.weightStorage(), sizes, gpuFreeBytes(), hostFreeBytes(),
                    input.width(), input.height(), options.maxSequenceLength());
        }
        long loaded = MemoryPlanner.transformerBytes(sizes, plan.storage());
        return MemoryPlanner.plan(options.cuda(), plan.storage(), plan.transformerStreamed(), sizes,
                gpuFreeBytes() + (plan.transformerStreamed() ? 0 : loaded),
                hostFreeBytes() + (options.cuda() ? 0 : loaded), input.width(), input.height(),
                options.maxSequenceLength());
    }

    /** Loads what is not loaded yet, reporting each component as a preparing step of {@link #LOAD_STAGES}. */
    private void load(ProgressListener progress, Cancellation cancellation) throws EngineException {
        if (transformer == null) {
            // Which files: a model found in the Hugging Face cache, or one of several folders, is named before it loads.
            progress.onProgress(ProgressEvent.preparing("Model files: " + files.describe()));
            progress.onProgress(ProgressEvent.preparing("Loading the transformer", 0, LOAD_STAGES));
            cancellation.throwIfCancelled();
            DataType compute = options.precision() == LocalEngineOptions.Precision.FP16 ? DataType.FLOAT16
                    : DataType.FLOAT32;
            try (Int8WeightCache int8 = int8Cache()) {
                // LoRAs are merged as the weights are read, before any conversion (fp16, int8)
                TensorSource weights = loras.isEmpty() ? model.checkpoint().transformer()
                        : new LoraMergedSource(model.checkpoint().transformer(), loras);
                transformer = FluxTransformer.load(manager, weights, model.checkpoint().transformerParams(),
                        plan.storage(), compute, plan.transformerStreamed(), int8, cancellation::isCancelled);
                if (int8 != null) {
                    int8.finish();
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "int8 weight cache not written: " + e.getMessage());
            }
        }
        if (autoencoder == null) {
            progress.onProgress(ProgressEvent.preparing("Loading the autoencoder", 1, LOAD_STAGES));
            cancellation.throwIfCancelled();
            autoencoder = Autoencoder.load(manager, model.checkpoint().autoencoder(),
                    model.checkpoint().autoencoderParams());
        }
        progress.onProgress(ProgressEvent.preparing("Model loaded", LOAD_STAGES, LOAD_STAGES));
        cancellation.throwIfCancelled();
    }

    /**
     * With int8 storage and a cache folder: {@code <cache-dir>/weights/<hash of the transformer files>-int8.safetensors};
     * null (converting without a cache) when there is none, it cannot be opened, or LoRAs are merged: a cache never
     * stops a load, and never holds merged weights.
     */
    private Int8WeightCache int8Cache() {
        if (plan.storage() != WeightStorage.INT8 || options.cacheDir() == null) {
            return null;
        }
        if (!loras.isEmpty()) {
            // one cache per LoRA set and strength would cost a whole transformer of disk each: convert afresh
            return null;
        }
        Path file = options.cacheDir().resolve("weights")
                .resolve(PromptCache.sha256(files.transformerIdentity()).substring(0, 24) + "-int8.safetensors");
        try {
            return Int8WeightCache.open(file, model.checkpoint().transformerParams().linearLayers());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "int8 weight cache " + file + " not used: " + e.getMessage());
            return null;
        }
    }

    /** T5 states and CLIP's pooled vector for the prompt, from the cache or the text encoders, in {@code job}. */
    private NDArray[] conditioning(NDManager job, String prompt, ProgressListener progress, Cancellation cancellation)
            throws IOException, EngineException {
        PromptCache.Entry entry = prompts.find(prompt).orElse(null);
        if (entry == null) {
            progress.onProgress(ProgressEvent.preparing("Encoding the prompt"));
            cancellation.throwIfCancelled();
            entry = encode(prompt);
            prompts.store(prompt, entry);
            cancellation.throwIfCancelled();
        }
        return new NDArray[] {job.create(entry.txt(), entry.txtShape()), job.create(entry.vec(), entry.vecShape())};
    }

    private PromptCache.Entry encode(String prompt) throws IOException {
        Device textDevice = plan.textOnDevice() ? device : Device.cpu();
        try (NDManager text = NDManager.newBaseManager(textDevice);
                PromptEncoder encoder = PromptEncoder.load(text, model.clip(), files.clipConfig(),
                        files.clipTokenizer(), model.t5(), files.t5Config(), files.t5Tokenizer(),
                        options.maxSequenceLength(), MemoryPlanner.T5_STORAGE)) {
            PromptEncoder.Embedding e = encoder.encode(text, prompt);
            textEncoderRuns++;
            return new PromptCache.Entry(e.txt().toFloatArray(), e.txt().getShape(), e.vec().toFloatArray(),
                    e.vec().getShape());
        }
    }

    /** How many times the text encoders ran (a cached prompt does not count). */
    synchronized int textEncoderRuns() {
        return textEncoderRuns;
    }

    /** Replaces how native libraries are found and fetched (tests: a fake download site). */
    synchronized void nativesFrom(PyTorchNatives replacement) {
        this.natives = replacement;
    }

    synchronized void onOutput(Consumer<FluxFillPipeline.Output> listener) {
        this.outputs = listener;
    }

    synchronized PromptCache promptCache() {
        return prompts;
    }

    /** The arrays the engine's manager holds (weights and anything a job left behind). */
    synchronized int liveArrays() {
        return manager == null ? 0 : ((ai.djl.ndarray.BaseNDManager) manager).getManagedArrays().size();
    }

    private long gpuFreeBytes() {
        if (!device.isGpu()) {
            return 0;
        }
        java.lang.management.MemoryUsage usage = CudaUtils.getGpuMemory(device);
        return usage.getMax() - usage.getUsed();
    }

    /** MemAvailable from /proc/meminfo where there is one (it counts reclaimable page cache), else the OS's free. */
    static long hostFreeBytes() {
        Path meminfo = Path.of("/proc/meminfo");
        if (Files.isReadable(meminfo)) {
            try {
                for (String line : Files.readAllLines(meminfo)) {
                    if (line.startsWith("MemAvailable:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // fall through to the MXBean
            }
        }
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getFreeMemorySize();
    }

    @Override
    public synchronized void close() {
        if (transformer != null) {
            transformer.close();
        }
        if (autoencoder != null) {
            autoencoder.close();
        }
        model.close();
        if (manager != null) {
            manager.close();
        }
    }
}
