package com.maskfill.app.ui;

import com.maskfill.app.model.DocumentImage;
import com.maskfill.app.project.Project;
import com.maskfill.app.project.ProjectFile;
import com.maskfill.app.project.RecoveryFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * Opening and saving {@code .maskfill} projects, and the recovery file that survives a crash: written every
 * 30 seconds while something changed and after each finished job, deleted on a clean exit, offered back at the
 * next start. Each running editor has a recovery file of its own ({@link RecoveryFiles}). Saves run one at a time
 * off the FX thread, from a snapshot taken on it; an autosave asked for while one is being written waits for it
 * and then writes the latest state once, and the photo is copied and encoded only when its pixels changed.
 */
public final class ProjectsViewModel implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ProjectsViewModel.class.getName());

    private final EditorViewModel editor;
    private final JobSettingsViewModel settings;
    private final JobsViewModel jobs;
    private final Supplier<byte[]> mask;
    private final Consumer<byte[]> restoreMask;
    private final RecoveryFiles recovery;
    private final BackgroundTasks tasks;
    /** One save at a time: a manual save and an autosave must never write the same file together. */
    private final ExecutorService saver = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "maskfill-save");
        thread.setDaemon(true);
        return thread;
    });
    private final ReadOnlyObjectWrapper<Path> projectFile = new ReadOnlyObjectWrapper<>();
    private boolean changedSinceAutosave;
    /** An autosave is being written; another one waits for it instead of queueing a second snapshot. */
    private boolean autosaving;
    private boolean autosaveWaiting;
    /** Counts changes of the photo's pixels; the recovery file holds the photo of {@code photoVersionSaved}. */
    private long photoVersion;
    private long photoVersionSaved = -1;
    private final javafx.beans.property.ReadOnlyBooleanWrapper unsaved =
            new javafx.beans.property.ReadOnlyBooleanWrapper(false);

    /**
     * @param mask        a copy of the current mask, one byte per photo pixel
     * @param restoreMask replaces the mask (and starts its undo history) when a project opens
     * @param recoveryFolder where this editor's recovery file goes, beside those of other editors
     */
    public ProjectsViewModel(EditorViewModel editor, JobSettingsViewModel settings, JobsViewModel jobs,
                             Supplier<byte[]> mask, Consumer<byte[]> restoreMask, Path recoveryFolder,
                             BackgroundTasks tasks) {
        this.editor = editor;
        this.settings = settings;
        this.jobs = jobs;
        this.mask = mask;
        this.restoreMask = restoreMask;
        this.recovery = RecoveryFiles.open(recoveryFolder);
        this.tasks = tasks;
        editor.imageProperty().addListener((obs, old, image) -> {
            photoVersion++;
            changed();
            if (image != null && image.continues(old)) {
                return; // the same work, grown by an edit: still unsaved, still the same project
            }
            // A photo just opened holds nothing that is not in its file yet.
            unsaved.set(false);
            if (image == null && !saver.isShutdown()) {
                // closed on purpose (saved or not): a crash now must not offer that work back
                changedSinceAutosave = false;
                photoVersionSaved = -1;
                saver.execute(recovery::discardOwn);
            }
            if (image == null || !isProject(image.source())) {
                projectFile.set(null);
            }
        });
        jobs.results().groups().addListener((javafx.collections.ListChangeListener<Object>) c -> changed());
    }

    public static boolean isProject(Path path) {
        return path != null && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(ProjectFile.EXTENSION);
    }

    /** The project the document was opened from or last saved to; null for a photo never saved as one. */
    public ReadOnlyObjectProperty<Path> projectFileProperty() {
        return projectFile.getReadOnlyProperty();
    }

    /** Something the recovery file does not have yet (a mask edit, a result, an apply). */
    public void changed() {
        changedSinceAutosave = true;
        unsaved.set(editor.getImage() != null);
    }

    /** The photo's pixels changed in place (a result applied, or that undone). */
    public void photoChanged() {
        photoVersion++;
        changed();
    }

    /** True when the work has changed since it was opened or last saved: closing should ask first. */
    public javafx.beans.property.ReadOnlyBooleanProperty unsavedProperty() {
        return unsaved.getReadOnlyProperty();
    }

    // --- open ---

    public void open(Path file) {
        record Opened(Project project, ProjectFile.Notes notes) {
        }
        tasks.run(() -> new Opened(ProjectFile.load(file), ProjectFile.notes(file)), opened -> {
            Project project = opened.project();
            show(project, file);
            jobs.queue().continueNumbersAfter(opened.notes().lastJobNumber());
            editor.rememberRecent(file);
            editor.info("Opened " + file.getFileName() + ": " + project.groups().size() + " job(s) of results.");
        }, failure -> editor.error(failure instanceof IOException ? failure.getMessage()
                : file.getFileName() + " could not be opened: " + failure));
    }

    private void show(Project project, Path file) {
        editor.showProject(project.image(), file);
        showParts(project, file);
    }

    /** Everything of {@code project} but its photo, which the editor shows already. */
    private void showParts(Project project, Path file) {
        projectFile.set(isProject(file) ? file : null);
        restoreMask.accept(project.mask());
        jobs.results().reset(project.groups());
        settings.restore(project.settings()); // the LoRA list too: a project's settings always have one
        changedSinceAutosave = false;
        unsaved.set(false);
    }

    // --- save ---

    /** Saves to {@code file}; {@code done} runs on the FX thread once it is safely on disk. */
    public void save(Path file, Runnable done) {
        Project snapshot = snapshot();
        if (snapshot == null) {
            editor.error("There is nothing to save: open a photo first.");
            return;
        }
        ProjectFile.Notes notes = new ProjectFile.Notes(null, jobs.queue().lastNumber());
        saver.execute(() -> {
            try {
                ProjectFile.save(snapshot, file, null, notes);
                Platform.runLater(() -> {
                    projectFile.set(file);
                    unsaved.set(false);
                    editor.rememberRecent(file);
                    editor.info("Saved " + file.getFileName() + ".");
                    done.run();
                });
            } catch (IOException | RuntimeException e) {
                Platform.runLater(() -> editor.error("Could not save " + file.getFileName() + ": " + e.getMessage()
                        + " The previous version of the file, if any, is unchanged."));
            }
        });
    }

    /**
     * Writes the recovery file if anything changed since the last time. Called by a timer and after jobs; while
     * a write is under way it only notes that another is wanted.
     */
    public void autosave() {
        if (!changedSinceAutosave || saver.isShutdown()) {
            return;
        }
        if (autosaving) {
            autosaveWaiting = true;
            return;
        }
        Path target = recovery.own();
        ProjectFile.Notes notes = new ProjectFile.Notes(origin(), jobs.queue().lastNumber());
        long version = photoVersion;
        boolean photoOnDisk = version == photoVersionSaved;
        Project snapshot = snapshot(!photoOnDisk);
        if (snapshot == null) {
            return;
        }
        changedSinceAutosave = false;
        autosaving = true;
        saver.execute(() -> {
            boolean written = false;
            try {
                ProjectFile.save(snapshot, target, photoOnDisk ? target : null, notes);
                written = true;
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Autosave to " + target + " failed: " + e.getMessage());
            }
            boolean ok = written;
            Platform.runLater(() -> autosaved(ok, version));
        });
    }

    private void autosaved(boolean ok, long version) {
        autosaving = false;
        if (ok) {
            photoVersionSaved = version;
            recovery.ownIsWritten();
        } else {
            photoVersionSaved = -1; // write the whole photo next time
            changed();
        }
        if (autosaveWaiting) {
            autosaveWaiting = false;
            autosave();
        }
    }

    /**
     * Recovery files left by editors that crashed, newest first; this editor holds them until it restores,
     * discards or {@linkplain #keepRecovery keeps} each, so no other editor offers them meanwhile.
     */
    public List<Path> recoveries() {
        return recovery.claimOrphans();
    }

    /**
     * Restores the recovered work; it stays unsaved (no project file) until the user saves it. {@code then}
     * runs on the FX thread once the work is shown, or the file was found unreadable.
     */
    public void restoreRecovery(Path file, Runnable then) {
        record Restored(Project project, Path origin, long lastJobNumber) {
        }
        tasks.run(() -> {
            ProjectFile.Notes notes = ProjectFile.notes(file);
            return new Restored(ProjectFile.load(file), notes.origin(), notes.lastJobNumber());
        }, restored -> {
            jobs.queue().continueNumbersAfter(restored.lastJobNumber());
            // shown under its own name and place, never the recovery file's: Save suggests where it came from
            editor.showRestored(restored.project().image(), restored.origin());
            showParts(restored.project(), file);
            projectFile.set(null);
            changedSinceAutosave = true;
            unsaved.set(true);
            recovery.adopt(file); // deleted once this editor's own recovery file holds the work
            editor.info("Restored the work of the last session"
                    + (restored.origin() == null ? "" : " on " + restored.origin().getFileName())
                    + ". Save it as a project to keep it.");
            then.run();
        }, failure -> {
            recovery.release(file);
            editor.error("The recovery file could not be read: " + failure.getMessage());
            then.run();
        });
    }

    /** Deletes a recovery file {@link #recoveries()} returned: the user does not want it. */
    public void discardRecovery(Path file) {
        recovery.delete(file);
    }

    /** Leaves a recovery file {@link #recoveries()} returned for the next start. */
    public void keepRecovery(Path file) {
        recovery.release(file);
    }

    /**
     * The file the work belongs to, for the recovery file: its project, else its photo (restored work carries the
     * one it was restored with); null for pasted work.
     */
    private Path origin() {
        DocumentImage document = editor.getImage();
        return projectFile.get() != null ? projectFile.get() : document == null ? null : document.source();
    }

    /** A consistent copy of the document, taken on the FX thread; null when no photo is open. */
    private Project snapshot() {
        return snapshot(true);
    }

    /**
     * As {@link #snapshot()}; without {@code copyPhoto} the project holds the photo on screen itself, for a save
     * that reads only its size (the photo's pixels come from the file written before).
     */
    private Project snapshot(boolean copyPhoto) {
        DocumentImage document = editor.getImage();
        if (document == null) {
            return null;
        }
        BufferedImage image = document.pixels();
        byte[] maskBytes = mask.get();
        if (maskBytes.length != (long) image.getWidth() * image.getHeight()) {
            return null; // between a new photo and its mask: the next autosave catches up
        }
        return new Project(copyPhoto ? document.copyOfPixels() : image, maskBytes, settings.snapshot(),
                jobs.results().groups());
    }

    /** Waits for saves under way, then removes this editor's recovery file: the session ended cleanly. */
    @Override
    public void close() {
        saver.shutdown();
        try {
            saver.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        recovery.close();
    }
}
