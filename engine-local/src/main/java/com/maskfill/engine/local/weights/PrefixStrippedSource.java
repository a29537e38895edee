package com.maskfill.engine.local.weights;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A view of another source with a key prefix removed, e.g. ComfyUI's {@code model.diffusion_model.} in front of
 * BFL transformer keys. Keys without the prefix are hidden.
 */
public final class PrefixStrippedSource implements TensorSource {

    private final TensorSource inner;
    private final String prefix;
    private final Map<String, String> innerName;

    public PrefixStrippedSource(TensorSource inner, String prefix) {
        this.inner = inner;
        this.prefix = prefix;
        Map<String, String> names = new LinkedHashMap<>();
        for (String name : inner.names()) {
            if (name.startsWith(prefix)) {
                names.put(name.substring(prefix.length()), name);
            }
        }
        this.innerName = Collections.unmodifiableMap(names);
    }

    /** The source itself when no key starts with the prefix, else a stripped view. */
    public static TensorSource stripIfPresent(TensorSource source, String prefix) {
        boolean present = source.names().stream().anyMatch(n -> n.startsWith(prefix));
        return present ? new PrefixStrippedSource(source, prefix) : source;
    }

    @Override
    public String describe() {
        return inner.describe() + " (without '" + prefix + "')";
    }

    @Override
    public Set<String> names() {
        return innerName.keySet();
    }

    @Override
    public TensorInfo info(String name) {
        return inner.info(resolve(name)).renamed(name);
    }

    @Override
    public float[] readFloat32(String name) {
        return inner.readFloat32(resolve(name));
    }

    private String resolve(String name) {
        String full = innerName.get(name);
        if (full == null) {
            throw new WeightsException(inner.describe() + ": tensor '" + prefix + name + "': not in this file");
        }
        return full;
    }

    @Override
    public void close() {
        inner.close();
    }
}
