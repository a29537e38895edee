package com.maskfill.engine.local.text;

import java.util.Random;

/** Plain-loop reference math for tiny encoder tests: every formula written out element by element. */
final class NaiveMath {

    private NaiveMath() {
    }

    static float[] random(Random r, int n, float scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (r.nextGaussian() * scale);
        return a;
    }

    /** x (rows x in) times w^T, w stored [out][in], plus bias (may be null). */
    static double[][] linear(double[][] x, float[] w, float[] b, int out) {
        int in = x[0].length;
        double[][] y = new double[x.length][out];
        for (int t = 0; t < x.length; t++)
            for (int o = 0; o < out; o++) {
                double s = b == null ? 0 : b[o];
                for (int i = 0; i < in; i++) s += x[t][i] * w[o * in + i];
                y[t][o] = s;
            }
        return y;
    }

    static double[][] rmsNorm(double[][] x, float[] w, double eps) {
        double[][] y = new double[x.length][x[0].length];
        for (int t = 0; t < x.length; t++) {
            double ms = 0;
            for (double v : x[t]) ms += v * v;
            ms /= x[t].length;
            for (int i = 0; i < x[t].length; i++) y[t][i] = x[t][i] / Math.sqrt(ms + eps) * w[i];
        }
        return y;
    }

    static double[][] layerNorm(double[][] x, float[] w, float[] b, double eps) {
        double[][] y = new double[x.length][x[0].length];
        for (int t = 0; t < x.length; t++) {
            double mean = 0;
            for (double v : x[t]) mean += v;
            mean /= x[t].length;
            double var = 0;
            for (double v : x[t]) var += (v - mean) * (v - mean);
            var /= x[t].length;
            for (int i = 0; i < x[t].length; i++) y[t][i] = (x[t][i] - mean) / Math.sqrt(var + eps) * w[i] + b[i];
        }
        return y;
    }

    /** Multi-head attention; bias[h][i][j] added to the scores (may be null). */
    static double[][] attention(double[][] q, double[][] k, double[][] v, int heads, double scale, double[][][] bias,
            boolean causal) {
        int len = q.length;
        int d = q[0].length / heads;
        double[][] out = new double[len][q[0].length];
        for (int h = 0; h < heads; h++)
            for (int i = 0; i < len; i++) {
                double[] p = new double[len];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < len; j++) {
                    if (causal && j > i) {
                        p[j] = Double.NEGATIVE_INFINITY;
                        continue;
                    }
                    double s = 0;
                    for (int e = 0; e < d; e++) s += q[i][h * d + e] * k[j][h * d + e];
                    p[j] = s * scale + (bias == null ? 0 : bias[h][i][j]);
                    max = Math.max(max, p[j]);
                }
                double sum = 0;
                for (int j = 0; j < len; j++) sum += p[j] = Math.exp(p[j] - max);
                for (int j = 0; j < len; j++)
                    for (int e = 0; e < d; e++) out[i][h * d + e] += p[j] / sum * v[j][h * d + e];
            }
        return out;
    }

    static double geluTanh(double x) {
        return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
    }

    static void addInPlace(double[][] x, double[][] y) {
        for (int t = 0; t < x.length; t++)
            for (int i = 0; i < x[t].length; i++) x[t][i] += y[t][i];
    }

    static double relativeL2(float[] actual, double[] expected) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < actual.length; i++) {
            diff += (actual[i] - expected[i]) * (actual[i] - expected[i]);
            norm += expected[i] * expected[i];
        }
        return Math.sqrt(diff / norm);
    }
}
