package com.maskfill.app.ui;

import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.model.DownloadListener;
import com.maskfill.engine.api.model.DownloadPlan;
import com.maskfill.engine.api.model.DownloadProgress;
import com.maskfill.engine.api.model.HubSettings;
import com.maskfill.engine.api.model.ModelDownloader;
import com.maskfill.engine.api.model.ModelSelection;
import com.maskfill.engine.api.model.RepoFile;
import com.maskfill.app.settings.CredentialStore;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * "Get the model": which files FLUX.1 Fill [dev] needs, their sizes, the free space, and the download with its
 * progress, pause and resume. A pause keeps the partial file, so Resume (also after the program was closed) asks the
 * Hub only for the rest. The work runs through {@link BackgroundTasks}; progress reaches the FX thread coalesced.
 */
public final class GetModelViewModel {

    /** Where the dialog stands. */
    public enum Phase { IDLE, CHECKING, READY, DOWNLOADING, PAUSED, DONE, FAILED }

    /** One file of the plan, as shown. */
    public record FileRow(String path, String size, String state) {
        @Override
        public String toString() {
            return path + "  ·  " + size + "  ·  " + state;
        }
    }

    /** The credential name the token is kept under, the same as the environment variable. */
    public static final String TOKEN = "HF_TOKEN";

    private final Supplier<HubSettings> hub;
    private final Optional<ModelDownloader> downloader;
    private final BackgroundTasks tasks;
    private final ModelSelection selection = ModelSelection.fluxFill();

    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(Phase.IDLE);
    private final ObservableList<FileRow> files = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final AtomicReference<DownloadProgress> latest = new AtomicReference<>();
    private Cancellation running;
    private DownloadPlan plan;

    public GetModelViewModel(Supplier<HubSettings> hub, Optional<ModelDownloader> downloader, BackgroundTasks tasks) {
        this.hub = hub;
        this.downloader = downloader;
        this.tasks = tasks;
    }

    /**
     * For the editor: the environment's HF_* settings, with the token from the editor's keychain (credential
     * {@value #TOKEN}) when the environment has none, as huggingface_hub would take it from its own login.
     */
    public static GetModelViewModel forEditor(Map<String, String> environment, CredentialStore credentials,
                                              BackgroundTasks tasks) {
        return new GetModelViewModel(() -> {
            Map<String, String> env = new HashMap<>(environment);
            if (env.getOrDefault(TOKEN, "").isBlank()) {
                try {
                    credentials.read(TOKEN).ifPresent(token -> env.put(TOKEN, token));
                } catch (IOException e) {
                    // An unreadable keychain counts as no token: the Hub's answer then says to sign in.
                }
            }
            return HubSettings.fromEnvironment(env);
        }, ModelDownloader.find(), tasks);
    }

    public String repo() {
        return selection.repo();
    }

    public String licencePage() {
        return HubSettings.modelPage(selection.repo());
    }

    /** Lists the files and what the cache already has. */
    public void check() {
        start(Phase.CHECKING, cancellation -> {
            HubSettings settings = hub.get();
            return downloaderOrFail().plan(settings, selection, cancellation);
        }, done -> {
            show(done);
            phase.set(done.needed().isEmpty() ? Phase.DONE : Phase.READY);
            message.set(done.needed().isEmpty() ? "The model is complete in " + done.snapshot() : "");
        });
    }

    /** Downloads what is missing, resuming partial files; checks first when not yet checked. */
    public void download() {
        DownloadPlan known = plan;
        start(Phase.DOWNLOADING, cancellation -> {
            HubSettings settings = hub.get();
            ModelDownloader d = downloaderOrFail();
            // Checked again: a paused download's partial files changed what is still needed.
            ModelSelection chosen = known != null ? known.selection() : selection;
            DownloadPlan checked = d.plan(settings, chosen, cancellation);
            // Files already there are hashed first (once); a damaged one is fetched again.
            try {
                if (!settings.cache().checkPresent(chosen.repo(), checked.commit(), checked.present(),
                        line -> Platform.runLater(() -> message.set(line)), cancellation).isEmpty()) {
                    checked = d.plan(settings, chosen, cancellation);
                }
            } catch (IOException e) {
                throw new EngineException(EngineException.Category.INVALID_INPUT, "Cannot read the files already in "
                        + settings.cache().root() + ": " + e.getMessage());
            }
            DownloadPlan fresh = checked;
            Platform.runLater(() -> show(fresh));
            return d.download(settings, fresh, listener(), cancellation);
        }, done -> {
            show(done);
            progress.set(1);
            phase.set(Phase.DONE);
            message.set("Done: the local engine will use " + done.snapshot());
        });
    }

    /** Stops the download; the partial file stays for Resume. */
    public void pause() {
        if (running != null) {
            running.cancel();
        }
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    public ObservableList<FileRow> files() {
        return FXCollections.unmodifiableObservableList(files);
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** "12.3 MB / 23.8 GB · 41.2 MB/s · 9 min left" */
    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Cancellation cancellation) throws EngineException;
    }

    private <T> void start(Phase during, Work<T> work, java.util.function.Consumer<T> onDone) {
        if (running != null) {
            return;
        }
        Cancellation cancellation = new Cancellation();
        running = cancellation;
        phase.set(during);
        message.set("");
        tasks.run(() -> work.run(cancellation), result -> {
            running = null;
            onDone.accept(result);
        }, failure -> {
            running = null;
            if (failure instanceof EngineException e && e.category() == EngineException.Category.CANCELLED) {
                phase.set(Phase.PAUSED);
                message.set("Paused. What was downloaded is kept; Resume continues from there, also after Maskfill "
                        + "was closed.");
            } else {
                phase.set(Phase.FAILED);
                message.set(failure.getMessage());
            }
        });
    }

    private ModelDownloader downloaderOrFail() throws EngineException {
        return downloader.orElseThrow(() -> new EngineException(EngineException.Category.INVALID_INPUT,
                "This installation has no model downloader."));
    }

    /** Progress from the download thread, handed to the FX thread without queueing one update per chunk. */
    private DownloadListener listener() {
        return p -> {
            if (latest.getAndSet(p) == null) {
                Platform.runLater(() -> {
                    DownloadProgress last = latest.getAndSet(null);
                    if (last != null) {
                        progress.set(last.totalBytes() == 0 ? 1 : (double) last.doneBytes() / last.totalBytes());
                        String left = last.timeLeft().map(DownloadProgress::duration).map(d -> " · " + d + " left")
                                .orElse("");
                        progressText.set(DownloadProgress.bytes(last.doneBytes()) + " / "
                                + DownloadProgress.bytes(last.totalBytes()) + (last.bytesPerSecond() > 0 ? " · "
                                + DownloadProgress.rate(last.bytesPerSecond()) : "") + left + " — " + last.file().path());
                    }
                });
            }
        };
    }

    private void show(DownloadPlan p) {
        plan = p;
        HubSettings settings;
        try {
            settings = hub.get();
        } catch (RuntimeException e) {
            settings = null;
        }
        files.clear();
        for (RepoFile f : p.files()) {
            long partial = settings == null ? 0 : settings.cache().partialBytes(p.selection().repo(), f);
            String state = p.present().contains(f) ? "already there" : partial > 0
                    ? DownloadProgress.bytes(partial) + " already downloaded" : "to download";
            files.add(new FileRow(f.path(), DownloadProgress.bytes(f.size()), state));
        }
        summary.set("To download: " + DownloadProgress.bytes(p.bytesToFetch()) + " of "
                + DownloadProgress.bytes(p.totalBytes()) + " · free disk space: " + DownloadProgress.bytes(p.freeBytes())
                + (p.fitsOnDisk() ? "" : " — not enough"));
    }
}
