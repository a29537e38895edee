package com.maskfill.engine.local.bench;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import com.maskfill.engine.local.nn.Ops;
import com.maskfill.engine.local.transformer.RotaryEmbedding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Not a test: the transformer's element-wise operations as they were (composed, one new array per operation) and as
 * they are (fused, in place), timed interleaved on the same tensors so a loaded machine slows both alike. Shapes of
 * {@code FillBenchmark}'s mid model (hidden 1024, 8 heads of 128, MLP 4096, 128 text tokens) at 256² (384 tokens) and
 * 512² (1152 tokens). Prints {@code name value unit} lines: the median time of each, the old over the new, and how
 * many arrays each leaves in its scope (what stays allocated until the block ends).
 */
public final class OpsBenchmark {

    private static final int HIDDEN = 1024;
    private static final int HEADS = 8;
    private static final int HEAD_DIM = 128;
    private static final int MLP = 4096;
    private static final int TEXT_TOKENS = 128;

    private OpsBenchmark() {
    }

    /** The implementations before this change, copied verbatim. */
    static final class Before {

        static NDArray geluTanh(NDArray x) {
            float sqrt2OverPi = (float) Math.sqrt(2 / Math.PI);
            NDArray inner = x.pow(3).mul(0.044715f).add(x).mul(sqrt2OverPi).tanh().add(1f);
            return x.mul(inner).mul(0.5f);
        }

        static NDArray rmsNorm(NDArray x, NDArray scale, float eps) {
            int last = x.getShape().dimension() - 1;
            NDArray rms = x.square().mean(new int[] {last}, true).add(eps).sqrt();
            return x.div(rms).mul(scale);
        }

        static NDArray rope(NDArray x, NDArray cos, NDArray sin) {
            Shape s = x.getShape();
            NDArray pairs = x.reshape(s.get(0), s.get(1), s.get(2), s.get(3) / 2, 2);
            NDArray even = pairs.get(new NDIndex("..., 0"));
            NDArray odd = pairs.get(new NDIndex("..., 1"));
            NDArray outEven = even.mul(cos).sub(odd.mul(sin));
            NDArray outOdd = even.mul(sin).add(odd.mul(cos));
            return NDArrays.stack(new NDList(outEven, outOdd), 4).reshape(s);
        }

        static NDArray modulate(NDArray x, NDArray shift, NDArray scale) {
            return x.mul(scale.add(1f)).add(shift);
        }

        static NDArray attention(NDArray q, NDArray k, NDArray v) {
            float scale = (float) (1 / Math.sqrt(q.getShape().get(3)));
            NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul(scale);
            return scores.softmax(3).matMul(v);
        }
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        for (int size : new int[] {256, 512}) {
            int tokens = TEXT_TOKENS + (size / 16) * (size / 16);
            try (NDManager m = NDManager.newBaseManager()) {
                m.getEngine().setRandomSeed(1);
                run(m, size, tokens, rounds);
            }
        }
    }

    private static void run(NDManager m, int size, int tokens, int rounds) {
        NDArray mlpIn = m.randomNormal(new Shape(1, tokens, MLP));
        NDArray fusedQkv = m.randomNormal(new Shape(1, tokens, 3 * HIDDEN));
        // a query as the blocks see it: a head view of the fused projection, not contiguous
        NDArray query = fusedQkv.reshape(1, tokens, 3, HEADS, HEAD_DIM).transpose(2, 0, 3, 1, 4).get(0);
        NDArray normScale = m.randomNormal(new Shape(HEAD_DIM));
        NDArray heads = m.randomNormal(new Shape(1, HEADS, tokens, HEAD_DIM));
        NDArray keys = m.randomNormal(new Shape(1, HEADS, tokens, HEAD_DIM));
        NDArray values = m.randomNormal(new Shape(1, HEADS, tokens, HEAD_DIM));
        NDArray stream = m.randomNormal(new Shape(1, tokens, HIDDEN));
        NDArray shift = m.randomNormal(new Shape(1, 1, HIDDEN));
        NDArray scale = m.randomNormal(new Shape(1, 1, HIDDEN));
        NDArray cos = m.randomNormal(new Shape(1, 1, tokens, HEAD_DIM / 2));
        NDArray sin = m.randomNormal(new Shape(1, 1, tokens, HEAD_DIM / 2));
        float[] ids = new float[tokens * 3];
        for (int t = TEXT_TOKENS; t < tokens; t++) {
            ids[3 * t + 1] = (t - TEXT_TOKENS) / (size / 16);
            ids[3 * t + 2] = (t - TEXT_TOKENS) % (size / 16);
        }
        RotaryEmbedding rope = RotaryEmbedding.of(m, m.create(ids, new Shape(1, tokens, 3)), new int[] {16, 56, 56},
                10_000);

        List<Pair> pairs = List.of(
                new Pair("gelu_tanh", s -> Before.geluTanh(mlpIn), s -> Ops.geluTanh(mlpIn)),
                new Pair("rms_norm", s -> Before.rmsNorm(query, normScale, 1e-6f),
                        s -> Ops.rmsNorm(query, normScale, 1e-6f)),
                // the blocks rotate a fresh normalized query they no longer need, so the new one gets a copy
                new Pair("rope", s -> Before.rope(heads, cos, sin), s -> rope.rotate(heads.duplicate())),
                new Pair("modulate", s -> Before.modulate(stream.duplicate(), shift, scale),
                        s -> stream.duplicate().muli(scale.add(1f)).addi(shift)),
                new Pair("attention", s -> Before.attention(heads, keys, values),
                        s -> Ops.attention(heads, keys, values, Integer.MAX_VALUE)));
        for (Pair p : pairs) {
            p.arraysOld = arraysLeft(m, p.old);
            p.arraysNew = arraysLeft(m, p.current);
        }
        for (int r = 0; r < rounds; r++) {
            for (Pair p : pairs) {
                p.timesOld.add(time(m, p.old));
                p.timesNew.add(time(m, p.current));
            }
        }
        for (Pair p : pairs) {
            double old = median(p.timesOld);
            double now = median(p.timesNew);
            String n = "ops." + size + "." + p.name;
            System.out.printf(Locale.ROOT, "%s.old_ms %.3f ms%n%s.new_ms %.3f ms%n%s.old_over_new %.2f x%n"
                    + "%s.old_arrays_left %d arrays%n%s.new_arrays_left %d arrays%n", n, old, n, now, n, old / now,
                    n, p.arraysOld, n, p.arraysNew);
        }
    }

    private static final class Pair {
        final String name;
        final Function<NDManager, NDArray> old;
        final Function<NDManager, NDArray> current;
        final List<Double> timesOld = new ArrayList<>();
        final List<Double> timesNew = new ArrayList<>();
        int arraysOld;
        int arraysNew;

        Pair(String name, Function<NDManager, NDArray> old, Function<NDManager, NDArray> current) {
            this.name = name;
            this.old = old;
            this.current = current;
        }
    }

    /** Arrays the operation leaves in its scope (its result included), inputs not counted. */
    private static int arraysLeft(NDManager m, Function<NDManager, NDArray> op) {
        try (NDManager scope = withInputs(m)) {
            int before = count(scope);
            op.apply(scope);
            return count(scope) - before;
        }
    }

    private static double time(NDManager m, Function<NDManager, NDArray> op) {
        try (NDManager scope = withInputs(m)) {
            long t0 = System.nanoTime();
            op.apply(scope); // DJL's CPU operations are synchronous
            return (System.nanoTime() - t0) / 1e6;
        }
    }

    /** A scope holding every input for the moment, so what an operation allocates is freed with it. */
    private static NDManager withInputs(NDManager m) {
        NDManager scope = m.newSubManager();
        for (NDArray in : List.copyOf(((BaseNDManager) m).getManagedArrays())) {
            in.tempAttach(scope);
        }
        return scope;
    }

    private static int count(NDManager m) {
        return ((BaseNDManager) m).getManagedArrays().size();
    }

    private static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a[a.length / 2];
    }
}
