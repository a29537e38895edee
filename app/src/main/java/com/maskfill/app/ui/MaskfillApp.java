package com.maskfill.app.ui;

import java.nio.file.Path;
import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application: one editor window. Started through {@link #launchEditor(Path)}. */
public final class MaskfillApp extends Application {

    private static volatile Path initialImage;

    private BackgroundTasks tasks;

    /** Opens the editor, optionally with an image, and returns when its window is closed. */
    public static void launchEditor(Path image) {
        initialImage = image;
        Application.launch(MaskfillApp.class);
    }

    @Override
    public void start(Stage stage) {
        tasks = new BackgroundTasks();
        EditorWindow window = new EditorWindow(stage, EditorServices.forCurrentUser(tasks));
        window.setLinkOpener(getHostServices()::showDocument);
        window.show();
        window.start(initialImage);
    }

    @Override
    public void stop() {
        if (tasks != null) {
            tasks.close();
        }
    }
}
