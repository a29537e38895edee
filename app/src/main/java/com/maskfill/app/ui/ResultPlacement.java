package com.maskfill.app.ui;

import com.maskfill.app.history.ResultHistory;
import com.maskfill.app.jobs.Job;
import com.maskfill.app.jobs.JobSpec;
import com.maskfill.app.model.DocumentImage;
import com.maskfill.app.project.JobSettings;
import com.maskfill.app.project.Project;
import com.maskfill.app.project.ResultGroup;
import com.maskfill.app.project.ResultGroups;
import com.maskfill.engine.api.request.FillRequest;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Where a finished job's results go: onto the photo they were made for (following it if its canvas was extended
 * meanwhile), or, when that photo is gone or no longer holds them, into a project of their own so nothing paid for
 * is lost.
 */
final class ResultPlacement {

    private final EditorViewModel editor;
    private final ResultHistory results;
    private final SetAsideResults setAside;
    private final BooleanSupplier seedLocked;
    /** Result group id to the number of the job it came from, for "Job #3 · image 2 of 4". */
    private final Map<UUID, Long> jobNumbers = new HashMap<>();
    private Runnable onResults = () -> { };

    /** @param seedLocked whether the side panel's seed lock is on, recorded with results set aside */
    ResultPlacement(EditorViewModel editor, ResultHistory results, SetAsideResults setAside,
                    BooleanSupplier seedLocked) {
        this.editor = editor;
        this.results = results;
        this.setAside = setAside;
        this.seedLocked = seedLocked;
    }

    /** Who to tell when a job's results arrived on the photo (the autosave writes them to disk at once). */
    void setOnResults(Runnable listener) {
        this.onResults = listener;
    }

    /** The number of the queue's job a result group came from; empty for results opened from a project. */
    OptionalLong jobNumberOf(ResultGroup group) {
        Long number = group == null ? null : jobNumbers.get(group.id());
        return number == null ? OptionalLong.empty() : OptionalLong.of(number);
    }

    /** Takes in the results of a job that finished with some. */
    void place(Job job) {
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
            setAsideFromJob(job, group, placed != null
                    ? "Job #" + job.number() + "'s results lie outside the photo as it is now (its canvas shrank)."
                    : "Job #" + job.number() + " finished for a photo that is no longer open.");
        }
    }

    /** The photo was closed (or shrank) while its job ran: keep the paid-for results in a project of their own. */
    private void setAsideFromJob(Job job, ResultGroup group, String why) {
        FillRequest request = job.spec().request();
        JobSettings ran = JobSettings.of(request, group.provenance().seed(), job.spec().engine().id());
        // every editor job carries its seed now; whether the user had locked it is the panel's lock
        JobSettings jobSettings = new JobSettings(ran.prompt(), ran.steps(), ran.guidance(), ran.seed(),
                seedLocked.getAsBoolean(), ran.imageCount(), ran.engineId(), ran.loras());
        keepAside(new Project(request.image(), request.mask().pixels(), jobSettings, List.of(group)),
                "job-" + job.number(), why);
    }

    /**
     * Saves results that cannot stay on the canvas (their photo closed, or their area taken away by an undo) as a
     * project of their own in the recovery folder, and tells the user where.
     *
     * @param why the notice's first sentence: what happened to them
     */
    void keepAside(Project project, String name, String why) {
        setAside.keep(project, name, why);
    }
}
