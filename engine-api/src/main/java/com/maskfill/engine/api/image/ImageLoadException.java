package com.maskfill.engine.api.image;

/** An image could not be opened; the message names the file and says why, for the user to read. */
public final class ImageLoadException extends Exception {

    public ImageLoadException(String message) {
        super(message);
    }

    public ImageLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
