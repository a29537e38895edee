package com.maskfill.engine.local.plan;

import com.maskfill.engine.local.weights.FluxParams;
import com.maskfill.engine.local.weights.TensorInfo;
import com.maskfill.engine.local.weights.TensorSource;

/**
 * Parameter counts of the components, the memory planner's raw material, and the transformer's shape (for
 * activation estimates).
 *
 * @param t5Params 0 when the T5 encoder is not needed (absent or every prompt cached); likewise {@code clipParams}
 */
public record ModelSizes(long transformerParams, FluxParams transformer, long t5Params, long clipParams,
        long autoencoderParams, int autoencoderChannels) {

    /** FLUX.1 Fill [dev] as published: 11.9 G transformer, 4.76 G T5-XXL, 123 M CLIP-L, 84 M autoencoder. */
    public static final ModelSizes FLUX1_FILL_DEV = new ModelSizes(11_902_391_360L, FluxParams.FLUX1_FILL_DEV,
            4_762_310_656L, 123_060_480L, 83_819_683L, 128);

    /** Counts every element of a source's tensors. */
    public static long parameters(TensorSource source) {
        long total = 0;
        for (String name : source.names()) {
            TensorInfo info = source.info(name);
            long n = 1;
            for (long d : info.shape()) {
                n *= d;
            }
            total += n;
        }
        return total;
    }
}
