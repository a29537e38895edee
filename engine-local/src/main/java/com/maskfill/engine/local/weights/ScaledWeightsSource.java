package com.maskfill.engine.local.weights;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * "fp8 scaled" checkpoints (ComfyUI's {@code *_fp8_scaled.safetensors}): each fp8 {@code X.weight} comes with a
 * float {@code X.scale_weight} (or {@code X.weight_scale}), and the real weight is their product. This view applies
 * the scale on read and hides the scale tensors (and the {@code scaled_fp8} marker), so a scaled checkpoint reads like
 * a plain one. Input scales ({@code scale_input}) only matter to fp8 matmuls and are hidden too.
 */
public final class ScaledWeightsSource implements TensorSource {

    private static final String[] SCALE_SUFFIXES = {".scale_weight", ".weight_scale"};

    private final TensorSource inner;
    private final Map<String, String> scaleOf;
    private final Set<String> names;

    private ScaledWeightsSource(TensorSource inner, Map<String, String> scaleOf, Set<String> names) {
        this.inner = inner;
        this.scaleOf = scaleOf;
        this.names = names;
    }

    /** The source itself when it has no weight scales, else the scaling view. */
    public static TensorSource wrapIfScaled(TensorSource source) {
        Map<String, String> scaleOf = new LinkedHashMap<>();
        Set<String> hidden = new LinkedHashSet<>();
        for (String name : source.names()) {
            for (String suffix : SCALE_SUFFIXES) {
                if (name.endsWith(suffix)) {
                    String weight = name.substring(0, name.length() - suffix.length()) + ".weight";
                    if (source.contains(weight)) {
                        scaleOf.put(weight, name);
                    }
                    hidden.add(name);
                }
            }
            if (name.equals("scaled_fp8") || name.endsWith(".scale_input") || name.endsWith(".input_scale")) {
                hidden.add(name);
            }
        }
        if (scaleOf.isEmpty()) {
            return source;
        }
        Set<String> names = new LinkedHashSet<>(source.names());
        names.removeAll(hidden);
        return new ScaledWeightsSource(source, Collections.unmodifiableMap(scaleOf), Collections.unmodifiableSet(names));
    }

    @Override
    public String describe() {
        return inner.describe();
    }

    @Override
    public Set<String> names() {
        return names;
    }

    @Override
    public TensorInfo info(String name) {
        if (!names.contains(name)) {
            throw new WeightsException(describe() + ": tensor '" + name + "': not in this checkpoint");
        }
        return inner.info(name);
    }

    @Override
    public float[] readFloat32(String name) {
        float[] values = inner.readFloat32(info(name).name());
        String scaleName = scaleOf.get(name);
        if (scaleName == null) {
            return values;
        }
        float[] scale = inner.readFloat32(scaleName);
        long rows = inner.info(name).shape().length == 0 ? 1 : inner.info(name).shape()[0];
        if (scale.length == 1) {
            for (int i = 0; i < values.length; i++) values[i] *= scale[0];
        } else if (scale.length == rows) {
            int rowSize = (int) (values.length / rows);
            for (int i = 0; i < values.length; i++) values[i] *= scale[i / rowSize];
        } else {
            TensorInfo s = inner.info(scaleName);
            throw WeightsException.inTensor(s.file(), scaleName, "scale of shape " + Arrays.toString(s.shape())
                    + " fits neither the whole of '" + name + "' nor its " + rows + " rows");
        }
        return values;
    }

    @Override
    public void close() {
        inner.close();
    }
}
