package com.maskfill.engine.api.pipeline;


/**
 * Times the mask operations on a 7680×4320 (33 MP) mask, the editor's worst case. Not a test; run with
 * {@code java -cp engine-api/target/classes:engine-api/target/test-classes
 * com.maskfill.engine.api.pipeline.MaskOpsBenchmark}. Prints {@code name value unit} lines (median of 5 runs
 * after 2 warm-ups).
 */
public final class MaskOpsBenchmark {

    private static final int W = 7680;
    private static final int H = 4320;

    private MaskOpsBenchmark() {
    }

    public static void main(String[] args) {
        byte[] mask = sampleMask();
        int radius = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        BenchmarkTimer.report("mask.feather_ms.33mp", () -> MaskOps.feather(mask, W, H, radius));
        BenchmarkTimer.report("mask.grow_ms.33mp", () -> MaskOps.grow(mask, W, H, radius));
        BenchmarkTimer.report("mask.shrink_ms.33mp", () -> MaskOps.shrink(mask, W, H, radius));
        BenchmarkTimer.report("mask.grow_r200_ms.33mp", () -> MaskOps.grow(mask, W, H, 200));
        BenchmarkTimer.report("mask.feather_r200_ms.33mp", () -> MaskOps.feather(mask, W, H, 200));
        BenchmarkTimer.report("mask.bbox_ms.33mp", () -> MaskOps.boundingBox(mask, W, H));
        System.out.println("mask.threads " + (java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + 1) + " threads");
    }

    /** A large soft-edged ellipse, a hard rectangle and scattered brush dabs: a realistic mix of edges. */
    private static byte[] sampleMask() {
        byte[] m = new byte[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double dx = (x - 2500) / 1500.0;
                double dy = (y - 2000) / 1100.0;
                double e = dx * dx + dy * dy;
                int v = e < 0.9 ? 255 : e < 1 ? (int) ((1 - e) * 2550) : 0;
                if (x > 5000 && x < 7000 && y > 500 && y < 1500) {
                    v = 255;
                }
                m[y * W + x] = (byte) v;
            }
        }
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < 2000; i++) {
            int cx = random.nextInt(W);
            int cy = random.nextInt(H);
            for (int y = Math.max(0, cy - 12); y < Math.min(H, cy + 12); y++) {
                for (int x = Math.max(0, cx - 12); x < Math.min(W, cx + 12); x++) {
                    if ((x - cx) * (x - cx) + (y - cy) * (y - cy) < 144) {
                        m[y * W + x] = (byte) 255;
                    }
                }
            }
        }
        return m;
    }
}
