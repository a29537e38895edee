package com.maskfill.app.project;

import java.nio.file.Path;

/** Saves a large project over and over until killed; {@link ProjectFileTest} kills it half-way through. */
public final class SaveInChildProcess {

    private SaveInChildProcess() {
    }

    public static void main(String[] args) throws Exception {
        Project big = ProjectSamples.project(3000, 2000, "second version");
        while (true) {
            ProjectFile.save(big, Path.of(args[0]));
        }
    }
}
