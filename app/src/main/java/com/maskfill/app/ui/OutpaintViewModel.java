package com.maskfill.app.ui;

import com.maskfill.app.model.DocumentImage;
import com.maskfill.app.mask.Mask;
import com.maskfill.app.mask.MaskDocument;
import com.maskfill.app.outpaint.CanvasExtension;
import com.maskfill.app.outpaint.Outpainting;
import com.maskfill.app.project.Project;
import com.maskfill.app.project.ResultGroup;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Grows the photo for outpainting, keeping the mask and the results where they were on it; undoable. */
public final class OutpaintViewModel {

    private final EditorViewModel editor;
    private final JobsViewModel jobs;
    private final JobSettingsViewModel settings;
    private final Supplier<MaskDocument> maskDocument;
    private final Consumer<Mask> replaceMask;
    /** The photos Extend Canvas made (weakly: the undo history decides how long they live). */
    private final Set<DocumentImage> grownPhotos = Collections.newSetFromMap(new WeakHashMap<>());

    /**
     * @param maskDocument the open photo's mask and its undo history
     * @param replaceMask shows another mask over the same history
     */
    public OutpaintViewModel(EditorViewModel editor, JobsViewModel jobs, JobSettingsViewModel settings,
                             Supplier<MaskDocument> maskDocument, Consumer<Mask> replaceMask) {
        this.editor = editor;
        this.jobs = jobs;
        this.settings = settings;
        this.maskDocument = maskDocument;
        this.replaceMask = replaceMask;
    }

    /** Extends the canvas; the new area is masked and pre-filled, ready for Generate. Ctrl+Z takes it back. */
    public void extend(CanvasExtension extension) {
        DocumentImage document = editor.getImage();
        if (document == null || extension.isEmpty()) {
            return;
        }
        String refused = extension.whyRefused(document.width(), document.height());
        if (refused != null) {
            editor.error("The canvas cannot be extended: " + refused + ".");
            return;
        }
        MaskDocument masks = maskDocument.get();
        Outpainting.Extended extended = Outpainting.extend(document.pixels(), extension);
        ExtendCanvasEdit.Canvas before = new ExtendCanvasEdit.Canvas(document, masks.mask());
        ExtendCanvasEdit.Canvas after = new ExtendCanvasEdit.Canvas(document.grown(extended.image(), extension.left(), extension.top()),
                Mask.fromByteArray(extended.image().getWidth(), extended.image().getHeight(), extended.mask()));
        ExtendCanvasEdit edit = new ExtendCanvasEdit(before, after, this::show,
                jobs.results(), stranded -> setAside(after, stranded));
        grownPhotos.add(after.photo());
        edit.redo();
        masks.history().push(edit);
        editor.info("Canvas extended to " + extended.image().getWidth() + " × " + extended.image().getHeight()
                + " px; only the new area is masked. Generate fills it (a prompt is optional); Ctrl+Z takes it back "
                + "with the mask painted before.");
    }

    /** Whether {@code photo} is a canvas Extend Canvas grew: Generate may then run with an empty prompt. */
    public boolean isExtension(DocumentImage photo) {
        return photo != null && grownPhotos.contains(photo);
    }

    private void show(ExtendCanvasEdit.Canvas canvas) {
        editor.replaceImage(canvas.photo());
        replaceMask.accept(canvas.mask());
    }

    /** Results in the area an undo took away: saved with the extended canvas, so nothing paid for is lost. */
    private void setAside(ExtendCanvasEdit.Canvas extended, List<ResultGroup> stranded) {
        jobs.placement().keepAside(new Project(extended.photo().copyOfPixels(), extended.mask().toByteArray(),
                settings.snapshot(), stranded), "extended-canvas", stranded.size() + " result(s) lie in the "
                + "extended area that undo took away; Ctrl+Y brings them back.");
    }
}
