package com.maskfill.engine.local.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import com.maskfill.engine.local.nn.Ops;
import com.maskfill.engine.local.nn.Stages;
import com.maskfill.engine.local.nn.WeightScope;
import com.maskfill.engine.local.weights.AutoencoderParams;
import com.maskfill.engine.local.weights.TensorSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The FLUX autoencoder (reference autoencoder.py) in float32: {@link #encode} gives the scaled, shifted posterior mean
 * (the reference does not sample), {@link #decode} the image in [-1, 1] (unclamped). Every stage runs in its own
 * NDManager scope, so only the current activation is alive between stages.
 */
public final class Autoencoder implements AutoCloseable {

    /** Query rows per chunk of the mid-block attention (one head over all latent pixels). */
    public static final int DEFAULT_ATTENTION_CHUNK = 1024;

    private final NDManager weights;
    private final AutoencoderParams params;
    private final List<UnaryOperator<NDArray>> encoderStages = new ArrayList<>();
    private final List<UnaryOperator<NDArray>> decoderStages = new ArrayList<>();
    private int attentionChunk = DEFAULT_ATTENTION_CHUNK;

    private Autoencoder(NDManager weights, AutoencoderParams params, TensorSource s) {
        this.weights = weights;
        this.params = params;
        buildEncoder(s);
        buildDecoder(s);
    }

    /** Loads every weight (BFL names) as float32 into a new sub-manager of {@code parent}. */
    public static Autoencoder load(NDManager parent, TensorSource bflWeights, AutoencoderParams params) {
        return WeightScope.load(parent, m -> new Autoencoder(m, params, bflWeights));
    }

    public void setAttentionChunk(int rows) {
        this.attentionChunk = WeightScope.attentionChunk(rows);
    }

    private void buildEncoder(TensorSource s) {
        int[] mult = params.chMult();
        long ch = params.ch();
        Conv convIn = Conv.load(weights, s, "encoder.conv_in", ch, params.inChannels(), 3, 1, 1);
        encoderStages.add(convIn::apply);
        long blockIn = ch;
        for (int l = 0; l < mult.length; l++) {
            long blockOut = ch * mult[l];
            for (int b = 0; b < params.numResBlocks(); b++) {
                encoderStages.add(ResnetBlock.load(weights, s, "encoder.down." + l + ".block." + b, blockIn,
                        blockOut)::apply);
                blockIn = blockOut;
            }
            if (l != mult.length - 1) {
                // the reference pads right and bottom by one before a stride-2 conv without padding
                Conv down = Conv.load(weights, s, "encoder.down." + l + ".downsample.conv", blockIn, blockIn, 3, 2, 0);
                encoderStages.add(x -> down.apply(x.pad(new Shape(0, 1, 0, 1), 0)));
            }
        }
        addMid(encoderStages, s, "encoder.mid", blockIn);
        GroupNorm normOut = GroupNorm.load(weights, s, "encoder.norm_out", blockIn);
        Conv convOut = Conv.load(weights, s, "encoder.conv_out", 2L * params.zChannels(), blockIn, 3, 1, 1);
        float scale = (float) params.scaleFactor();
        float shift = (float) params.shiftFactor();
        int z = params.zChannels();
        encoderStages.add(x -> {
            NDArray moments = convOut.apply(Ops.silu(normOut.apply(x)));
            NDArray mean = moments.get(new NDIndex(":, :{}", z));
            return mean.sub(shift).mul(scale);
        });
    }

    private void buildDecoder(TensorSource s) {
        int[] mult = params.chMult();
        long ch = params.ch();
        long blockIn = ch * mult[mult.length - 1];
        Conv convIn = Conv.load(weights, s, "decoder.conv_in", blockIn, params.zChannels(), 3, 1, 1);
        float scale = (float) params.scaleFactor();
        float shift = (float) params.shiftFactor();
        decoderStages.add(z -> convIn.apply(z.div(scale).add(shift)));
        addMid(decoderStages, s, "decoder.mid", blockIn);
        for (int l = mult.length - 1; l >= 0; l--) {
            long blockOut = ch * mult[l];
            for (int b = 0; b <= params.numResBlocks(); b++) {
                decoderStages.add(ResnetBlock.load(weights, s, "decoder.up." + l + ".block." + b, blockIn,
                        blockOut)::apply);
                blockIn = blockOut;
            }
            if (l != 0) {
                Conv up = Conv.load(weights, s, "decoder.up." + l + ".upsample.conv", blockIn, blockIn, 3, 1, 1);
                decoderStages.add(x -> {
                    // nearest-neighbour x2; the half-repeated and repeated copies are freed once convolved
                    try (NDArray rows = x.repeat(2, 2); NDArray both = rows.repeat(3, 2)) {
                        return up.apply(both);
                    }
                });
            }
        }
        GroupNorm normOut = GroupNorm.load(weights, s, "decoder.norm_out", blockIn);
        Conv convOut = Conv.load(weights, s, "decoder.conv_out", params.outCh(), blockIn, 3, 1, 1);
        decoderStages.add(x -> convOut.apply(Ops.silu(normOut.apply(x))));
    }

    private void addMid(List<UnaryOperator<NDArray>> stages, TensorSource s, String p, long c) {
        stages.add(ResnetBlock.load(weights, s, p + ".block_1", c, c)::apply);
        AttnBlock attn = AttnBlock.load(weights, s, p + ".attn_1", c);
        stages.add(x -> attn.apply(x, attentionChunk));
        stages.add(ResnetBlock.load(weights, s, p + ".block_2", c, c)::apply);
    }

    /** (B, 3, H, W) pixels in [-1, 1], H and W multiples of 8, to the (B, z, H/8, W/8) latent the transformer uses. */
    public NDArray encode(NDArray image) {
        return run(encoderStages, image);
    }

    /** (B, z, h, w) latent to (B, 3, 8h, 8w) pixels, nominally in [-1, 1]. */
    public NDArray decode(NDArray latent) {
        return run(decoderStages, latent);
    }

    private static NDArray run(List<UnaryOperator<NDArray>> stages, NDArray input) {
        return Stages.foldKeeping(input.getManager(), input, stages, (stage, x, scope) -> stage.apply(x));
    }

    @Override
    public void close() {
        weights.close();
    }
}
