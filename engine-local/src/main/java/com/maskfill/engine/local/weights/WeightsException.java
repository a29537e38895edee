package com.maskfill.engine.local.weights;

import java.nio.file.Path;

/**
 * A weights file that cannot be used: missing, truncated, corrupt, or holding a tensor of the wrong shape or an
 * unsupported dtype. The message always names the file, and the tensor when one is concerned.
 */
public class WeightsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WeightsException(String message) {
        super(message);
    }

    public WeightsException(String message, Throwable cause) {
        super(message, cause);
    }

    static WeightsException inFile(Path file, String problem) {
        return new WeightsException(file + ": " + problem);
    }

    static WeightsException inFile(Path file, String problem, Throwable cause) {
        return new WeightsException(file + ": " + problem, cause);
    }

    static WeightsException inTensor(Path file, String tensor, String problem) {
        return new WeightsException(file + ": tensor '" + tensor + "': " + problem);
    }
}
