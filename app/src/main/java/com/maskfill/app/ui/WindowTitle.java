package com.maskfill.app.ui;

import com.maskfill.app.model.DocumentImage;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;

/**
 * The window's title: the project's name once the work is saved as one (else the photo's), marked with a leading
 * {@code *} while it has changes a save would keep, as most editors do.
 */
final class WindowTitle {

    private WindowTitle() {
    }

    static StringBinding of(EditorViewModel editor, ProjectsViewModel projects) {
        return Bindings.createStringBinding(() -> text(editor.getImage(), projects.projectFileProperty().get(),
                projects.unsavedProperty().get()), editor.imageProperty(), projects.projectFileProperty(),
                projects.unsavedProperty());
    }

    static String text(DocumentImage image, Path projectFile, boolean unsaved) {
        if (image == null) {
            return "Maskfill";
        }
        String name = projectFile != null ? String.valueOf(projectFile.getFileName()) : image.name();
        return (unsaved ? "*" : "") + name + " — Maskfill";
    }
}
