package com.maskfill.app;

import com.maskfill.app.cli.MaskfillCommand;

/**
 * The jar's entry point. A plain class on purpose: when the main class extends {@code Application}, the
 * launcher refuses to start from the class path ("JavaFX runtime components are missing").
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // Started from the class path, JavaFX warns on every start that it prefers the module path; the
        // packaged app runs from a jlinked runtime, and the warning only confuses someone running the jar.
        java.util.logging.Logger.getLogger("javafx").setLevel(java.util.logging.Level.SEVERE);
        int exitCode = MaskfillCommand.commandLine().execute(args);
        System.exit(exitCode);
    }
}
