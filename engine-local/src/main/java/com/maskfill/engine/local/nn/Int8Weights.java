package com.maskfill.engine.local.nn;

/**
 * Symmetric int8 quantization with one scale per output row ({@code w ≈ q * scale}, {@code scale = max|row| / 127}):
 * a quarter of float32's memory with a worst-case error of half a step per weight. Done in Java because it runs once
 * per weight while loading, on the host, before anything reaches the device.
 */
public record Int8Weights(byte[] values, float[] scales) {

    public static Int8Weights quantize(float[] weights, int rows, int columns) {
        if ((long) rows * columns != weights.length) {
            throw new IllegalArgumentException(weights.length + " weights are not " + rows + " x " + columns);
        }
        byte[] q = new byte[weights.length];
        float[] scales = new float[rows];
        for (int r = 0; r < rows; r++) {
            int start = r * columns;
            float max = 0;
            for (int c = 0; c < columns; c++) {
                max = Math.max(max, Math.abs(weights[start + c]));
            }
            float scale = max == 0 ? 1f : max / 127f;
            scales[r] = scale;
            for (int c = 0; c < columns; c++) {
                q[start + c] = (byte) Math.round(weights[start + c] / scale);
            }
        }
        return new Int8Weights(q, scales);
    }

    /** The float values these stand for. */
    public float[] dequantize() {
        int columns = values.length / scales.length;
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i] * scales[i / columns];
        }
        return out;
    }
}
