package com.maskfill.app.ui;

import com.maskfill.app.model.DocumentImage;
import com.maskfill.app.project.OraExport;
import com.maskfill.app.project.ProjectFile;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The editor's file choosers: what they offer, where they start, and the names they suggest. */
final class FileDialogs {

    private FileDialogs() {
    }

    /** A photo or a project, starting in {@code folder} when it exists. */
    static Optional<Path> open(Window owner, Path folder) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open Image or Project");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Images and projects", "*.maskfill", "*.png", "*.jpg", "*.jpeg",
                        "*.bmp", "*.gif", "*.tif", "*.tiff", "*.webp", "*.PNG", "*.JPG", "*.JPEG", "*.BMP", "*.GIF",
                        "*.TIF", "*.TIFF", "*.WEBP"),
                new FileChooser.ExtensionFilter("All files", "*"));
        if (folder != null && Files.isDirectory(folder)) {
            chooser.setInitialDirectory(folder.toFile());
        }
        return path(chooser.showOpenDialog(owner));
    }

    /** A LoRA file for the local engine (FLUX LoRAs are .safetensors). */
    static Optional<Path> lora(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Add LoRA");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("LoRA", "*.safetensors", "*.SAFETENSORS"),
                new FileChooser.ExtensionFilter("All files", "*"));
        return path(chooser.showOpenDialog(owner));
    }

    /**
     * Where to save a project, suggesting the photo's name beside the photo ({@link #suggestedProject}); always
     * ends in .maskfill.
     */
    static Optional<Path> saveProject(Window owner, DocumentImage image, Path settingsFolder, Path lastFolder) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save Project");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Maskfill project", "*.maskfill"));
        if (image != null) {
            suggestIn(chooser, suggestedProject(image, settingsFolder, lastFolder));
        }
        return path(chooser.showSaveDialog(owner)).map(p -> ProjectsViewModel.isProject(p) ? p
                : p.resolveSibling(p.getFileName() + ProjectFile.EXTENSION));
    }

    /**
     * The project file Save suggests: the photo's (or project's) name in its folder; never in Maskfill's settings
     * folder (where recovery files live, and a designer never looks), then the last folder used instead. The
     * folder is absent (a bare name) when neither is known.
     */
    static Path suggestedProject(DocumentImage image, Path settingsFolder, Path lastFolder) {
        return suggested(image, settingsFolder, lastFolder, ProjectFile.EXTENSION);
    }

    /** {@link #suggestedProject}'s rule for any file made from the photo: its name (without extension) + {@code ending}. */
    static Path suggested(DocumentImage image, Path settingsFolder, Path lastFolder, String ending) {
        String name = image.name().replaceFirst("\\.[^.]+$", "") + ending;
        Path folder = image.source() == null ? null : image.source().toAbsolutePath().getParent();
        if (folder == null || settingsFolder != null && folder.startsWith(settingsFolder.toAbsolutePath())) {
            folder = lastFolder != null && !(settingsFolder != null
                    && lastFolder.toAbsolutePath().startsWith(settingsFolder.toAbsolutePath())) ? lastFolder : null;
        }
        return folder == null ? Path.of(name) : folder.resolve(name);
    }

    /**
     * Where to export a picture, suggesting {@link #exportName} beside the photo; the extension chosen decides PNG
     * or JPEG.
     */
    static Optional<Path> export(Window owner, boolean layerOnly, DocumentImage image, Path settingsFolder,
                                 Path lastFolder) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(layerOnly ? "Export Result Layer" : "Export Image");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("PNG", "*.png"),
                new FileChooser.ExtensionFilter("JPEG", "*.jpg", "*.jpeg"));
        if (image != null) {
            suggestIn(chooser, suggested(image, settingsFolder, lastFolder, exportName(layerOnly)));
        }
        return path(chooser.showSaveDialog(owner));
    }

    /** "-filled.png" for the picture as shown, "-result.png" for the result layer alone. */
    static String exportName(boolean layerOnly) {
        return layerOnly ? "-result.png" : "-filled.png";
    }

    private static void suggestIn(FileChooser chooser, Path suggested) {
        chooser.setInitialFileName(suggested.getFileName().toString());
        if (suggested.getParent() != null && Files.isDirectory(suggested.getParent())) {
            chooser.setInitialDirectory(suggested.getParent().toFile());
        }
    }

    /** Where to export a layered OpenRaster file, suggesting the photo's name; always ends in .ora. */
    static Optional<Path> exportLayered(Window owner, DocumentImage image, Path settingsFolder, Path lastFolder) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export Layered (OpenRaster)");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("OpenRaster (Krita, GIMP)", "*.ora"));
        if (image != null) {
            suggestIn(chooser, suggested(image, settingsFolder, lastFolder, OraExport.EXTENSION));
        }
        return path(chooser.showSaveDialog(owner)).map(p -> p.getFileName().toString().toLowerCase(
                java.util.Locale.ROOT).endsWith(OraExport.EXTENSION) ? p
                : p.resolveSibling(p.getFileName() + OraExport.EXTENSION));
    }

    private static Optional<Path> path(File chosen) {
        return Optional.ofNullable(chosen).map(File::toPath);
    }
}
