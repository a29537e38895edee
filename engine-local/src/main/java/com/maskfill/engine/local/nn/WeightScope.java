package com.maskfill.engine.local.nn;

import ai.djl.ndarray.NDManager;
import java.util.function.Function;

/** Model components own their weights in a sub-manager of the caller's; these helpers keep that uniform. */
public final class WeightScope {

    private WeightScope() {
    }

    /** Builds a component in a new sub-manager of {@code parent}, closing the sub-manager if the build fails. */
    public static <T> T load(NDManager parent, Function<NDManager, T> build) {
        NDManager weights = parent.newSubManager();
        try {
            return build.apply(weights);
        } catch (RuntimeException e) {
            weights.close();
            throw e;
        }
    }

    /** The number of query rows per attention chunk, checked. */
    public static int attentionChunk(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("attention chunk must be at least 1 row, got " + rows);
        }
        return rows;
    }
}
