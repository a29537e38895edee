package com.maskfill.engine.local.weights;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where one tensor lives: its file, name, dtype as written, shape and absolute byte range in the file.
 *
 * @param dtypeName the dtype string from the header; {@link #dtype()} is empty when the engine cannot read it
 */
public record TensorInfo(Path file, String name, String dtypeName, long[] shape, long begin, long end) {

    public TensorInfo {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public Optional<TensorDtype> dtype() {
        return TensorDtype.fromSafetensors(dtypeName);
    }

    public long elementCount() {
        long count = 1;
        for (long dim : shape) {
            count = Math.multiplyExact(count, dim);
        }
        return count;
    }

    public long byteLength() {
        return end - begin;
    }

    public boolean hasShape(long... expected) {
        return Arrays.equals(shape, expected);
    }

    /** The same tensor under another name (for prefix stripping and key mappings). */
    public TensorInfo renamed(String newName) {
        return new TensorInfo(file, newName, dtypeName, shape, begin, end);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TensorInfo that && file.equals(that.file) && name.equals(that.name)
                && dtypeName.equals(that.dtypeName) && Arrays.equals(shape, that.shape) && begin == that.begin
                && end == that.end;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * file.hashCode() + name.hashCode()) + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + dtypeName + Arrays.toString(shape) + " in " + file;
    }
}
