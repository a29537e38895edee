package com.maskfill.app.tools;

import com.maskfill.app.mask.Mask;
import com.maskfill.app.mask.MaskDocument;
import com.maskfill.app.mask.MaskEdge;
import com.maskfill.app.mask.MaskPngFiles;
import java.io.File;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCombination;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The Edit (undo, redo) and Mask menus of the editor window, acting through {@link CanvasMaskTools}. The
 * single-key tool shortcuts are not menu accelerators (they must not fire while typing); the Ctrl ones are this
 * menu's accelerators, and no other key handler repeats them.
 */
public final class MaskMenus {

    private final CanvasMaskTools maskTools;
    private final Window owner;
    private final Consumer<String> info;
    private final Consumer<String> error;
    private final Background background;

    /**
     * @param info  shows a passing message (e.g. "mask scaled to the image")
     * @param error shows a failure in words the user understands
     * @param background where mask files are read and written, off the FX thread
     */
    public MaskMenus(CanvasMaskTools maskTools, Window owner, Consumer<String> info, Consumer<String> error,
                     Background background) {
        this.maskTools = maskTools;
        this.background = background;
        this.owner = owner;
        this.info = info;
        this.error = error;
    }

    public Menu edit() {
        MenuItem undo = item("Undo", "Shortcut+Z", maskTools::undo);
        MenuItem redo = item("Redo", "Shortcut+Shift+Z", maskTools::redo);
        MenuItem redoY = item("Redo", "Shortcut+Y", maskTools::redo);
        redoY.setVisible(false);
        Menu menu = new Menu("Edit", null, undo, redo, redoY);
        menu.setOnShowing(e -> {
            MaskDocument doc = maskTools.document();
            undo.setText(doc != null && doc.history().canUndo() ? "Undo " + doc.history().undoDescription() : "Undo");
            redo.setText(doc != null && doc.history().canRedo() ? "Redo " + doc.history().redoDescription() : "Redo");
        });
        return menu;
    }

    public Menu mask() {
        CheckMenuItem show = new CheckMenuItem("Show Mask Overlay (M)");
        show.selectedProperty().bindBidirectional(maskTools.overlayVisibleProperty());
        CheckMenuItem maskOnly = new CheckMenuItem("Show Mask Only (Black and White)");
        maskOnly.selectedProperty().addListener((obs, old, on) -> maskTools.setMaskOnly(on));
        Menu menu = new Menu("Mask", null,
                item("Fill All", null, maskTools::fillAll),
                item("Clear", "Shortcut+Backspace", maskTools::clear),
                item("Invert", "Shortcut+I", maskTools::invert),
                new SeparatorMenuItem(),
                item("Grow…", null, () -> askRadius(MaskEdge.GROW)),
                item("Shrink…", null, () -> askRadius(MaskEdge.SHRINK)),
                item("Feather…", null, () -> askRadius(MaskEdge.FEATHER)),
                new SeparatorMenuItem(),
                item("Load Mask…", null, this::loadMask),
                item("Import Mask from Alpha…", null, this::importAlpha),
                item("Save Mask…", null, this::saveMask),
                new SeparatorMenuItem(),
                show, maskOnly);
        for (MenuItem item : menu.getItems()) {
            if (item != show && item != maskOnly) {
                item.disableProperty().bind(maskTools.documentProperty().isNull());
            }
        }
        return menu;
    }

    /**
     * Asks for the radius, with the overlay previewing the would-be mask meanwhile; OK applies it as one undo
     * step, Cancel leaves the mask (and the overlay) as they were.
     */
    private void askRadius(MaskEdge edge) {
        if (!maskTools.idle()) {
            return;
        }
        MaskEdgeDialog dialog = new MaskEdgeDialog(owner, edge, r -> maskTools.previewEdge(edge, r));
        Optional<Integer> answer;
        try {
            answer = dialog.showAndWait();
        } finally {
            maskTools.endPreview();
        }
        MaskDocument doc = maskTools.document();
        if (answer.isEmpty() || doc == null) {
            return;
        }
        try {
            if (!doc.commands().edge(edge, answer.get())) {
                info.accept(edge.title() + ": nothing to change.");
            }
        } catch (IllegalArgumentException e) {
            error.accept(edge.title() + ": " + e.getMessage());
        }
    }

    /** Reads a mask file fitted to a document; called off the FX thread. */
    @FunctionalInterface
    private interface MaskReader {
        MaskPngFiles.LoadedMask read(MaskDocument doc, java.nio.file.Path file) throws IOException;
    }

    /** Runs slow work off the FX thread and hands the outcome back on it (the editor's background tasks). */
    public interface Background {
        <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);
    }

    private void loadMask() {
        loadWith("Load Mask (white = regenerate)", MaskDocument::readPng, "Load mask");
    }

    private void importAlpha() {
        loadWith("Import Mask from Alpha (transparent = regenerate)", MaskDocument::readAlpha,
                "Import mask from alpha");
    }

    /** Decodes in the background (a large PNG takes seconds); the mask changes on the FX thread, as one step. */
    private void loadWith(String title, MaskReader reader, String description) {
        File file = pngChooser(title).showOpenDialog(owner);
        MaskDocument doc = maskTools.document();
        if (file != null && doc != null && maskTools.idle()) {
            background.run(() -> reader.read(doc, file.toPath()), loaded -> {
                if (maskTools.document() == doc) {
                    doc.replaceWith(loaded, description).ifPresent(info);
                } else {
                    error.accept(file.getName() + " was not loaded: another photo was opened meanwhile.");
                }
            }, failure -> error.accept(failure.getMessage()));
        }
    }

    private void saveMask() {
        FileChooser chooser = pngChooser("Save Mask");
        chooser.setInitialFileName("mask.png");
        File file = chooser.showSaveDialog(owner);
        MaskDocument doc = maskTools.document();
        if (file != null && doc != null) {
            // a copy taken now, so painting on while it is written changes nothing in the file
            Mask copy = Mask.fromByteArray(doc.mask().width(), doc.mask().height(), doc.mask().toByteArray());
            background.run(() -> {
                MaskPngFiles.write(copy, file.toPath());
                return file;
            }, saved -> info.accept("Mask saved to " + saved.getName()),
                    failure -> error.accept("Cannot save the mask to " + file + ": " + failure.getMessage()));
        }
    }

    private static FileChooser pngChooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("PNG images", "*.png", "*.PNG"),
                new FileChooser.ExtensionFilter("All files", "*"));
        return chooser;
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(e -> action.run());
        return item;
    }
}
