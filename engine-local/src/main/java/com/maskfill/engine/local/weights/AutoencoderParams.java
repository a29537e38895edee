package com.maskfill.engine.local.weights;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Hyper-parameters of the FLUX autoencoder, in the reference (BFL) vocabulary. */
public record AutoencoderParams(int inChannels, int ch, int outCh, int[] chMult, int numResBlocks, int zChannels,
        double scaleFactor, double shiftFactor) {

    /** FLUX.1's autoencoder (reference util.py ae_params). */
    public static final AutoencoderParams FLUX1 = new AutoencoderParams(3, 128, 3, new int[] {1, 2, 4, 4}, 2, 16,
            0.3611, 0.1159);

    private static final Pattern DECODER_LEVEL = Pattern.compile("^decoder\\.up\\.(\\d+)\\.");
    private static final Pattern DECODER_BLOCK0 = Pattern.compile("^decoder\\.up\\.0\\.block\\.(\\d+)\\.");

    public AutoencoderParams {
        chMult = chMult.clone();
    }

    @Override
    public int[] chMult() {
        return chMult.clone();
    }

    public static AutoencoderParams fromReferenceJson(JsonNode p) {
        return new AutoencoderParams(p.path("in_channels").asInt(3), p.path("ch").asInt(128), p.path("out_ch").asInt(3),
                CheckpointKeys.ints(p.get("ch_mult"), FLUX1.chMult), p.path("num_res_blocks").asInt(2),
                p.path("z_channels").asInt(16),
                p.path("scale_factor").asDouble(FLUX1.scaleFactor), p.path("shift_factor").asDouble(FLUX1.shiftFactor));
    }

    /** From a diffusers {@code vae/config.json} (AutoencoderKL). */
    public static AutoencoderParams fromDiffusersConfig(JsonNode c) {
        int[] blockOut = CheckpointKeys.ints(c.get("block_out_channels"), new int[] {128, 256, 512, 512});
        int ch = blockOut[0];
        int[] mult = Arrays.stream(blockOut).map(b -> b / ch).toArray();
        return new AutoencoderParams(c.path("in_channels").asInt(3), ch, c.path("out_channels").asInt(3), mult,
                c.path("layers_per_block").asInt(2), c.path("latent_channels").asInt(16),
                c.path("scaling_factor").asDouble(FLUX1.scaleFactor), c.path("shift_factor").asDouble(FLUX1.shiftFactor));
    }

    /** Read off the decoder's tensor shapes (BFL names); scale and shift are not in the file and are FLUX.1's. */
    public static AutoencoderParams fromShapes(TensorSource bfl) {
        int ch = (int) bfl.info("decoder.conv_out.weight").shape()[1];
        int levels = CheckpointKeys.blockCount(bfl, DECODER_LEVEL);
        int[] mult = new int[levels];
        for (int l = 0; l < levels; l++) {
            mult[l] = (int) bfl.info("decoder.up." + l + ".block.0.conv1.weight").shape()[0] / ch;
        }
        return new AutoencoderParams((int) bfl.info("encoder.conv_in.weight").shape()[1], ch,
                (int) bfl.info("decoder.conv_out.weight").shape()[0], mult,
                CheckpointKeys.blockCount(bfl, DECODER_BLOCK0) - 1,
                (int) bfl.info("decoder.conv_in.weight").shape()[1], FLUX1.scaleFactor, FLUX1.shiftFactor);
    }

    /** Every tensor of the BFL autoencoder checkpoint with its shape. */
    public Map<String, long[]> expectedShapes() {
        Map<String, long[]> s = new LinkedHashMap<>();
        conv(s, "encoder.conv_in", ch, inChannels, 3);
        long blockIn = ch;
        for (int l = 0; l < chMult.length; l++) {
            long blockOut = (long) ch * chMult[l];
            for (int b = 0; b < numResBlocks; b++) {
                resnet(s, "encoder.down." + l + ".block." + b, blockIn, blockOut);
                blockIn = blockOut;
            }
            if (l != chMult.length - 1) {
                conv(s, "encoder.down." + l + ".downsample.conv", blockIn, blockIn, 3);
            }
        }
        mid(s, "encoder.mid", blockIn);
        norm(s, "encoder.norm_out", blockIn);
        conv(s, "encoder.conv_out", 2L * zChannels, blockIn, 3);

        blockIn = (long) ch * chMult[chMult.length - 1];
        conv(s, "decoder.conv_in", blockIn, zChannels, 3);
        mid(s, "decoder.mid", blockIn);
        for (int l = chMult.length - 1; l >= 0; l--) {
            long blockOut = (long) ch * chMult[l];
            for (int b = 0; b <= numResBlocks; b++) {
                resnet(s, "decoder.up." + l + ".block." + b, blockIn, blockOut);
                blockIn = blockOut;
            }
            if (l != 0) {
                conv(s, "decoder.up." + l + ".upsample.conv", blockIn, blockIn, 3);
            }
        }
        norm(s, "decoder.norm_out", blockIn);
        conv(s, "decoder.conv_out", outCh, blockIn, 3);
        return s;
    }

    private static void mid(Map<String, long[]> s, String p, long c) {
        resnet(s, p + ".block_1", c, c);
        norm(s, p + ".attn_1.norm", c);
        for (String n : new String[] {"q", "k", "v", "proj_out"}) {
            conv(s, p + ".attn_1." + n, c, c, 1);
        }
        resnet(s, p + ".block_2", c, c);
    }

    private static void resnet(Map<String, long[]> s, String p, long in, long out) {
        norm(s, p + ".norm1", in);
        conv(s, p + ".conv1", out, in, 3);
        norm(s, p + ".norm2", out);
        conv(s, p + ".conv2", out, out, 3);
        if (in != out) {
            conv(s, p + ".nin_shortcut", out, in, 1);
        }
    }

    private static void norm(Map<String, long[]> s, String p, long c) {
        s.put(p + ".weight", new long[] {c});
        s.put(p + ".bias", new long[] {c});
    }

    private static void conv(Map<String, long[]> s, String p, long out, long in, int k) {
        s.put(p + ".weight", new long[] {out, in, k, k});
        s.put(p + ".bias", new long[] {out});
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AutoencoderParams p && inChannels == p.inChannels && ch == p.ch && outCh == p.outCh
                && Arrays.equals(chMult, p.chMult) && numResBlocks == p.numResBlocks && zChannels == p.zChannels
                && scaleFactor == p.scaleFactor && shiftFactor == p.shiftFactor;
    }

    @Override
    public int hashCode() {
        return 31 * ch + Arrays.hashCode(chMult);
    }

    @Override
    public String toString() {
        return "AutoencoderParams[ch=" + ch + ", chMult=" + Arrays.toString(chMult) + ", resBlocks=" + numResBlocks
                + ", z=" + zChannels + ", scale=" + scaleFactor + ", shift=" + shiftFactor + "]";
    }
}
