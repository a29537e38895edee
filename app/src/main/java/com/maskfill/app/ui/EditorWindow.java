package com.maskfill.app.ui;

import com.maskfill.app.model.EngineChoice;
import com.maskfill.app.model.DocumentImage;
import com.maskfill.app.canvas.CanvasView;
import com.maskfill.app.jobs.EngineJobRunner;
import com.maskfill.app.mask.Mask;
import com.maskfill.app.settings.AppSettings;
import com.maskfill.app.settings.CredentialStores;
import com.maskfill.app.settings.EngineReadiness;
import com.maskfill.engine.api.engine.EngineProviders;
import com.maskfill.app.settings.SettingsStore;
import com.maskfill.app.tools.CanvasMaskTools;
import com.maskfill.app.tools.MaskMenus;
import com.maskfill.app.tools.MaskToolsPanel;
import com.maskfill.app.tools.OverlayAfterApply;
import com.maskfill.app.tools.UndoReadout;
import org.kordamp.ikonli.javafx.FontIcon;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * The editor window: menus, the canvas, the side panel and the status bar, wired to the view models. It forwards
 * user actions to the view models and shows what they expose; it keeps no document state itself.
 */
public final class EditorWindow {

    private static final double DEFAULT_WIDTH = 1280;
    private static final double DEFAULT_HEIGHT = 820;

    private final Stage stage;
    private final EditorServices services;
    private final SettingsStore settingsStore;
    private final AppSettings settings;
    private final EditorViewModel editor;
    private final JobSettingsViewModel jobSettings;
    private final CanvasView canvas = new CanvasView();
    private final CanvasMaskTools maskTools = new CanvasMaskTools(canvas);
    private final JobsViewModel jobs;
    private final ResultsOnCanvas resultsOnCanvas;
    private final ProjectsViewModel projects;
    private final ExportViewModel exports;
    private final OutpaintViewModel outpaint;
    private final BoardViewModel board;
    private final Timeline autosave = new Timeline(new KeyFrame(Duration.seconds(30), e -> autosaveNow()));
    private final NoticeBar notifications;
    private final Menu recentMenu = new Menu("Open Recent");
    private final EngineReadiness readiness;
    private Consumer<String> linkOpener = url -> { };

    public EditorWindow(Stage stage, EditorServices services) {
        this.stage = stage;
        this.services = services;
        this.settingsStore = services.settingsStore();
        this.settings = settingsStore.load();
        this.editor = new EditorViewModel(services.tasks(), settingsStore, settings);
        this.jobSettings = new JobSettingsViewModel(services.engines());
        this.readiness = new EngineReadiness(EngineProviders.discover(),
                CredentialStores.asSource(services.credentials(), System.getenv()), this::engineOptions,
                id -> settings.engineEndpoints.get(id));
        jobSettings.setup().setCheck(readiness::of);
        // The engine used last time; on a first start, one that is set up, so a first Generate can work.
        jobSettings.engines().stream().filter(e -> e.id().equals(settings.lastEngine)).findFirst()
                .or(() -> jobSettings.setup().firstReady()).ifPresent(jobSettings.engineProperty()::set);
        jobSettings.setup().offerSetup();
        jobSettings.engineProperty().addListener((obs, old, chosen) ->
                settings.lastEngine = chosen == null ? null : chosen.id());
        this.jobs = new JobsViewModel(editor, jobSettings,
                new EngineJobRunner(CredentialStores.asSource(services.credentials(), System.getenv())),
                () -> maskTools.document().mask().toByteArray(),
                edit -> maskTools.document().history().push(edit),
                settingsStore.directory().resolve("recovered"), this::engineOptions,
                id -> settings.engineEndpoints.get(id), services.tasks());
        this.resultsOnCanvas = new ResultsOnCanvas(canvas, jobs.results(), maskTools.overlaySuppressedProperty());
        this.projects = new ProjectsViewModel(editor, jobSettings, jobs,
                () -> maskTools.document().mask().toByteArray(),
                this::restoreMask,
                settingsStore.directory(), services.tasks());
        OverlayAfterApply overlayAfterApply = new OverlayAfterApply(maskTools);
        jobs.setOnPhotoChanged(r -> {
            canvas.repaintPhoto(r.x(), r.y(), r.width(), r.height());
            overlayAfterApply.resultApplied();
            projects.photoChanged();
        });
        this.exports = new ExportViewModel(editor, jobs.results(), services.tasks());
        this.outpaint = new OutpaintViewModel(editor, jobs, jobSettings, maskTools::document, maskTools::replaceMask);
        jobs.setBlankPromptAllowed(outpaint::isExtension);
        maskTools.documentProperty().addListener((obs, old, doc) -> {
            // a grown canvas gets a new mask document over the same history: listen once
            if (doc != null && (old == null || old.history() != doc.history())) {
                doc.history().addListener(projects::changed);
            }
        });
        // Results are paid for: write them to the recovery file as soon as they arrive.
        jobs.placement().setOnResults(this::autosaveNow);
        autosave.setCycleCount(Timeline.INDEFINITE);
        autosave.play();

        canvas.setPlaceholderText("Open a photo to start: Ctrl+O, drop a file here, or paste one with Ctrl+V");
        notifications = new NoticeBar(canvas);

        PriceEstimateViewModel price = new PriceEstimateViewModel(jobSettings, maskTools.documentProperty());
        // Prompts stay in the user's settings folder, never in a project or a log.
        PromptHistoryViewModel promptHistory = new PromptHistoryViewModel(
                com.maskfill.app.settings.PromptHistory.load(settingsStore.directory()), jobSettings, services.tasks());
        DailyTotalViewModel dailyTotal = new DailyTotalViewModel(jobs.queue(), settings, services.clock(),
                editor::saveSettings);
        PriceCeilingViewModel ceiling = new PriceCeilingViewModel(settings, editor::saveSettings);
        jobs.setPriceApproval(new PriceApproval(ceiling, question -> ask(question, "Send Job", "Don't Send"),
                editor::error));
        SidePanel side = new SidePanel(jobSettings, jobs, price, dailyTotal, ceiling,
                this::openEngineSettings,
                job -> jobs.cancel(job, this::askToCancel),
                new PromptHistoryButton(promptHistory, jobSettings.engines()));
        ResultsPanel resultsBar = new ResultsPanel(jobs.results(), jobs.actions(), resultsOnCanvas.comparingProperty(),
                jobs.placement()::jobNumberOf);
        this.board = new BoardViewModel(jobs.results(),
                () -> editor.getImage() == null ? null : editor.getImage().pixels(),
                edit -> maskTools.document().history().push(edit), resultsOnCanvas.comparingProperty(),
                services.tasks(), jobs.placement()::jobNumberOf);
        resultsOnCanvas.compareAgainst(board.comparedProperty());

        EngineSetupCard setupCard = new EngineSetupCard(jobSettings.setup(), jobSettings, engine -> {
            jobSettings.engineProperty().set(engine);
            openEngineSettings();
        }, readiness::keyPage, url -> linkOpener.accept(url), this::openGetModel);
        StackPane.setAlignment(setupCard, javafx.geometry.Pos.TOP_CENTER);
        StackPane.setMargin(setupCard, new javafx.geometry.Insets(24));
        StackPane canvasArea = new StackPane(notifications.node(), setupCard);
        VBox.setVgrow(canvasArea, javafx.scene.layout.Priority.ALWAYS);
        BorderPane root = new BorderPane(new VBox(canvasArea, resultsBar));
        root.setTop(new VBox(menuBar(), new MaskToolsPanel(maskTools)));
        root.setRight(new javafx.scene.layout.HBox(new VariationBoard(board), side));

        StatusBar statusBar = new StatusBar(editor, canvas);
        statusBar.getChildren().add(new UndoReadout(maskTools));
        root.setBottom(statusBar);

        Scene scene = new Scene(root, DEFAULT_WIDTH, DEFAULT_HEIGHT);
        scene.getStylesheets().add(EditorWindow.class.getResource("maskfill.css").toExternalForm());
        installPanKey(scene);
        maskTools.install(scene);
        RememberedBrushes.attach(settings, maskTools.tools());
        new WindowKeys(canvas, jobs, resultsOnCanvas::showPhotoOnly, maskTools::idle, this::cancelRunningJob)
                .install(scene);
        installDragAndDrop(scene);
        stage.setScene(scene);
        stage.titleProperty().bind(WindowTitle.of(editor, projects));
        stage.setMinWidth(640);
        stage.setMinHeight(420);
        restoreBounds();
        stage.setOnCloseRequest(e -> {
            e.consume();
            requestClose();
        });
        stage.setOnHidden(e -> {
            saveBounds();
            autosave.stop();
            jobs.close();
            projects.close();
        });

        editor.imageProperty().addListener((obs, old, image) -> {
            if (image != null) {
                if (!image.continues(old)) {
                    maskTools.open(image.width(), image.height()); // a new, empty mask and undo history
                }
                canvas.setImage(image.pixels());
            } else {
                maskTools.close(); // File ▸ Close: back to the empty editor
                canvas.clearImage();
            }
        });
        editor.noticeProperty().addListener((obs, old, notice) -> show(notice));
        editor.recentFiles().addListener((ListChangeListener<String>) c -> rebuildRecentMenu());
        rebuildRecentMenu();
    }

    public void show() {
        stage.show();
        canvas.requestFocus();
    }

    public EditorViewModel editor() {
        return editor;
    }

    public JobSettingsViewModel jobSettings() {
        return jobSettings;
    }

    public CanvasView canvas() {
        return canvas;
    }

    /**
     * An engine's plain settings, with Maskfill's folder in the platform's cache folder by default (the local
     * engine keeps encoded prompts, converted weights and PyTorch's native libraries there; others ignore it).
     */
    private Map<String, String> engineOptions(String engineId) {
        Map<String, String> options = new HashMap<>(settings.engineOptions.getOrDefault(engineId, Map.of()));
        options.putIfAbsent("cache-dir", settingsStore.cacheDirectory().toString());
        return options;
    }

    private void restoreMask(byte[] bytes) {
        DocumentImage image = editor.getImage();
        maskTools.open(Mask.fromByteArray(image.width(), image.height(), bytes));
    }

    /** Generate ▸ Extend Canvas: asks for the sides, then grows the photo for outpainting. */
    public void extendCanvas() {
        DocumentImage image = editor.getImage();
        if (image != null) {
            new ExtendCanvasDialog(stage, image.width(), image.height()).showAndWait().ifPresent(outpaint::extend);
        }
    }

    public OutpaintViewModel outpaint() {
        return outpaint;
    }

    public ExportViewModel exports() {
        return exports;
    }

    public ProjectsViewModel projects() {
        return projects;
    }

    /** Writes the recovery file if anything changed since the last time. */
    public void autosaveNow() {
        projects.autosave();
    }

    public JobsViewModel jobs() {
        return jobs;
    }

    /** The variation board beside the canvas. */
    public BoardViewModel board() {
        return board;
    }

    public CanvasMaskTools maskTools() {
        return maskTools;
    }

    /** The message currently shown over the canvas, or empty. */
    public String shownNotice() {
        return notifications.shownText();
    }

    /** The notice bar (tests shorten how long information stays). */
    NoticeBar notices() {
        return notifications;
    }

    // --- menus ---

    private MenuBar menuBar() {
        MenuItem open = item("Open…", "Shortcut+O", "mdi2f-folder-open", this::chooseAndOpen);
        MenuItem paste = item("Paste Image", "Shortcut+V", "mdi2c-content-paste", this::paste);
        MenuItem save = item("Save Project", "Shortcut+S", "mdi2c-content-save-outline", () -> save(false));
        MenuItem saveAs = item("Save Project As…", "Shortcut+Shift+S", null, () -> save(true));
        MenuItem exportImage = item("Export Image…", "Shortcut+E", "mdi2e-export", () -> export(false));
        MenuItem exportLayer = item("Export Result Layer…", "Shortcut+Shift+E", null, () -> export(true));
        exportLayer.disableProperty().bind(jobs.results().selectedProperty().isNull());
        for (MenuItem needsImage : new MenuItem[] {save, saveAs, exportImage}) {
            needsImage.disableProperty().bind(editor.imageProperty().isNull());
        }
        MenuItem exportLayered = item("Export Layered (OpenRaster)…", null, null, this::exportLayered);
        MenuItem newWork = item("New", "Shortcut+N", "mdi2f-file-outline", this::closeWork);
        MenuItem close = item("Close", "Shortcut+W", null, this::closeWork);
        for (MenuItem needsImage : new MenuItem[] {exportLayered, newWork, close}) {
            needsImage.disableProperty().bind(editor.imageProperty().isNull());
        }
        MenuItem quit = item("Quit", "Shortcut+Q", null, this::requestClose);
        Menu file = new Menu("File", null, newWork, open, recentMenu, paste, new SeparatorMenuItem(), save, saveAs,
                new SeparatorMenuItem(), exportImage, exportLayer, exportLayered, new SeparatorMenuItem(), close,
                quit);

        MenuItem zoomIn = item("Zoom In", "Shortcut+Equals", "mdi2m-magnify-plus-outline", canvas::zoomIn);
        MenuItem zoomInPlus = item("Zoom In", "Shortcut+Plus", null, canvas::zoomIn);
        zoomInPlus.setVisible(false); // Ctrl++ as well as Ctrl+= (keyboards differ in which one needs Shift)
        MenuItem zoomOut = item("Zoom Out", "Shortcut+Minus", "mdi2m-magnify-minus-outline", canvas::zoomOut);
        MenuItem fit = item("Fit on Screen", "Shortcut+0", "mdi2f-fit-to-screen-outline", canvas::fit);
        MenuItem actual = item("Actual Pixels (100 %)", "Shortcut+1", null, canvas::actualSize);
        Menu view = new Menu("View", null, zoomIn, zoomInPlus, zoomOut, new SeparatorMenuItem(), fit, actual);

        MenuItem engineSettings = item("Engine Settings…", "Shortcut+Comma", "mdi2c-cog-outline",
                this::openEngineSettings);
        engineSettings.disableProperty().bind(jobSettings.engineProperty().isNull());
        MenuItem extend = item("Extend Canvas…", "Shortcut+Alt+C", "mdi2a-arrow-expand-all", this::extendCanvas);
        extend.disableProperty().bind(editor.imageProperty().isNull());
        MenuItem generate = item("Generate", "Shortcut+Enter", "mdi2c-creation", jobs::generate);
        // Esc itself is handled with the canvas keys: a mask gesture under way takes it first.
        MenuItem cancel = item("Cancel Running Job (Esc)", null, "mdi2c-close-circle-outline",
                this::cancelRunningJob);
        MenuItem getModel = item("Get the Model…", null, "mdi2d-download-outline", this::openGetModel);
        Menu engines = new Menu("Generate", null, generate, cancel, new SeparatorMenuItem(), extend,
                new SeparatorMenuItem(), engineSettings, getModel);

        MaskMenus maskMenus = new MaskMenus(maskTools, stage, editor::info, editor::error,
                services.tasks()::run);
        MenuBar bar = new MenuBar(file, maskMenus.edit(), view, maskMenus.mask(), engines);
        HelpMenu.addTo(bar, stage);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private static MenuItem item(String text, String accelerator, String icon, Runnable action) {
        MenuItem item = new MenuItem(text, icon == null ? null : new FontIcon(icon));
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    private void rebuildRecentMenu() {
        recentMenu.getItems().clear();
        for (String path : editor.recentFiles()) {
            MenuItem item = new MenuItem(path);
            item.setMnemonicParsing(false);
            item.setOnAction(e -> open(Path.of(path)));
            recentMenu.getItems().add(item);
        }
        if (!editor.recentFiles().isEmpty()) {
            MenuItem clear = new MenuItem("Clear Recent");
            clear.setOnAction(e -> editor.clearRecentFiles());
            recentMenu.getItems().addAll(new SeparatorMenuItem(), clear);
        }
        recentMenu.setDisable(editor.recentFiles().isEmpty());
    }

    /** The chosen engine's keys and base URL, in a dialog. */
    public void openEngineSettings() {
        EngineChoice engine = jobSettings.engineProperty().get();
        if (engine != null) {
            EngineSettingsViewModel model = new EngineSettingsViewModel(engine, services.credentials(), settings,
                    settingsStore);
            model.useEngineChecks(readiness, services.tasks());
            new EngineSettingsDialog(stage, model, url -> linkOpener.accept(url)).showAndWait();
            jobSettings.setup().refresh(); // a key or model folder may have been saved
        }
    }

    /** How web pages (a provider's key page) are opened: the application's host services. */
    public void setLinkOpener(Consumer<String> opener) {
        this.linkOpener = opener;
    }

    /** Downloads the local engine's model into the Hugging Face cache (HF_ENDPOINT, HF_HOME apply; HF_TOKEN or keychain). */
    public void openGetModel() {
        new GetModelDialog(stage, GetModelViewModel.forEditor(System.getenv(), services.credentials(),
                services.tasks())).show();
    }

    // --- opening ---

    private void chooseAndOpen() {
        FileDialogs.open(stage, editor.lastFolder()).ifPresent(this::open);
    }

    /**
     * Opens a photo, or a project when the file is one, in place of the work on screen: work changed since it
     * was saved (a mask, results not yet saved) is offered a save first, as Close does.
     */
    public void open(Path file) {
        whenWorkMayGo(() -> {
            if (ProjectsViewModel.isProject(file)) {
                projects.open(file);
            } else {
                editor.open(file);
            }
        });
    }

    /** Shows pixels from the clipboard or a drop in place of the work on screen, asking first like {@link #open}. */
    private void openPasted(BufferedImage pixels) {
        whenWorkMayGo(() -> editor.openPasted(pixels));
    }

    private void save(boolean chooseFile) {
        save(chooseFile, () -> { });
    }

    /** Saves (asking where when the work has no project file yet, or when asked to); {@code done} runs after. */
    private void save(boolean chooseFile, Runnable done) {
        Path target = projects.projectFileProperty().get();
        Optional<Path> where = chooseFile || target == null ? FileDialogs.saveProject(stage, editor.getImage(),
                settingsStore.directory(), editor.lastFolder()) : Optional.of(target);
        where.ifPresent(file -> projects.save(file, done));
    }

    private void exportLayered() {
        FileDialogs.exportLayered(stage, editor.getImage(), settingsStore.directory(), editor.lastFolder())
                .ifPresent(file -> exports.exportLayered(file, maskTools.document().mask().toByteArray()));
    }

    /** File ▸ New and Close: the empty editor, after offering to save changed work as Open does. */
    public void closeWork() {
        whenWorkMayGo(editor::close);
    }

    private void export(boolean layerOnly) {
        FileDialogs.export(stage, layerOnly, editor.getImage(), settingsStore.directory(), editor.lastFolder())
                .ifPresent(file -> exports.export(file, layerOnly));
    }

    /**
     * Closes the window unless the user wants to keep working: a running job would be cancelled, and work
     * changed since it was saved is offered a save first.
     */
    public void requestClose() {
        String jobsWarning = jobs.closeWarning();
        if (!jobsWarning.isEmpty() && !ask(jobsWarning, "Close and cancel", "Keep working")) {
            return;
        }
        whenWorkMayGo(stage::close);
    }

    /**
     * Runs {@code replace} (closing, opening or pasting over the work on screen) once the work may go: at once
     * when nothing changed since it was opened or saved, otherwise after asking whether to save it first (Save
     * runs it once the project is on disk; Cancel never runs it).
     */
    private void whenWorkMayGo(Runnable replace) {
        if (!projects.unsavedProperty().get()) {
            replace.run();
            return;
        }
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Don't Save", ButtonBar.ButtonData.NO);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "Your changes are lost if you don't save them.",
                save, discard, ButtonType.CANCEL);
        alert.initOwner(stage);
        alert.setHeaderText("Save the changes to " + editor.getImage().name() + " as a project?");
        ButtonType answer = alert.showAndWait().orElse(ButtonType.CANCEL);
        if (answer == save) {
            save(false, replace);
        } else if (answer == discard) {
            replace.run();
        }
    }

    /** Esc: a job already at the provider is cancelled only when the user says so. */
    private void cancelRunningJob() {
        jobs.cancelRunning(this::askToCancel);
    }

    private boolean askToCancel(String question) {
        return ask(question, "Cancel Job", "Keep Running");
    }

    private boolean ask(String question, String yes, String no) {
        ButtonType go = new ButtonType(yes, ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, question, go,
                new ButtonType(no, ButtonBar.ButtonData.CANCEL_CLOSE));
        alert.initOwner(stage);
        return alert.showAndWait().orElse(null) == go;
    }

    /**
     * What the editor does when it starts: offers work a crashed editor left, and only once that is restored or
     * discarded opens {@code file} (the command line's, e.g. a double-clicked photo), asking first when restored
     * work would be replaced. Null opens nothing.
     */
    public void start(Path file) {
        offerRecovery(() -> {
            if (file != null) {
                open(file);
            }
        });
    }

    /**
     * After a crash, offers the work it autosaved (the newest such file; others are offered after a Discard, or
     * at the next start, as is this one after Not Now); {@code then} runs once that is settled.
     */
    public void offerRecovery(Runnable then) {
        List<Path> left = projects.recoveries();
        if (left.isEmpty()) {
            then.run();
            return;
        }
        Path newest = left.get(0);
        left.stream().skip(1).forEach(projects::keepRecovery);
        ButtonType restore = new ButtonType("Restore", ButtonBar.ButtonData.OK_DONE);
        ButtonType discard = new ButtonType("Discard", ButtonBar.ButtonData.NO);
        ButtonType later = new ButtonType("Not Now", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION,
                "Maskfill did not close properly last time. Restore the work it saved automatically?",
                restore, discard, later);
        alert.initOwner(stage);
        alert.setHeaderText("Restore your last session?");
        // Closing the question (Esc) keeps the work for the next start: only Discard deletes it.
        ButtonType answer = alert.showAndWait().orElse(later);
        if (answer == restore) {
            projects.restoreRecovery(newest, then);
        } else if (answer == discard) {
            projects.discardRecovery(newest);
            offerRecovery(then);
        } else {
            projects.keepRecovery(newest);
            then.run();
        }
    }

    /** Ctrl+V: an image or an image file from the clipboard; plain text goes to the focused text field. */
    private void paste() {
        Clipboard clipboard = Clipboard.getSystemClipboard();
        if (clipboard.hasFiles() && !clipboard.getFiles().isEmpty()) {
            open(clipboard.getFiles().get(0).toPath());
        } else if (clipboard.hasImage()) {
            BufferedImage pixels = FxImages.toArgb(clipboard.getImage());
            if (pixels == null) {
                editor.error("The clipboard holds an image Maskfill cannot read.");
            } else {
                openPasted(pixels);
            }
        } else if (stage.getScene().getFocusOwner() instanceof TextInputControl text) {
            text.paste();
        } else {
            editor.error("The clipboard holds no image. Copy an image or an image file, then paste.");
        }
    }

    private void installDragAndDrop(Scene scene) {
        scene.addEventHandler(DragEvent.DRAG_OVER, e -> {
            if (e.getDragboard().hasFiles() || e.getDragboard().hasImage()) {
                e.acceptTransferModes(TransferMode.COPY);
                e.consume();
            }
        });
        scene.addEventHandler(DragEvent.DRAG_DROPPED, e -> {
            Dragboard board = e.getDragboard();
            Runnable open = null;
            if (board.hasFiles() && !board.getFiles().isEmpty()) {
                Path file = board.getFiles().get(0).toPath();
                open = () -> open(file);
            } else if (board.hasImage()) {
                BufferedImage pixels = FxImages.toArgb(board.getImage());
                if (pixels != null) {
                    open = () -> openPasted(pixels);
                }
            }
            e.setDropCompleted(open != null);
            e.consume();
            if (open != null) {
                Platform.runLater(open); // the question, if any, comes after the drop gesture has ended
            }
        });
    }

    /** Space held turns the primary button into a pan, unless the user is typing. */
    private void installPanKey(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.SPACE && !(scene.getFocusOwner() instanceof TextInputControl)) {
                canvas.panModeProperty().set(true);
                e.consume();
            }
        });
        scene.addEventFilter(KeyEvent.KEY_RELEASED, e -> {
            if (e.getCode() == KeyCode.SPACE) {
                canvas.panModeProperty().set(false);
            }
        });
    }

    // --- messages ---

    private void show(Notice notice) {
        notifications.show(notice);
    }

    // --- window bounds ---

    private void restoreBounds() {
        AppSettings.WindowBounds saved = settings.window;
        if (saved != null && saved.width() >= stage.getMinWidth() && saved.height() >= stage.getMinHeight()
                && !Screen.getScreensForRectangle(new Rectangle2D(saved.x(), saved.y(), saved.width(),
                        saved.height())).isEmpty()) {
            stage.setX(saved.x());
            stage.setY(saved.y());
            stage.setWidth(saved.width());
            stage.setHeight(saved.height());
            stage.setMaximized(saved.maximized());
        }
    }

    private void saveBounds() {
        settings.window = new AppSettings.WindowBounds(stage.getX(), stage.getY(), stage.getWidth(),
                stage.getHeight(), stage.isMaximized());
        try {
            settingsStore.save(settings);
        } catch (IOException e) {
            System.getLogger(EditorWindow.class.getName())
                    .log(System.Logger.Level.WARNING, "Cannot save settings: " + e.getMessage());
        }
    }
}
