package com.maskfill.app.cli;

import com.maskfill.app.jobs.PriceCeiling;
import com.maskfill.app.project.JobSettings;
import com.maskfill.app.project.ProjectFile;
import com.maskfill.app.project.ProjectFileException;
import com.maskfill.app.project.ResultGroup;
import com.maskfill.app.project.ResultGroups;
import com.maskfill.app.settings.SettingsStore;
import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.CredentialSource;
import com.maskfill.engine.api.engine.Engine;
import com.maskfill.engine.api.engine.EngineContext;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.EngineSetting;
import com.maskfill.engine.api.engine.PriceEstimate;
import com.maskfill.engine.api.engine.SubmittedJob;
import com.maskfill.engine.api.engine.EngineProvider;
import com.maskfill.engine.api.engine.EngineProviders;
import com.maskfill.engine.api.image.DecodedImage;
import com.maskfill.engine.api.image.ImageDecoder;
import com.maskfill.engine.api.image.ImageLoadException;
import com.maskfill.engine.api.pipeline.FillPipeline;
import com.maskfill.engine.api.pipeline.FillResult;
import com.maskfill.engine.api.pipeline.MaskOps;
import com.maskfill.engine.api.request.FillRequest;
import com.maskfill.engine.api.request.InvalidRequestException;
import com.maskfill.engine.api.request.Lora;
import com.maskfill.engine.api.request.Mask;
import com.maskfill.engine.api.request.WorkResolution;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code maskfill generate}: one fill job, headless. Progress goes to stderr, results to the --out file(s),
 * and with --json a summary to stdout. The exit code says how it ended (see {@link ExitCode}).
 */
@Command(name = "generate",
        mixinStandardHelpOptions = true,
        description = "Fill the masked area of an image with FLUX.1 Fill, without opening the editor.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done",
            "2:invalid input or usage, or a price above --max-price or unknown (nothing was sent)",
            "3:failed at the provider (its message is printed)",
            "4:network failure or timeout",
            "5:authentication refused",
            "6:the result could not be written where asked (it was kept in a file named on stderr)",
            "130:cancelled (Ctrl+C)"})
public final class GenerateCommand implements Callable<Integer> {

    /** How long Ctrl+C waits for the job to reach the provider's cancel call before the JVM exits. */
    private static final Duration CANCEL_GRACE = Duration.ofSeconds(15);

    @Spec
    CommandSpec spec;

    @Option(names = "--engine", required = true, paramLabel = "ID",
            description = "Engine to run the job on: ${COMPLETION-CANDIDATES}.",
            completionCandidates = EngineIds.class)
    String engineId;

    @Option(names = "--image", required = true, paramLabel = "PATH", description = "The source image.")
    Path imagePath;

    @Option(names = "--mask", required = true, paramLabel = "PATH",
            description = "The mask: white = regenerate, black = keep, grey = partial. Scaled to the image if its "
                    + "size differs.")
    Path maskPath;

    @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "What should appear.")
    String prompt;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "" + FillRequest.DEFAULT_STEPS,
            description = "Denoising steps, 1–50 (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--guidance", paramLabel = "X",
            description = "Guidance (default: the engine's own; FLUX.1 Fill [dev] expects about 30, Black Forest "
                    + "Labs' Fill [pro] 60).")
    Double guidance;

    @Option(names = "--max-price", paramLabel = "AMOUNT",
            description = "Refuse, before sending anything, a job whose estimate is above AMOUNT (US dollars, or "
                    + "\"AMOUNT UNIT\"), or whose price is unknown.")
    String maxPrice;

    @Option(names = "--seed", paramLabel = "N", description = "Seed, 0–4294967295 (default: random; the seed "
            + "used is reported).")
    Long seed;

    @Option(names = "--num-images", paramLabel = "N", defaultValue = "1", description = "Images, 1–4 (default: 1).")
    int imageCount;

    @Option(names = "--size", paramLabel = "WxH|N",
            description = "Working size: the longest side of the crop sent to the engine (WxH uses the larger).")
    String size;

    @Option(names = "--lora", paramLabel = "PATH:SCALE", description = "A LoRA and its scale 0–4 (at most 3).")
    List<String> loras = new ArrayList<>();

    @Option(names = "--no-safety-checker", description = "Turn the provider's safety checker off where allowed.")
    boolean noSafetyChecker;

    @Option(names = "--color-match", paramLabel = "on|off", defaultValue = "on",
            description = "on: match each result's colours to the photo around the mask before pasting it back, "
                    + "where the photo shows the drift (default); off: paste the results as the engine made them.")
    String colorMatch;

    @Option(names = "--resolution", paramLabel = "model|as-is", defaultValue = "model",
            description = "model: send a small area scaled up to the model's working resolution (about one "
                    + "megapixel on hosted FLUX engines) for full detail (default); as-is: at its own size, cheaper "
                    + "where the engine is priced per megapixel. --size overrides both.")
    String resolution;

    @Option(names = "--crop", paramLabel = "auto|none", defaultValue = "auto",
            description = "auto: send only the area around the mask (default); none: send the whole image.")
    String crop;

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "Replace the provider's documented base URL (a proxy or gateway); http only for loopback. "
                    + "Engines that share jobs among servers (comfyui) take several, comma-separated.")
    String endpoint;

    @Option(names = "--model-dir", paramLabel = "DIR",
            description = "Local engine: a download of black-forest-labs/FLUX.1-Fill-dev.")
    String modelDir;

    @Option(names = "--comfyui-dir", paramLabel = "DIR",
            description = "Local engine: a ComfyUI installation whose FLUX.1 Fill files to use (what it lacks comes "
                    + "from the Hugging Face cache).")
    String comfyUiDir;

    @Option(names = "--transformer", paramLabel = "FILE", description = "Local engine: the transformer file.")
    String transformer;

    @Option(names = "--ae", paramLabel = "FILE", description = "Local engine: the autoencoder (ae.safetensors).")
    String autoencoder;

    @Option(names = "--clip", paramLabel = "FILE", description = "Local engine: the CLIP-L text encoder.")
    String clip;

    @Option(names = "--t5", paramLabel = "FILE", description = "Local engine: the T5 XXL text encoder.")
    String t5;

    @Option(names = "--device", paramLabel = "cpu|cuda", description = "Local engine: where it runs.")
    String device;

    @Option(names = "--precision", paramLabel = "bf16-reference|fp32|fp16",
            description = "Local engine: arithmetic precision (default bf16-reference, the reference's picture).")
    String precision;

    @Option(names = "--max-sequence-length", paramLabel = "N",
            description = "Local engine: T5 prompt tokens, 2–512 (default 512).")
    String maxSequenceLength;

    @Option(names = "--option", paramLabel = "KEY=VALUE",
            description = "Any other engine setting (see the engine's documentation), e.g. weight-storage=int8.")
    Map<String, String> engineOptions = new java.util.LinkedHashMap<>();

    @Option(names = "--out", required = true, paramLabel = "FILE.png",
            description = "Where to write the result; with several images FILE-1.png, FILE-2.png, …")
    Path out;

    @Option(names = "--project", paramLabel = "FILE.maskfill",
            description = "Also add the results to this project as a new group of layers, to review them in the "
                    + "editor (the project is created when it does not exist).")
    Path project;

    @Option(names = "--resume-job", paramLabel = "ID",
            description = "Fetch the results of a job this engine already accepted (its id was printed when the "
                    + "job was interrupted) instead of submitting: no new charge. Give the same options as before.")
    String resumeJob;

    @Option(names = "--json", description = "Print a JSON summary (engine, job id, seed, outputs, timings, cost) "
            + "on stdout.")
    boolean json;

    private final Supplier<Map<String, String>> environment;

    public GenerateCommand() {
        this(System::getenv);
    }

    /** For tests: the environment the credentials are read from. */
    GenerateCommand(Supplier<Map<String, String>> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        try {
            EngineProvider provider = findProvider();
            if (resumeJob != null && seed == null) {
                throw new UsageProblem("--resume-job needs the --seed the job was sent with (printed beside its id)");
            }
            Optional<PriceCeiling> ceiling = priceCeiling();
            FillRequest request = buildRequest(provider, err);
            // Everything that could refuse the results is checked before the job costs anything.
            OutputFiles.checkWritable("--out", out, request.imageCount());
            if (project != null) {
                checkProject(request.image());
            }
            EngineContext.Builder context = EngineContext.builder()
                    .credentials(CredentialSource.of(environment.get()));
            engineOptions().forEach(context::option);
            endpointUri(provider, context).ifPresent(context::endpoint);
            FillResult result = runCancellable(provider, context.build(), request, ceiling, err);
            Written results = writeResults(request, result, err);
            List<Path> written = results.paths();
            boolean allWhereAsked = results.whereAsked();
            for (Path path : written) {
                err.println("Wrote " + path);
            }
            err.println("Seed " + result.seed());
            if (project != null) {
                try {
                    addToProject(provider, request, result);
                    err.println("Added " + result.layers().size() + " layer(s) to " + project);
                } catch (IOException e) {
                    allWhereAsked = false;
                    err.println("Cannot add the results to " + project + ": " + e.getMessage());
                }
            }
            if (json) {
                stdout.println(JobSummary.json(provider.id(), result, request.loras(), written));
                stdout.flush();
            }
            return allWhereAsked ? ExitCode.DONE : ExitCode.OUTPUT_FAILED;
        } catch (UsageProblem e) {
            err.println("maskfill generate: " + e.getMessage());
            return ExitCode.INVALID_INPUT;
        } catch (EngineException e) {
            err.println(e.getMessage());
            e.providerDetail().ifPresent(detail -> err.println("Provider said: " + detail));
            e.submittedJob().flatMap(SubmittedJob::id).ifPresent(id -> err.println("To fetch its results without a "
                    + "new charge, run the same command with --resume-job " + id + " --seed "
                    + e.submittedJob().get().seed()));
            return ExitCode.of(e.category());
        } catch (IOException e) {
            // Only the results' fallback file can fail this late: nothing else is left to keep them in.
            err.println("Cannot write the result anywhere: " + e.getMessage());
            return ExitCode.OUTPUT_FAILED;
        } finally {
            err.flush();
        }
    }

    /** Where the results went, and whether that is --out. */
    private record Written(List<Path> paths, boolean whereAsked) {
    }

    /** Writes the results to --out or, where it cannot take them now, to temporary files it names on stderr. */
    private Written writeResults(FillRequest request, FillResult result, PrintWriter err) throws IOException {
        try {
            // Composed full size only here, one output at a time: the result itself holds crop-sized layers.
            return new Written(OutputFiles.write(out, result.layers().size(),
                    i -> result.composedOver(request.image(), i)), true);
        } catch (IOException e) {
            List<Path> kept = OutputFiles.writeElsewhere(result.layers().size(),
                    i -> result.composedOver(request.image(), i));
            err.println("Cannot write " + out + ": " + e.getMessage() + ". The result is kept in "
                    + kept.stream().map(Path::toString).collect(Collectors.joining(", ")) + " instead.");
            return new Written(kept, false);
        }
    }

    /**
     * Refuses, before the job runs, a --project that is damaged or holds another photo, or a new one its folder
     * cannot take.
     */
    private void checkProject(BufferedImage image) throws UsageProblem {
        if (!Files.exists(project)) {
            OutputFiles.checkWritable("--project", project, 1);
            return;
        }
        try {
            ProjectFile.checkSamePhoto(ProjectFile.load(project), image);
        } catch (ProjectFileException e) {
            throw new UsageProblem("--project: " + e.getMessage());
        }
    }

    /** Adds the job's results to the project as a new group (reading it again: the editor may have saved it). */
    private void addToProject(EngineProvider provider, FillRequest request, FillResult result) throws IOException {
        ResultGroup group = ResultGroups.fromJob(request, result, provider.id(), provider.displayName(), Instant.now());
        JobSettings settings = JobSettings.of(request, result.seed(), provider.id());
        ProjectFile.append(project, request.image(), request.mask().pixels(), settings, group);
    }

    private EngineProvider findProvider() throws UsageProblem {
        return EngineProviders.find(engineId).orElseThrow(() -> new UsageProblem(
                "no engine \"" + engineId + "\". Installed engines: " + installedIds() + "."));
    }

    private static String installedIds() {
        List<EngineProvider> providers = EngineProviders.discover();
        return providers.isEmpty() ? "none"
                : providers.stream().map(EngineProvider::id).collect(Collectors.joining(", "));
    }

    private Optional<PriceCeiling> priceCeiling() throws UsageProblem {
        try {
            return maxPrice == null ? Optional.empty() : Optional.of(PriceCeiling.parse(maxPrice));
        } catch (IllegalArgumentException e) {
            throw new UsageProblem("--max-price: " + e.getMessage() + ".");
        }
    }

    private FillRequest buildRequest(EngineProvider provider, PrintWriter err) throws UsageProblem {
        BufferedImage image = decode(imagePath, "--image").image();
        Mask mask = Mask.fromImage(decode(maskPath, "--mask").image());
        if (mask.width() != image.getWidth() || mask.height() != image.getHeight()) {
            err.println("Note: the mask is " + mask.width() + " × " + mask.height() + " and the image "
                    + image.getWidth() + " × " + image.getHeight() + "; the mask was scaled to the image.");
            mask = Mask.of(image.getWidth(), image.getHeight(), MaskOps.scale(mask.pixels(), mask.width(),
                    mask.height(), image.getWidth(), image.getHeight()));
        }
        FillRequest.Builder builder = FillRequest.builder()
                .image(image)
                .mask(mask)
                .prompt(prompt)
                .steps(steps)
                .guidance(guidance != null ? guidance : provider.capabilities().defaultGuidance())
                .imageCount(imageCount)
                .safetyChecker(!noSafetyChecker);
        if (seed != null) {
            builder.seed(seed);
        }
        if (size != null) {
            builder.workingSize(parseSize(size));
        }
        for (String lora : loras) {
            builder.addLora(parseLora(lora));
        }
        if (!colorMatch.equals("on") && !colorMatch.equals("off")) {
            throw new UsageProblem("--color-match must be on or off, not \"" + colorMatch + "\".");
        }
        builder.colorMatch(colorMatch.equals("on"));
        if (!resolution.equals("model") && !resolution.equals("as-is")) {
            throw new UsageProblem("--resolution must be model or as-is, not \"" + resolution + "\".");
        }
        builder.workResolution(resolution.equals("model") ? WorkResolution.MODEL : WorkResolution.AS_IS);
        if (!crop.equals("auto") && !crop.equals("none")) {
            throw new UsageProblem("--crop must be auto or none, not \"" + crop + "\".");
        }
        try {
            return builder.build();
        } catch (InvalidRequestException e) {
            throw new UsageProblem(e.getMessage());
        }
    }

    private FillResult runCancellable(EngineProvider provider, EngineContext context, FillRequest request,
                                      Optional<PriceCeiling> ceiling, PrintWriter err) throws EngineException {
        // Ctrl+C: cancel at the provider where it allows it, and give the cancel call time to go out.
        try (CancelOnCtrlC ctrlC = new CancelOnCtrlC(CANCEL_GRACE); Engine engine = provider.create(context)) {
            Cancellation cancellation = ctrlC.cancellation();
            // --crop none: padding larger than any image grows the crop to the whole picture.
            FillPipeline pipeline = crop.equals("none") ? new FillPipeline(Integer.MAX_VALUE / 4,
                    FillPipeline.DEFAULT_FEATHER_RADIUS) : new FillPipeline();
            ProgressPrinter progress = new ProgressPrinter(err);
            if (resumeJob != null) {
                // The seed only labels the results: the provider already drew the images.
                SubmittedJob job = SubmittedJob.accepted(provider.id(), resumeJob, request.seed().orElseThrow());
                return pipeline.resume(engine, provider.id(), request, job, progress, cancellation);
            }
            PriceEstimate estimate = pipeline.estimate(request, engine.capabilities());
            err.println(PriceLine.of(estimate));
            err.flush();
            if (ceiling.isPresent()) {
                checkPrice(estimate, ceiling.get());
            }
            return pipeline.run(engine, request, progress, cancellation);
        }
    }

    /** --max-price: a dearer job, or one of unknown price, is refused before anything is sent. */
    private static void checkPrice(PriceEstimate estimate, PriceCeiling ceiling) throws EngineException {
        String problem = switch (ceiling.check(estimate)) {
            case WITHIN -> null;
            case ABOVE -> "the estimate " + estimate.text() + " is above --max-price " + ceiling;
            case UNKNOWN -> "the price is unknown (" + estimate.text() + "), and --max-price " + ceiling
                    + " asks for a known one";
        };
        if (problem != null) {
            throw new EngineException(EngineException.Category.INVALID_INPUT,
                    "maskfill generate: " + problem + ". Nothing was sent.");
        }
    }

    /** --option values and the named local-engine flags, as engine options (later flags win). */
    private Map<String, String> engineOptions() {
        Map<String, String> options = new java.util.LinkedHashMap<>(engineOptions);
        Map<String, String> named = new java.util.LinkedHashMap<>();
        named.put("model-dir", modelDir);
        named.put("comfyui-dir", comfyUiDir);
        named.put("transformer", transformer);
        named.put("ae", autoencoder);
        named.put("clip", clip);
        named.put("t5", t5);
        named.put("device", device);
        named.put("precision", precision);
        named.put("max-sequence-length", maxSequenceLength);
        named.forEach((key, value) -> {
            if (value != null) {
                options.put(key, value);
            }
        });
        options.putIfAbsent("cache-dir", SettingsStore.forCurrentUser().cacheDirectory().toString());
        // The local engine looks there for a downloaded model when no --model-dir is given (HF_HOME, HF_HUB_CACHE).
        options.putIfAbsent("hub-cache", com.maskfill.engine.api.model.HubCache.fromEnvironment(environment.get())
                .root().toString());
        return options;
    }

    /** The first --endpoint URL; the others go to the engine's list of more servers, where it has one. */
    private Optional<URI> endpointUri(EngineProvider provider, EngineContext.Builder context) throws UsageProblem {
        if (endpoint == null) {
            return Optional.empty();
        }
        List<String> urls = java.util.Arrays.stream(endpoint.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        if (urls.size() > 1) {
            if (provider.capabilities().settings().stream()
                    .noneMatch(s -> s.key().equals(EngineSetting.MORE_SERVERS))) {
                throw new UsageProblem("--endpoint takes one URL for the engine " + provider.id());
            }
            context.option(EngineSetting.MORE_SERVERS, String.join(",", urls.subList(1, urls.size())));
        }
        String first = urls.isEmpty() ? endpoint : urls.get(0);
        try {
            URI uri = new URI(first);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new UsageProblem("--endpoint must be an absolute URL such as https://gateway.example.com, not \""
                        + endpoint + "\".");
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            throw new UsageProblem("--endpoint is not a valid URL: " + e.getMessage());
        }
    }

    private static DecodedImage decode(Path path, String option) throws UsageProblem {
        try {
            return ImageDecoder.decode(path);
        } catch (ImageLoadException e) {
            throw new UsageProblem(option + ": " + e.getMessage());
        }
    }

    static int parseSize(String text) throws UsageProblem {
        String[] parts = text.toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            if (parts.length == 1) {
                return Integer.parseInt(parts[0].trim());
            }
            if (parts.length == 2) {
                return Math.max(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageProblem("--size must be WxH or N (pixels), e.g. 1024x768, not \"" + text + "\".");
    }

    static Lora parseLora(String text) throws UsageProblem {
        int colon = text.lastIndexOf(':');
        if (colon > 0 && colon < text.length() - 1) {
            try {
                return Lora.of(text.substring(0, colon), Double.parseDouble(text.substring(colon + 1)));
            } catch (NumberFormatException e) {
                // reported below
            } catch (IllegalArgumentException e) {
                throw new UsageProblem("--lora " + text + ": " + e.getMessage());
            }
        }
        throw new UsageProblem("--lora must be PATH:SCALE or URL:SCALE, e.g. style.safetensors:0.8, not \""
                + text + "\".");
    }

    /** Bad command-line input: exit code 2 with the message. */
    static final class UsageProblem extends Exception {
        UsageProblem(String message) {
            super(message);
        }
    }

    /** The ids of the installed engines, for --help. */
    static final class EngineIds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return EngineProviders.discover().stream().map(EngineProvider::id).iterator();
        }
    }
}
