package com.maskfill.app.mask;

import com.maskfill.app.history.UndoHistory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** The mask of one open image together with its undo history and commands; what tools edit. */
public final class MaskDocument {

    private final Mask mask;
    private final UndoHistory history;
    private final MaskCommands commands;

    public MaskDocument(int width, int height) {
        this(new Mask(width, height), new UndoHistory());
    }

    public MaskDocument(Mask mask, UndoHistory history) {
        this.mask = mask;
        this.history = history;
        this.commands = new MaskCommands(mask, history);
    }

    public Mask mask() {
        return mask;
    }

    public UndoHistory history() {
        return history;
    }

    public MaskCommands commands() {
        return commands;
    }

    /** Loads a PNG mask (white = regenerate) as one undoable entry; returns the scaling notice, if any. */
    public Optional<String> loadPng(Path file) throws IOException {
        return replaceWith(readPng(file), "Load mask");
    }

    /** Imports a PNG's alpha channel (transparent = regenerate) as one undoable entry; returns the scaling notice, if any. */
    public Optional<String> importAlpha(Path file) throws IOException {
        return replaceWith(readAlpha(file), "Import mask from alpha");
    }

    /** Reads a PNG mask (white = regenerate) fitted to this document's size; touches nothing else, so any thread may call it. */
    public MaskPngFiles.LoadedMask readPng(Path file) throws IOException {
        return MaskPngFiles.readLuminance(file, mask.width(), mask.height());
    }

    /** Reads a PNG's transparency as a mask fitted to this document's size; any thread may call it. */
    public MaskPngFiles.LoadedMask readAlpha(Path file) throws IOException {
        return MaskPngFiles.readAlpha(file, mask.width(), mask.height());
    }

    /** Puts a read mask in as one undoable entry named {@code description}; returns its scaling notice, if any. */
    public Optional<String> replaceWith(MaskPngFiles.LoadedMask loaded, String description) {
        commands.replaceAll(loaded.pixels(), description);
        return Optional.ofNullable(loaded.notice());
    }

    /** Saves the mask as an 8-bit grayscale PNG. */
    public void savePng(Path file) throws IOException {
        MaskPngFiles.write(mask, file);
    }
}
