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
        MaskPngFiles.LoadedMask loaded = MaskPngFiles.readLuminance(file, mask.width(), mask.height());
        commands.replaceAll(loaded.pixels(), "Load mask");
        return Optional.ofNullable(loaded.notice());
    }

    /** Imports a PNG's alpha channel (transparent = regenerate) as one undoable entry; returns the scaling notice, if any. */
    public Optional<String> importAlpha(Path file) throws IOException {
        MaskPngFiles.LoadedMask loaded = MaskPngFiles.readAlpha(file, mask.width(), mask.height());
        commands.replaceAll(loaded.pixels(), "Import mask from alpha");
        return Optional.ofNullable(loaded.notice());
    }

    /** Saves the mask as an 8-bit grayscale PNG. */
    public void savePng(Path file) throws IOException {
        MaskPngFiles.write(mask, file);
    }
}
