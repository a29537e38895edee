package com.maskfill.engine.api.pipeline;

import java.util.Arrays;
import java.util.Locale;

/** Times an operation for the benchmark mains and prints one {@code name value ms} line. */
final class BenchmarkTimer {

    private static final int WARM_UPS = 2;
    private static final int RUNS = 5;

    private BenchmarkTimer() {
    }

    /** Prints the median of {@value #RUNS} runs after {@value #WARM_UPS} warm-ups. */
    static void report(String name, Runnable op) {
        for (int i = 0; i < WARM_UPS; i++) {
            op.run();
        }
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            op.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        System.out.println(name + " " + String.format(Locale.ROOT, "%.1f", ms[RUNS / 2]) + " ms");
    }
}
