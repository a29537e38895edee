package com.maskfill.app.project;

import java.io.IOException;

/** A project file cannot be read or written; the message names the file and what is wrong. */
public final class ProjectFileException extends IOException {

    public ProjectFileException(String message) {
        super(message);
    }

    public ProjectFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
