package com.maskfill.app.cli;

import com.maskfill.app.Version;
import com.maskfill.app.ui.MaskfillApp;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code maskfill [IMAGE]} opens the editor; subcommands run jobs headless. */
@Command(name = "maskfill",
        mixinStandardHelpOptions = true,
        subcommands = {GenerateCommand.class, ModelsCommand.class},
        versionProvider = MaskfillCommand.VersionProvider.class,
        description = {
            "Text-guided inpainting with FLUX.1 Fill [dev].",
            "Without a subcommand, opens the editor (with IMAGE, if given)."
        })
public final class MaskfillCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "IMAGE",
            description = "Image to open in the editor (PNG, JPEG, BMP, GIF, TIFF or WebP).")
    Path image;

    public static CommandLine commandLine() {
        return new CommandLine(new MaskfillCommand());
    }

    @Override
    public Integer call() {
        MaskfillApp.launchEditor(image);
        return 0;
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "Maskfill " + Version.get(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
            };
        }
    }
}
