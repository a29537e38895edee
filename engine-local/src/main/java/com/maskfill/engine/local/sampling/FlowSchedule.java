package com.maskfill.engine.local.sampling;

/**
 * The reference's time steps (sampling.py get_schedule, local-engine.md §2.7): {@code steps + 1} points from 1 to 0,
 * shifted towards 1 by {@code mu}, which grows linearly with the number of image tokens (0.5 at 256, 1.15 at 4096).
 * Float32 arithmetic in the reference's order, so the values equal the reference's.
 */
public final class FlowSchedule {

    private static final double BASE_SHIFT = 0.5;
    private static final double MAX_SHIFT = 1.15;

    private FlowSchedule() {
    }

    public static float[] timesteps(int steps, int imageTokens) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        double slope = (MAX_SHIFT - BASE_SHIFT) / (4096 - 256);
        double mu = slope * imageTokens + (BASE_SHIFT - slope * 256);
        float expMu = (float) Math.exp(mu);
        float[] linear = linspaceOneToZero(steps + 1);
        float[] out = new float[linear.length];
        for (int i = 0; i < out.length; i++) {
            float t = linear[i];
            // exp(mu) / (exp(mu) + (1/t - 1)); torch evaluates scalar / tensor as reciprocal times scalar
            float denominator = expMu + (1f / t - 1f);
            out[i] = (1f / denominator) * expMu;
        }
        return out;
    }

    /** torch.linspace(1, 0, n) in float32: the first half steps from the start, the second half from the end. */
    private static float[] linspaceOneToZero(int n) {
        float[] out = new float[n];
        if (n == 1) {
            out[0] = 1f;
            return out;
        }
        float step = -1f / (n - 1);
        int halfway = n / 2;
        for (int i = 0; i < n; i++) {
            out[i] = i < halfway ? 1f + step * i : 0f - step * (n - 1 - i);
        }
        return out;
    }
}
