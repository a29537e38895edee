package com.maskfill.engine.local.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The three RoPE coordinates of every token (local-engine.md §2.6): image tokens {@code [0, row, col]} in packed-grid
 * units, text tokens all zero. Float32, shape (1, L, 3).
 */
public final class PositionIds {

    private PositionIds() {
    }

    public static NDArray image(NDManager manager, int gridHeight, int gridWidth) {
        float[] ids = new float[gridHeight * gridWidth * 3];
        for (int row = 0; row < gridHeight; row++) {
            for (int col = 0; col < gridWidth; col++) {
                int t = (row * gridWidth + col) * 3;
                ids[t + 1] = row;
                ids[t + 2] = col;
            }
        }
        return manager.create(ids, new Shape(1, (long) gridHeight * gridWidth, 3));
    }

    public static NDArray text(NDManager manager, int tokens) {
        return manager.zeros(new Shape(1, tokens, 3));
    }
}
