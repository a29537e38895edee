package com.maskfill.app.ui;

import com.maskfill.app.model.DocumentImage;
import com.maskfill.app.settings.AppSettings;
import com.maskfill.app.settings.SettingsStore;
import com.maskfill.engine.api.image.DecodedImage;
import com.maskfill.engine.api.image.ImageDecoder;
import com.maskfill.engine.api.image.ImageLoadException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The editor's document and what the window shows about it: the open image, messages for the user, the recent
 * files (the title is {@link WindowTitle}'s). Opening happens in the background; a failure keeps the current
 * image and says why.
 */
public final class EditorViewModel {

    private static final System.Logger LOG = System.getLogger(EditorViewModel.class.getName());

    private final BackgroundTasks tasks;
    private final SettingsStore settingsStore;
    private final AppSettings settings;
    private final AtomicLong noticeSerial = new AtomicLong();

    private final ReadOnlyObjectWrapper<DocumentImage> image = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Notice> notice = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<String> recentFiles = FXCollections.observableArrayList();
    private final ObservableList<String> recentFilesView = FXCollections.unmodifiableObservableList(recentFiles);

    public EditorViewModel(BackgroundTasks tasks, SettingsStore settingsStore, AppSettings settings) {
        this.tasks = tasks;
        this.settingsStore = settingsStore;
        this.settings = settings;
        recentFiles.setAll(settings.recentFiles);
    }

    // --- properties ---

    public ReadOnlyObjectProperty<DocumentImage> imageProperty() {
        return image.getReadOnlyProperty();
    }

    public DocumentImage getImage() {
        return image.get();
    }

    /** The latest message for the user (errors in words a designer understands, notices about conversions). */
    public ReadOnlyObjectProperty<Notice> noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Most recent first; absolute paths. */
    public ObservableList<String> recentFiles() {
        return recentFilesView;
    }

    /** The folder a file dialog should start in: where the last image came from. */
    public Path lastFolder() {
        return settings.lastFolder == null ? null : Path.of(settings.lastFolder);
    }

    // --- commands ---

    /** Decodes {@code path} in the background and shows it; on failure the current image stays. */
    public void open(Path path) {
        loading.set(true);
        tasks.run(() -> ImageDecoder.decode(path),
                decoded -> {
                    loading.set(false);
                    show(decoded, path);
                },
                failure -> {
                    loading.set(false);
                    error(messageFor(path, failure));
                });
    }

    /** Shows a project's photo; the project's own parts are restored by {@link ProjectsViewModel}. */
    public void showProject(BufferedImage argb, Path projectFile) {
        image.set(new DocumentImage(argb, projectFile.toAbsolutePath(), String.valueOf(projectFile.getFileName()),
                "Maskfill project"));
    }

    /**
     * Shows work restored after a crash under the name of the file it belongs to ({@code origin}, a project or a
     * photo; null for pasted work), so the title and Save point there and not at the recovery file.
     */
    public void showRestored(BufferedImage argb, Path origin) {
        image.set(new DocumentImage(argb, origin, origin == null ? "Restored work" : String.valueOf(origin.getFileName()),
                "Restored work"));
    }

    /**
     * The open photo as an edit changed it (Extend Canvas and its undo): the same work, so listeners keep its mask
     * history and results instead of starting anew.
     */
    public void replaceImage(DocumentImage same) {
        if (!same.continues(image.get())) {
            throw new IllegalArgumentException("not the open photo's work: " + same.name());
        }
        image.set(same);
    }

    /** File ▸ Close and New: no photo open any more, the editor as it started. */
    public void close() {
        image.set(null);
    }

    /** Puts a file first in File ▸ Open Recent. */
    public void rememberRecent(Path file) {
        Path absolute = file.toAbsolutePath();
        settings.rememberRecent(absolute.toString());
        settings.lastFolder = absolute.getParent() == null ? null : absolute.getParent().toString();
        recentFiles.setAll(settings.recentFiles);
        saveSettings();
    }

    /** Shows pixels that came without a file (the clipboard). */
    public void openPasted(BufferedImage argb) {
        image.set(new DocumentImage(argb, null, "Pasted image", "Clipboard"));
        info("Pasted image, " + argb.getWidth() + " × " + argb.getHeight() + " px");
    }

    public void error(String text) {
        notice.set(new Notice(text, Notice.Severity.ERROR, noticeSerial.incrementAndGet()));
    }

    public void info(String text) {
        notice.set(new Notice(text, Notice.Severity.INFO, noticeSerial.incrementAndGet()));
    }

    public void clearRecentFiles() {
        recentFiles.clear();
        settings.recentFiles.clear();
        saveSettings();
    }

    private void show(DecodedImage decoded, Path path) {
        Path absolute = path.toAbsolutePath();
        image.set(new DocumentImage(decoded.image(), absolute, String.valueOf(absolute.getFileName()),
                decoded.formatName()));
        rememberRecent(absolute);
        List<String> notices = decoded.notices();
        if (!notices.isEmpty()) {
            info(String.join("; ", notices));
        }
    }

    /** Writes the settings now (a change that must outlive a crash: a cost, a price limit). */
    public void saveSettings() {
        try {
            settingsStore.save(settings);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot save settings: " + e.getMessage());
        }
    }

    private static String messageFor(Path path, Throwable failure) {
        if (failure instanceof ImageLoadException) {
            return failure.getMessage();
        }
        if (failure instanceof OutOfMemoryError) {
            return path.getFileName() + " does not fit in the memory Maskfill may use.";
        }
        LOG.log(System.Logger.Level.ERROR, "Unexpected failure opening " + path, failure);
        return path.getFileName() + " could not be opened: " + failure;
    }
}
