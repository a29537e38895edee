package com.maskfill.app.ui;

import com.maskfill.app.model.DocumentImage;
import com.maskfill.app.history.ResultHistory;
import com.maskfill.app.io.AtomicFiles;
import com.maskfill.app.project.OraExport;
import com.maskfill.app.project.ResultGroup;
import com.maskfill.app.project.ResultLayer;
import com.maskfill.engine.api.pipeline.PasteBack;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Writes what the designer sees — the photo with the shown result — or one result layer alone, as PNG or JPEG. */
public final class ExportViewModel {

    private final EditorViewModel editor;
    private final ResultHistory results;
    private final BackgroundTasks tasks;

    public ExportViewModel(EditorViewModel editor, ResultHistory results, BackgroundTasks tasks) {
        this.editor = editor;
        this.results = results;
        this.tasks = tasks;
    }

    /** The format follows the file name: .jpg/.jpeg writes JPEG, anything else PNG. */
    public void export(Path file, boolean layerOnly) {
        DocumentImage document = editor.getImage();
        ResultLayer layer = results.getSelected();
        if (document == null || layerOnly && layer == null) {
            editor.error(layerOnly ? "Show a result first (← →) to export it." : "Open a photo first.");
            return;
        }
        BufferedImage picture = layerOnly ? layer.pixels() : composite(document, layer);
        tasks.run(() -> {
            write(picture, file);
            return file;
        }, written -> editor.info("Exported " + written.getFileName() + "."),
                failure -> editor.error("Could not export " + file.getFileName() + ": " + failure.getMessage()));
    }

    /**
     * Writes the work as layered OpenRaster ({@link OraExport}): the photo, every result still in the history, and
     * the mask ({@code mask}: a copy, one byte per photo pixel). Snapshotted here on the FX thread.
     */
    public void exportLayered(Path file, byte[] mask) {
        DocumentImage document = editor.getImage();
        if (document == null) {
            editor.error("Open a photo first.");
            return;
        }
        BufferedImage photo = document.copyOfPixels();
        List<ResultGroup> groups = List.copyOf(results.groups());
        ResultLayer shown = results.getSelected();
        tasks.run(() -> {
            OraExport.write(file, photo, mask, groups, shown);
            return file;
        }, written -> editor.info("Exported " + written.getFileName() + " with " + groups.stream()
                .mapToInt(g -> g.layers().size()).sum() + " result layer(s) and the mask (hidden)."),
                failure -> editor.error("Could not export " + file.getFileName() + ": " + failure.getMessage()));
    }

    /** A copy of the photo with the shown result blended in where it belongs. Taken on the FX thread. */
    static BufferedImage composite(DocumentImage photo, ResultLayer shown) {
        BufferedImage out = photo.copyOfPixels();
        if (shown != null) {
            // as Apply would blend it, so the export is what applying gives
            PasteBack.blendInto(out, shown.region(), shown.pixels());
        }
        return out;
    }

    static void write(BufferedImage picture, Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean jpeg = name.endsWith(".jpg") || name.endsWith(".jpeg");
        BufferedImage encoded = jpeg ? onWhite(picture) : picture;
        AtomicFiles.write(file, temp -> {
            if (!ImageIO.write(encoded, jpeg ? "jpeg" : "png", temp.toFile())) {
                throw new IOException("no " + (jpeg ? "JPEG" : "PNG") + " writer");
            }
        });
    }

    /** JPEG has no alpha: flatten onto white, the way other editors export. */
    private static BufferedImage onWhite(BufferedImage picture) {
        BufferedImage rgb = new BufferedImage(picture.getWidth(), picture.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, picture.getWidth(), picture.getHeight());
        g.drawImage(picture, 0, 0, null);
        g.dispose();
        return rgb;
    }
}
