package com.maskfill.engine.local.weights;

import java.io.Closeable;
import java.util.Arrays;
import java.util.Set;

/** Named tensors read lazily, one at a time: a safetensors file, a sharded checkpoint, or a renamed view of one. */
public interface TensorSource extends Closeable {

    /** A short description for messages (the file or folder). */
    String describe();

    Set<String> names();

    default boolean contains(String name) {
        return names().contains(name);
    }

    /** The tensor's header entry; a {@link WeightsException} naming the source and the tensor when it is absent. */
    TensorInfo info(String name);

    /** The tensor converted exactly to float32 (integers to the nearest float32), in row-major order. */
    float[] readFloat32(String name);

    /** As {@link #readFloat32(String)}, after checking the tensor has exactly the expected shape. */
    default float[] readFloat32(String name, long... expectedShape) {
        TensorInfo info = info(name);
        if (!info.hasShape(expectedShape)) {
            throw WeightsException.inTensor(info.file(), name, "shape " + Arrays.toString(info.shape())
                    + ", expected " + Arrays.toString(expectedShape));
        }
        return readFloat32(name);
    }

    /** Releases open files; mapped regions already handed out stay valid until collected. */
    @Override
    void close();
}
