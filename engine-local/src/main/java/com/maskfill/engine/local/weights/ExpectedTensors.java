package com.maskfill.engine.local.weights;

import java.util.Arrays;
import java.util.Map;

/** Checks a checkpoint against the tensors a model needs, before any of them is read. */
public final class ExpectedTensors {

    private ExpectedTensors() {
    }

    /**
     * Every expected tensor must be present with exactly its shape and a readable dtype; extra tensors are allowed
     * (e.g. fp8 scales). The first problem found is thrown, naming the file and the tensor.
     */
    public static void verify(TensorSource source, Map<String, long[]> expected) {
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            if (!source.contains(e.getKey())) {
                throw new WeightsException(source.describe() + ": tensor '" + e.getKey() + "': missing (expected shape "
                        + Arrays.toString(e.getValue()) + ")");
            }
            TensorInfo info = source.info(e.getKey());
            if (!info.hasShape(e.getValue())) {
                throw WeightsException.inTensor(info.file(), info.name(), "shape " + Arrays.toString(info.shape())
                        + ", expected " + Arrays.toString(e.getValue()));
            }
            if (info.dtype().isEmpty()) {
                throw WeightsException.inTensor(info.file(), info.name(), "unsupported dtype " + info.dtypeName()
                        + " (supported: " + TensorDtype.supportedNames() + ")");
            }
        }
    }
}
