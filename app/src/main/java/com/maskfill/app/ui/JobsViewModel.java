package com.maskfill.app.ui;

import com.maskfill.app.history.Edit;
import com.maskfill.app.history.ResultHistory;
import com.maskfill.app.jobs.Job;
import com.maskfill.app.jobs.JobQueue;
import com.maskfill.app.jobs.JobRunner;
import com.maskfill.app.jobs.JobState;
import com.maskfill.app.model.DocumentImage;
import com.maskfill.engine.api.pipeline.Region;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * From the Generate click to results a designer can judge: queues jobs ({@link Generator}), cancels them, and hands
 * finished ones to {@link ResultPlacement}; what is done with a result is {@link ResultActions}.
 */
public final class JobsViewModel implements AutoCloseable {

    private final EditorViewModel editor;
    private final JobQueue queue;
    private final ResultHistory results = new ResultHistory();
    private final Generator generator;
    private final ResultPlacement placement;
    private final ResultActions actions;
    private Consumer<Region> photoChanged = region -> { };

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
        this.placement = new ResultPlacement(editor, results, new SetAsideResults(editor, orphanFolder, tasks),
                settings.seedLockedProperty()::get);
        this.actions = new ResultActions(results, history, settings, editor);
        this.queue = new JobQueue(runner, placement::place);
        this.generator = new Generator(editor, settings, queue, mask, engineOptions, endpoints);
        FailedJobNotices.watch(queue, editor::error);
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

    /** Apply, discard, reuse: what the results bar and the keys do with the selected result. */
    public ResultActions actions() {
        return actions;
    }

    /** Where finished jobs' results go (the photo, or a project of their own). */
    ResultPlacement placement() {
        return placement;
    }

    /** Who redraws the photo when applying a result or undoing it changed its pixels. */
    public void setOnPhotoChanged(Consumer<Region> listener) {
        this.photoChanged = listener;
    }

    /** Which photos Generate may fill without a prompt (an extended canvas: a plain extension). */
    public void setBlankPromptAllowed(Predicate<DocumentImage> allowed) {
        generator.setBlankPromptAllowed(allowed);
    }

    /** Asked with each job's estimate before Generate queues it; false sends nothing (see {@link PriceApproval}). */
    public void setPriceApproval(Predicate<com.maskfill.engine.api.engine.PriceEstimate> approval) {
        generator.setPriceApproval(approval);
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

    @Override
    public void close() {
        queue.close();
    }
}
