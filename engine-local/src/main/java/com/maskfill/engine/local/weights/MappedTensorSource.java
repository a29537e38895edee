package com.maskfill.engine.local.weights;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A view of another checkpoint under different names, where one exposed tensor may be several stored ones
 * concatenated along their first axis, or have its two halves swapped, or be reshaped (same elements). Used to read
 * diffusers-format FLUX checkpoints in reference (BFL) names.
 */
public final class MappedTensorSource implements TensorSource {

    /** How one exposed tensor is made. */
    record Mapping(List<String> parts, boolean swapHalves, long[] reshape) {

        static Mapping rename(String part) {
            return new Mapping(List.of(part), false, null);
        }

        static Mapping concat(String... parts) {
            return new Mapping(List.of(parts), false, null);
        }

        static Mapping swapped(String part) {
            return new Mapping(List.of(part), true, null);
        }

        static Mapping reshaped(String part, long... shape) {
            return new Mapping(List.of(part), false, shape);
        }
    }

    private final TensorSource inner;
    private final String label;
    private final Map<String, Mapping> mappings;

    /** Only the mappings whose parts all exist in {@code inner} are exposed. */
    MappedTensorSource(TensorSource inner, String label, Map<String, Mapping> mappings) {
        this.inner = inner;
        this.label = label;
        Map<String, Mapping> present = new LinkedHashMap<>();
        mappings.forEach((name, mapping) -> {
            if (mapping.parts().stream().allMatch(inner::contains)) {
                present.put(name, mapping);
            }
        });
        this.mappings = Collections.unmodifiableMap(present);
    }

    @Override
    public String describe() {
        return inner.describe() + " (" + label + ")";
    }

    @Override
    public Set<String> names() {
        return mappings.keySet();
    }

    /**
     * The exposed tensor's entry: dtype and file of its first part, the combined shape. For a concatenation the byte
     * range is nominal (the first part's start, the parts' total length).
     */
    @Override
    public TensorInfo info(String name) {
        Mapping mapping = mapping(name);
        List<TensorInfo> parts = new ArrayList<>();
        for (String part : mapping.parts()) {
            parts.add(inner.info(part));
        }
        TensorInfo first = parts.get(0);
        long[] shape = first.shape();
        long bytes = 0;
        for (TensorInfo part : parts) {
            bytes += part.byteLength();
            if (part != first) {
                long[] s = part.shape();
                if (s.length != shape.length || !Arrays.equals(Arrays.copyOfRange(s, 1, s.length),
                        Arrays.copyOfRange(shape, 1, shape.length)) || !part.dtypeName().equals(first.dtypeName())) {
                    throw WeightsException.inTensor(part.file(), part.name(), "cannot be stacked under "
                            + first.name() + " to make '" + name + "': " + part.dtypeName() + Arrays.toString(s)
                            + " vs " + first.dtypeName() + Arrays.toString(first.shape()));
                }
                shape[0] += s[0];
            }
        }
        if (mapping.reshape() != null) {
            shape = mapping.reshape();
        }
        return new TensorInfo(first.file(), name, first.dtypeName(), shape, first.begin(), first.begin() + bytes);
    }

    @Override
    public float[] readFloat32(String name) {
        Mapping mapping = mapping(name);
        TensorInfo combined = info(name);
        float[] out = new float[Math.toIntExact(combined.elementCount())];
        int at = 0;
        for (String part : mapping.parts()) {
            float[] values = inner.readFloat32(part);
            System.arraycopy(values, 0, out, at, values.length);
            at += values.length;
        }
        if (mapping.swapHalves()) {
            int half = out.length / 2;
            float[] swapped = new float[out.length];
            System.arraycopy(out, half, swapped, 0, half);
            System.arraycopy(out, 0, swapped, half, half);
            out = swapped;
        }
        return out;
    }

    private Mapping mapping(String name) {
        Mapping mapping = mappings.get(name);
        if (mapping == null) {
            throw new WeightsException(describe() + ": tensor '" + name + "': not in this checkpoint");
        }
        return mapping;
    }

    @Override
    public void close() {
        inner.close();
    }
}
