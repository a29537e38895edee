package com.maskfill.app.cli;

import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.model.DownloadPlan;
import com.maskfill.engine.api.model.DownloadProgress;
import com.maskfill.engine.api.model.HubCache;
import com.maskfill.engine.api.model.HubSettings;
import com.maskfill.engine.api.model.ModelDownloader;
import com.maskfill.engine.api.model.ModelSelection;
import com.maskfill.engine.api.model.RepoFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code maskfill models}: the local engine's model files in the Hugging Face cache ({@code $HF_HOME/hub}), shared
 * with huggingface-cli, diffusers and ComfyUI. Reads HF_ENDPOINT, HF_TOKEN and HF_HOME like huggingface_hub.
 */
@Command(name = "models",
        mixinStandardHelpOptions = true,
        description = "List, download and verify the local engine's model (FLUX.1 Fill [dev]) in the Hugging Face "
                + "cache.",
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Download.class, ModelsCommand.Verify.class,
            ModelsCommand.Where.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done",
            "2:invalid input or usage (also: not enough disk space)",
            "3:a file's checksum differs, or the Hub failed",
            "4:network failure, or HF_HUB_OFFLINE is set",
            "5:authentication (gated repository, token refused)",
            "130:cancelled (Ctrl+C); a download resumes where it stopped"})
public final class ModelsCommand implements Callable<Integer> {

    private static final Duration CANCEL_GRACE = Duration.ofSeconds(10);

    @Spec
    CommandSpec spec;

    private final Supplier<Map<String, String>> environment;

    public ModelsCommand() {
        this(System::getenv);
    }

    /** For tests: the environment HF_* variables are read from. */
    ModelsCommand(Supplier<Map<String, String>> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.INVALID_INPUT;
    }

    HubSettings hub() {
        return HubSettings.fromEnvironment(environment.get());
    }

    /** The cache folder the environment names, or null after saying on stderr why it cannot be used. */
    HubCache cacheFor(String command, PrintWriter err) {
        try {
            return hub().cache();
        } catch (IllegalArgumentException e) {
            err.println("maskfill models " + command + ": " + e.getMessage());
            return null;
        }
    }

    @Command(name = "where", mixinStandardHelpOptions = true,
            description = "Print the Hugging Face cache folder and the model folder the local engine will use.")
    static final class Where implements Callable<Integer> {
        @ParentCommand
        ModelsCommand parent;

        @Override
        public Integer call() {
            PrintWriter out = parent.spec.commandLine().getOut();
            PrintWriter err = parent.spec.commandLine().getErr();
            HubCache cache = parent.cacheFor("where", err);
            if (cache == null) {
                return ExitCode.INVALID_INPUT;
            }
            out.println("Hugging Face cache: " + cache.root());
            Optional<Path> snapshot = cache.findSnapshot(ModelSelection.FLUX_FILL_REPO, ModelSelection.MAIN);
            out.println("Local engine model folder: " + snapshot.map(Path::toString)
                    .orElse("none yet (run: maskfill models download)"));
            out.flush();
            return ExitCode.DONE;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the models in the Hugging Face cache: snapshots, sizes, complete or not.")
    static final class ListModels implements Callable<Integer> {
        @ParentCommand
        ModelsCommand parent;

        @Override
        public Integer call() {
            PrintWriter out = parent.spec.commandLine().getOut();
            PrintWriter err = parent.spec.commandLine().getErr();
            HubCache cache = parent.cacheFor("list", err);
            if (cache == null) {
                return ExitCode.INVALID_INPUT;
            }
            List<String> repos = cache.repos();
            if (repos.isEmpty()) {
                out.println("No models in " + cache.root() + " (run: maskfill models download)");
            }
            for (String repo : repos) {
                for (String commit : cache.snapshots(repo)) {
                    out.println(repo + " @ " + commit + refsTo(cache, repo, commit));
                    out.println("  " + describe(cache, repo, commit));
                }
            }
            out.flush();
            return ExitCode.DONE;
        }

        private static String refsTo(HubCache cache, String repo, String commit) {
            Path refs = cache.repoDir(repo).resolve("refs");
            if (!Files.isDirectory(refs)) {
                return "";
            }
            try (var files = Files.walk(refs)) {
                List<String> names = files.filter(Files::isRegularFile)
                        .filter(f -> cache.commitOf(repo, refs.relativize(f).toString().replace('\\', '/'))
                                .map(commit::equals).orElse(false))
                        .map(f -> refs.relativize(f).toString().replace('\\', '/')).sorted().toList();
                return names.isEmpty() ? "" : " (" + String.join(", ", names) + ")";
            } catch (IOException e) {
                return "";
            }
        }

        private static String describe(HubCache cache, String repo, String commit) {
            Optional<List<RepoFile>> listing = cache.readListing(repo, commit);
            if (listing.isEmpty()) {
                return "not downloaded by Maskfill: " + filesIn(cache.snapshot(repo, commit)) + " (completeness unknown)";
            }
            long total = 0;
            long have = 0;
            List<String> notComplete = new ArrayList<>();
            for (RepoFile f : listing.get()) {
                total += f.size();
                HubCache.State state = cache.state(repo, commit, f);
                if (state == HubCache.State.COMPLETE) {
                    have += f.size();
                } else {
                    long partial = cache.partialBytes(repo, f);
                    have += partial;
                    notComplete.add(f.path() + (state == HubCache.State.PARTIAL ? " (partial, "
                            + DownloadProgress.bytes(partial) + ")" : " (missing)"));
                }
            }
            String sizes = listing.get().size() + " files, " + DownloadProgress.bytes(have) + " of "
                    + DownloadProgress.bytes(total);
            return notComplete.isEmpty() ? "complete: " + sizes
                    : "incomplete: " + sizes + "; not yet there: " + String.join(", ", notComplete);
        }

        private static String filesIn(Path snapshot) {
            try (var files = Files.walk(snapshot)) {
                long[] countAndSize = {0, 0};
                files.filter(Files::isRegularFile).forEach(f -> {
                    countAndSize[0]++;
                    try {
                        countAndSize[1] += Files.size(f);
                    } catch (IOException e) {
                        // a dangling link counts as a file of no size
                    }
                });
                return countAndSize[0] + " files, " + DownloadProgress.bytes(countAndSize[1]);
            } catch (IOException e) {
                return "unreadable";
            }
        }
    }

    @Command(name = "download", mixinStandardHelpOptions = true,
            description = {"Download a model into the Hugging Face cache, resuming what an earlier run left.",
                "Default: black-forest-labs/FLUX.1-Fill-dev at main, the single-file set (flux1-fill-dev.safetensors,"
                + " ae.safetensors, text_encoder/, text_encoder_2/, tokenizer/, tokenizer_2/ and small configs; not "
                + "the diffusers copies under transformer/ and vae/). The repository is gated: accept its licence "
                + "on huggingface.co and set HF_TOKEN (or run huggingface-cli login)."})
    static final class Download implements Callable<Integer> {
        @ParentCommand
        ModelsCommand parent;

        @CommandLine.Mixin
        TargetMixin target;

        @Option(names = "--files", split = ",", paramLabel = "PATTERN",
                description = "Files to fetch: paths, folders ending in / or globs such as *.json (default: the "
                        + "single-file set).")
        List<String> files;

        @Override
        public Integer call() {
            PrintWriter out = parent.spec.commandLine().getOut();
            PrintWriter err = parent.spec.commandLine().getErr();
            try {
                HubSettings hub = parent.hub();
                ModelSelection selection = new ModelSelection(target.repo, target.revision,
                        files == null || files.isEmpty() ? ModelSelection.FLUX_FILL_FILES : files);
                ModelDownloader downloader = ModelDownloader.find().orElseThrow(() -> new EngineException(
                        EngineException.Category.INVALID_INPUT, "No model downloader is installed."));
                return runCancellable(err, cancellation -> {
                    DownloadPlan plan = downloader.plan(hub, selection, cancellation);
                    Map<RepoFile, String> present = checkPresent(plan, hub.cache(), err, cancellation);
                    if (present.containsValue(DAMAGED)) {
                        plan = downloader.plan(hub, selection, cancellation);
                    }
                    printPlan(plan, hub, present, err);
                    DownloadPlan done = downloader.download(hub, plan, new DownloadPrinter(err), cancellation);
                    out.println(done.snapshot());
                    out.flush();
                    return ExitCode.DONE;
                });
            } catch (IllegalArgumentException e) {
                err.println("maskfill models download: " + e.getMessage());
                return ExitCode.INVALID_INPUT;
            } catch (EngineException e) {
                err.println(e.getMessage());
                return ExitCode.of(e.category());
            } finally {
                err.flush();
            }
        }

        private static final String DAMAGED = "damaged: fetched again";

        /** The files already there, hashed before anything is fetched (see {@link HubCache#checkPresent}). */
        private static Map<RepoFile, String> checkPresent(DownloadPlan plan, HubCache cache, PrintWriter err,
                Cancellation cancellation) throws EngineException {
            Map<RepoFile, String> states = new java.util.LinkedHashMap<>();
            try {
                List<RepoFile> damaged = cache.checkPresent(plan.selection().repo(), plan.commit(), plan.present(),
                        line -> {
                            err.println(line);
                            err.flush();
                        }, cancellation);
                plan.present().forEach(f -> states.put(f, damaged.contains(f) ? DAMAGED : "already there, verified"));
            } catch (IOException e) {
                throw new EngineException(EngineException.Category.INVALID_INPUT, "Cannot read the files already in "
                        + cache.root() + ": " + e.getMessage());
            }
            return states;
        }

        private static void printPlan(DownloadPlan plan, HubSettings hub, Map<RepoFile, String> checked,
                PrintWriter err) {
            err.println(plan.selection().repo() + " at " + plan.selection().revision() + " = commit " + plan.commit()
                    + (hub.token().isPresent() ? " (token from " + hub.tokenSource() + ")" : ""));
            for (RepoFile f : plan.files()) {
                long partial = hub.cache().partialBytes(plan.selection().repo(), f);
                String state = plan.present().contains(f) ? checked.getOrDefault(f, "already there")
                        : checked.containsKey(f) ? checked.get(f)
                        : partial > 0 ? "resumes at " + DownloadProgress.bytes(partial) : "to fetch";
                err.printf("  %-60s %10s  %s%n", f.path(), DownloadProgress.bytes(f.size()), state);
            }
            err.println("To download: " + DownloadProgress.bytes(plan.bytesToFetch()) + " of "
                    + DownloadProgress.bytes(plan.totalBytes()) + "; free in " + hub.cache().root() + ": "
                    + DownloadProgress.bytes(plan.freeBytes()));
            if (!plan.fitsOnDisk()) {
                err.println("That does not fit: " + DownloadProgress.bytes(plan.bytesToFetch()) + " needed, "
                        + DownloadProgress.bytes(plan.freeBytes()) + " free.");
            }
            err.flush();
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Hash every downloaded file against the sha256 the Hub listed (slow for large files).")
    static final class Verify implements Callable<Integer> {
        @ParentCommand
        ModelsCommand parent;

        @CommandLine.Mixin
        TargetMixin target;

        @Option(names = {"--repair", "--fix"}, description = "Delete damaged files and download them again.")
        boolean fix;

        @Override
        public Integer call() {
            PrintWriter out = parent.spec.commandLine().getOut();
            PrintWriter err = parent.spec.commandLine().getErr();
            try {
                HubSettings hub = parent.hub();
                HubCache cache = hub.cache();
                String repo = target.repo;
                Optional<String> commit = cache.commitOf(repo, target.revision);
                Optional<List<RepoFile>> listing = commit.flatMap(c -> cache.readListing(repo, c));
                if (listing.isEmpty()) {
                    err.println("Nothing to verify: " + repo + " at " + target.revision + " was not downloaded by "
                            + "maskfill models download into " + cache.root() + ".");
                    return ExitCode.INVALID_INPUT;
                }
                int bad = 0;
                List<String> damaged = new ArrayList<>();
                for (HubCache.FileCheck check : cache.verify(repo, commit.get(), listing.get())) {
                    out.printf("%-8s %s%s%n", check.result(), check.file().path(),
                            check.detail().isEmpty() ? "" : ": " + check.detail());
                    out.flush();
                    if (check.result() != HubCache.FileCheck.Result.OK) {
                        bad++;
                        if (check.result() == HubCache.FileCheck.Result.DAMAGED) {
                            damaged.add(check.file().path());
                            if (fix) {
                                cache.forget(repo, commit.get(), check.file());
                            }
                        }
                    }
                }
                if (bad == 0) {
                    out.println("All " + listing.get().size() + " files match.");
                    return ExitCode.DONE;
                }
                if (!fix) {
                    err.println(bad + " file(s) do not match; run maskfill models verify --repair (or models download) "
                            + "to fetch them again.");
                    return ExitCode.PROVIDER_FAILED;
                }
                ModelDownloader downloader = ModelDownloader.find().orElseThrow(() -> new EngineException(
                        EngineException.Category.INVALID_INPUT, "No model downloader is installed."));
                List<String> again = listing.get().stream().map(RepoFile::path)
                        .filter(p -> damaged.contains(p) || !Files.isRegularFile(cache.snapshotFile(repo,
                                commit.get(), p))).toList();
                return runCancellable(err, cancellation -> {
                    ModelSelection selection = new ModelSelection(repo, commit.get(), again);
                    downloader.download(hub, downloader.plan(hub, selection, cancellation), new DownloadPrinter(err),
                            cancellation);
                    out.println("Fetched again: " + String.join(", ", again));
                    return ExitCode.DONE;
                });
            } catch (IllegalArgumentException e) {
                err.println("maskfill models verify: " + e.getMessage());
                return ExitCode.INVALID_INPUT;
            } catch (EngineException e) {
                err.println(e.getMessage());
                return ExitCode.of(e.category());
            } catch (IOException e) {
                err.println("Cannot read the cache: " + e.getMessage());
                return ExitCode.INVALID_INPUT;
            } finally {
                out.flush();
                err.flush();
            }
        }
    }

    /** The {@link Target} options as a picocli mixin. */
    static final class TargetMixin {
        @Option(names = "--repo", paramLabel = "ORG/NAME", defaultValue = ModelSelection.FLUX_FILL_REPO,
                description = "Hugging Face repository (default: ${DEFAULT-VALUE}).")
        String repo;

        @Option(names = "--revision", paramLabel = "REV", defaultValue = ModelSelection.MAIN,
                description = "Branch, tag or commit (default: ${DEFAULT-VALUE}).")
        String revision;
    }

    @FunctionalInterface
    interface Work {
        int run(Cancellation cancellation) throws EngineException;
    }

    /** Ctrl+C cancels the download (its partial file stays for the next run) and gives it a moment to stop. */
    static int runCancellable(PrintWriter err, Work work) throws EngineException {
        try (CancelOnCtrlC ctrlC = new CancelOnCtrlC(CANCEL_GRACE)) {
            return work.run(ctrlC.cancellation());
        }
    }
}
