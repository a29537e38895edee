package com.maskfill.engine.local.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.maskfill.engine.local.weights.TensorInfo;
import com.maskfill.engine.local.weights.TensorSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The transformer's weights with LoRAs merged in as they are read: {@code W + s * up * down} for each update of a
 * layer (summed over the LoRAs, {@code s} = the user's strength times the file's alpha/rank), and the bias plus
 * {@code s * upBias}. Merged in float32 before anything converts the weights (fp16, int8), so every storage and both
 * devices see the same merged layer, and a step costs what it costs without LoRAs. The low-rank products are
 * computed by PyTorch on the CPU, one layer at a time.
 */
public final class LoraMergedSource implements TensorSource {

    /** A LoRA file with the strength the user gave it. */
    public record Applied(LoraFile lora, double strength) {
    }

    private final TensorSource base;
    private final List<Applied> loras;
    private final Map<String, List<Scaled>> byModule = new HashMap<>();

    private record Scaled(LoraUpdate update, float scale) {
    }

    public LoraMergedSource(TensorSource base, List<Applied> loras) {
        this.base = base;
        this.loras = List.copyOf(loras);
        for (Applied applied : this.loras) {
            for (LoraUpdate u : applied.lora().updates()) {
                byModule.computeIfAbsent(u.module(), k -> new ArrayList<>())
                        .add(new Scaled(u, (float) (u.scale() * applied.strength())));
            }
        }
    }

    @Override
    public String describe() {
        return base.describe() + " with " + loras.size() + " LoRA(s)";
    }

    @Override
    public Set<String> names() {
        return base.names();
    }

    @Override
    public TensorInfo info(String name) {
        return base.info(name);
    }

    @Override
    public float[] readFloat32(String name) {
        float[] values = base.readFloat32(name);
        boolean weight = name.endsWith(".weight");
        if (!weight && !name.endsWith(".bias")) {
            return values;
        }
        List<Scaled> updates = byModule.get(name.substring(0, name.lastIndexOf('.')));
        if (updates == null) {
            return values;
        }
        long[] shape = base.info(name).shape();
        for (Scaled s : updates) {
            if (weight) {
                addProduct(values, (int) shape[1], s.update(), s.scale());
            } else if (s.update().upBias() != null) {
                LoraUpdate u = s.update();
                for (int o = 0; o < u.out(); o++) {
                    values[row(u, o)] += s.scale() * u.upBias()[o];
                }
            }
        }
        return values;
    }

    /** The layer's row for the update's output row {@code o}. */
    private static int row(LoraUpdate u, int o) {
        return u.rowOffset() + (u.halvesSwapped() ? (o + u.out() / 2) % u.out() : o);
    }

    private static void addProduct(float[] w, int columns, LoraUpdate u, float scale) {
        float[] delta;
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            NDArray up = m.create(u.up(), new Shape(u.out(), u.rank()));
            NDArray down = m.create(u.down(), new Shape(u.rank(), u.in()));
            delta = up.matMul(down).toFloatArray();
        }
        for (int o = 0; o < u.out(); o++) {
            int to = row(u, o) * columns;
            int from = o * u.in();
            for (int c = 0; c < u.in(); c++) {
                w[to + c] += scale * delta[from + c];
            }
        }
    }

    /** Leaves the base open: it belongs to whoever opened it (the checkpoint). */
    @Override
    public void close() {
    }
}
