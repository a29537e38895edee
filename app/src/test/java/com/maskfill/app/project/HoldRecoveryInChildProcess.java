package com.maskfill.app.project;

import java.nio.file.Files;
import java.nio.file.Path;

/** A running editor's recovery files: writes its own, says where, and holds it until killed. */
public final class HoldRecoveryInChildProcess {

    private HoldRecoveryInChildProcess() {
    }

    public static void main(String[] args) throws Exception {
        RecoveryFiles files = RecoveryFiles.open(Path.of(args[0]));
        Files.writeString(files.own(), "autosaved work");
        System.out.println(files.own());
        System.out.flush();
        Thread.sleep(120_000);
    }
}
