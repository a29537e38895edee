package com.maskfill.engine.api.pipeline;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/** Splits row or column loops over large rasters across the common pool's threads. */
final class Bands {

    /** Below this many pixels, splitting across threads costs more than it saves. */
    private static final int PARALLEL_MIN_PIXELS = 1 << 18;

    @FunctionalInterface
    interface Band {
        void run(int from, int to);
    }

    private Bands() {
    }

    /** Runs {@code band} over {@code 0..count}, in pieces on several threads when {@code pixels} is large. */
    static void run(int count, long pixels, Band band) {
        int threads = pixels < PARALLEL_MIN_PIXELS ? 1 : ForkJoinPool.getCommonPoolParallelism() + 1;
        int chunks = Math.min(count, threads * 4);
        if (chunks <= 1 || threads == 1) {
            band.run(0, count);
            return;
        }
        IntStream.range(0, chunks).parallel()
                .forEach(c -> band.run((int) ((long) count * c / chunks), (int) ((long) count * (c + 1) / chunks)));
    }
}
