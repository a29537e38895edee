package com.maskfill.app.ui;

import com.maskfill.app.model.DocumentImage;
import com.maskfill.app.history.Edit;
import com.maskfill.app.history.ResultHistory;
import com.maskfill.app.jobs.Job;
import com.maskfill.app.jobs.JobQueue;
import com.maskfill.app.jobs.JobRunner;
import com.maskfill.app.jobs.JobSpec;
import com.maskfill.app.jobs.JobState;
import com.maskfill.app.project.JobSettings;
import com.maskfill.app.project.Project;
import com.maskfill.app.project.ResultGroup;
import com.maskfill.app.project.ResultGroups;
import com.maskfill.app.project.ResultLayer;
import com.maskfill.engine.api.pipeline.Region;
import com.maskfill.engine.api.request.FillRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/**
 * From the Generate click to results a designer can judge: queues jobs ({@link Generator}), turns finished jobs
 * into result layers on the photo (or sets them aside, {@link SetAsideResults}), and applies, discards or reuses
 * them.
 */
public final class JobsViewModel implements ResultsPanel.Actions, AutoCloseable {

    private final EditorViewModel editor;
    private final JobSettingsViewModel settings;
    private final Consumer<Edit> history;
    private final JobQueue queue;
    private final ResultHistory results = new ResultHistory();
    private final Generator generator;
    private final SetAsideResults setAside;
    private Consumer<Region> photoChanged = region -> { };
    private Runnable onResults = () -> { };
    /** Result group id to the number of the job it came from, for "Job #3 · image 2 of 4". */
    private final Map<java.util.UUID, Long> jobNumbers = new java.util.HashMap<>();

    /**
     * @param mask         the current mask, 8-bit, one byte per photo pixel (a copy the job may keep)
     * @param history      where apply and discard go, for undo
     * @param orphanFolder where results of a photo closed meanwhile are saved as a project
     * @param engineOptions an engine's plain settings by its id, frozen into each job
     * @param endpoints     an engine's base URL override by its id (null or blank: the documented one)
     */
    public JobsViewModel(EditorViewModel editor, JobSettingsViewModel settings, JobRunner runner,
                         Supplier<byte[]> mask, Consumer<Edit> history, Path orphanFolder,
                         Function<String, Map<String, String>> engineOptions, Function<String, String> endpoints,
                         BackgroundTasks tasks) {
        this.editor = editor;
        this.settings = settings;
        this.history = history;
        this.queue = new JobQueue(runner, this::finished);
        this.generator = new Generator(editor, settings, queue, mask, engineOptions, endpoints);
        FailedJobNotices.watch(queue, editor::error);
        this.setAside = new SetAsideResults(editor, orphanFolder, tasks);
        editor.imageProperty().addListener((obs, old, image) -> {
            // a grown canvas keeps its results: the edit that grew it moves them
            if (image == null || !image.continues(old)) {
                results.reset(List.of());
            }
            if (image != null) {
                results.attach(image.pixels(), region -> photoChanged.accept(region));
            }
        });
    }

    public JobQueue queue() {
        return queue;
    }

    public ResultHistory results() {
        return results;
    }

    /** Who redraws the photo when applying a result or undoing it changed its pixels. */
    public void setOnPhotoChanged(Consumer<Region> listener) {
        this.photoChanged = listener;
    }

    /** The number of the queue's job a result group came from; empty for results opened from a project. */
    public java.util.OptionalLong jobNumberOf(ResultGroup group) {
        Long number = group == null ? null : jobNumbers.get(group.id());
        return number == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(number);
    }

    /** Who to tell when a job's results arrived (the autosave writes them to disk at once). */
    public void setOnResults(Runnable listener) {
        this.onResults = listener;
    }

    /** Which photos Generate may fill without a prompt (an extended canvas: a plain extension). */
    public void setBlankPromptAllowed(Predicate<DocumentImage> allowed) {
        generator.setBlankPromptAllowed(allowed);
    }

    /** Ctrl+Enter: queue a job with the current photo, mask and settings; problems are told, never thrown. */
    public void generate() {
        generator.generate();
    }

    /**
     * Esc: stops the running job (at the provider where it allows it). A job the engine already has is stopped only
     * if {@code confirm} agrees to the question it is asked; a job its provider cannot stop is left running, and
     * the user is told why.
     */
    public void cancelRunning(Predicate<String> confirm) {
        Job running = queue.running();
        if (running != null) {
            cancel(running, confirm);
        }
    }

    /**
     * Cancels {@code job} (Esc for the running one, or its row's Cancel): asks {@code confirm} first when the
     * provider already has it, and says so instead where cancelling would save nothing.
     */
    public void cancel(Job job, Predicate<String> confirm) {
        String name = job.engine().displayName();
        if (!job.canBeCancelled()) {
            if (!job.getState().isFinished()) {
                editor.info(job.getState() == JobState.DOWNLOADING
                        ? "Job #" + job.number() + " is done at " + name + ": its results are on their way."
                        : "Job #" + job.number() + " cannot be stopped: " + name + " finishes (and bills) a job "
                                + "once it has it. Its results will arrive here.");
            }
            return;
        }
        if (job.getState().isSubmitted() && !confirm.test("Job #" + job.number() + " is already running at "
                + name + ". Cancel it? What it has done so far is lost.")) {
            return;
        }
        queue.cancel(job);
    }

    /** What closing now does to the jobs under way, for the question before closing; empty when none is. */
    public String closeWarning() {
        List<Job> open = queue.jobs().stream().filter(j -> !j.getState().isFinished()).toList();
        if (open.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(open.size() == 1 ? "A job is still running." : open.size()
                + " jobs are still running or waiting.");
        text.append(open.size() == 1 ? " Closing cancels it" : " Closing cancels them")
                .append(" (at the provider where it allows it).");
        for (Job job : open) {
            if (!job.canBeCancelled()) {
                text.append(" Job #").append(job.number()).append(" cannot be stopped any more: ")
                        .append(job.engine().displayName())
                        .append(" bills it, and its results are lost if you close now.");
            }
        }
        return text.toString();
    }

    private void finished(Job job) {
        JobSpec spec = job.spec();
        ResultGroup group = ResultGroups.fromJob(spec.request(), job.result(), spec.engine().id(),
                spec.engine().displayName(), Instant.now());
        jobNumbers.put(group.id(), job.number());
        DocumentImage current = editor.getImage();
        // the canvas may have been extended (or the extension undone) while the job ran: follow its pixels
        DocumentImage.Origin origin = spec.origin();
        ResultGroup placed = current == null || origin == null || current.work() != origin.work() ? null
                : group.shifted(current.left() - origin.left(), current.top() - origin.top());
        if (placed != null && placed.fitsWithin(current.width(), current.height())) {
            results.add(placed);
            onResults.run();
            editor.info("Job #" + job.number() + " done: " + group.layers().size() + " result(s). ← → to browse, "
                    + "Enter applies, Del discards.");
        } else {
            saveOrphan(job, group, placed != null
                    ? "Job #" + job.number() + "'s results lie outside the photo as it is now (its canvas shrank)."
                    : "Job #" + job.number() + " finished for a photo that is no longer open.");
        }
    }

    /** The photo was closed (or shrank) while its job ran: keep the paid-for results in a project of their own. */
    private void saveOrphan(Job job, ResultGroup group, String why) {
        FillRequest request = job.spec().request();
        JobSettings ran = JobSettings.of(request, group.provenance().seed(), job.spec().engine().id());
        // every editor job carries its seed now; whether the user had locked it is the panel's lock
        JobSettings jobSettings = new JobSettings(ran.prompt(), ran.steps(), ran.guidance(), ran.seed(),
                settings.seedLockedProperty().get(), ran.imageCount(), ran.engineId(), ran.loras());
        keepAside(new Project(request.image(), request.mask().pixels(), jobSettings, List.of(group)),
                "job-" + job.number(), why);
    }

    /**
     * Saves results that cannot stay on the canvas (their photo closed, or their area taken away by an undo) as a
     * project of their own in the recovery folder, and tells the user where.
     *
     * @param why the notice's first sentence: what happened to them
     */
    public void keepAside(Project project, String name, String why) {
        setAside.keep(project, name, why);
    }

    // --- result actions ---

    @Override
    public void apply() {
        history.accept(results.apply(results.getSelected()));
    }

    @Override
    public void discard() {
        history.accept(results.discard(results.getSelected()));
    }

    @Override
    public void discardGroup() {
        history.accept(results.discardGroup(results.groupOf(results.getSelected())));
    }

    @Override
    public void reuseSettings() {
        ResultLayer layer = results.getSelected();
        ResultGroup group = results.groupOf(layer);
        if (group == null) {
            return;
        }
        settings.restore(VariationSeed.rerun(group, layer, settings.imageCountProperty().get()));
        editor.info(VariationSeed.rerunNotice(group, layer));
    }

    @Override
    public void copySeed() {
        ResultLayer layer = results.getSelected();
        ResultGroup group = results.groupOf(layer);
        if (group != null) {
            long seed = VariationSeed.of(group, layer);
            ClipboardContent content = new ClipboardContent();
            content.putString(Long.toString(seed));
            Clipboard.getSystemClipboard().setContent(content);
            editor.info("Seed " + seed + " copied.");
        }
    }

    @Override
    public void close() {
        queue.close();
    }
}
