package com.maskfill.app.ui;

import com.maskfill.app.project.Project;
import com.maskfill.app.project.ProjectFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Results that cannot stay on the canvas, saved in the background as projects of their own in the recovery folder,
 * each under a name of its own; the user is told where.
 */
final class SetAsideResults {

    private final EditorViewModel editor;
    private final Path orphanFolder;
    private final BackgroundTasks tasks;
    /** Files chosen for results set aside whose saving may still be under way. */
    private final Set<Path> asideFiles = new HashSet<>();

    SetAsideResults(EditorViewModel editor, Path orphanFolder, BackgroundTasks tasks) {
        this.editor = editor;
        this.orphanFolder = orphanFolder;
        this.tasks = tasks;
    }

    /** @param why the notice's first sentence: what happened to them */
    void keep(Project project, String name, String why) {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
                .format(java.time.LocalDateTime.now());
        Path chosen = orphanFolder.resolve(name + "-" + stamp + ProjectFile.EXTENSION);
        // two set aside within one second must not overwrite each other, saved or still saving
        for (int n = 2; Files.exists(chosen) || asideFiles.contains(chosen); n++) {
            chosen = orphanFolder.resolve(name + "-" + stamp + "-" + n + ProjectFile.EXTENSION);
        }
        Path file = chosen;
        asideFiles.add(file);
        tasks.run(() -> {
            ProjectFile.save(project, file);
            return file;
        }, saved -> {
            asideFiles.remove(file);
            // an error notice stays until dismissed: paid results moved to a file must not pass unseen
            editor.error(why + " Nothing is lost: they were saved to " + file + " (open it with File ▸ Open).");
        }, failure -> {
            asideFiles.remove(file);
            editor.error(why + " Its results could not be saved: " + failure.getMessage());
        });
    }
}
