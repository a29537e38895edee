package com.maskfill.engine.local;

import static com.maskfill.engine.local.ReferenceRun.assertBitEqual;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import com.maskfill.engine.local.sampling.FillDenoiser;
import com.maskfill.engine.local.sampling.FillImages;
import com.maskfill.engine.local.sampling.FlowSchedule;
import com.maskfill.engine.local.sampling.LatentPacking;
import com.maskfill.engine.local.sampling.MaskPacking;
import com.maskfill.engine.local.sampling.PositionIds;
import com.maskfill.engine.local.sampling.ReferenceNoise;
import com.maskfill.engine.local.transformer.FluxTransformer;
import com.maskfill.engine.local.vae.Autoencoder;
import com.maskfill.engine.local.weights.AutoencoderParams;
import com.maskfill.engine.local.weights.FloatFormats;
import com.maskfill.engine.local.weights.FluxParams;
import com.maskfill.engine.local.weights.SafetensorsFile;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The second reference run (flux-tiny-b: 3 heads of 16, 2 double + 2 single blocks, a 64 x 96 image whose token grid
 * is 4 x 6, 24 text tokens, a mask whose edges cut through 8-pixel blocks), checked like flux-tiny-a: packing and ids
 * bit for bit, one fp32 forward and the fp32 decode within 1e-4, the bf16 loop within bf16 noise.
 */
class FluxTinyBReferenceTest {

    private static final int HEIGHT = 64;
    private static final int WIDTH = 96;
    private static final int GRID_H = 4;
    private static final int GRID_W = 6;
    private static final int TEXT_TOKENS = 24;

    private static Path dir;
    private static NDManager manager;
    private static FluxTransformer model;
    private static Autoencoder ae;

    @BeforeAll
    static void load() {
        dir = TestData.fluxTinyB();
        manager = NDManager.newBaseManager();
        FluxParams params = FluxParams.fromReferenceJson(TestData.config(dir).get("flux_params"));
        AutoencoderParams aeParams = AutoencoderParams.fromReferenceJson(TestData.config(dir).get("ae_params"));
        try (SafetensorsFile fw = SafetensorsFile.open(dir.resolve("flux-tiny.safetensors"));
                SafetensorsFile aw = SafetensorsFile.open(dir.resolve("ae-tiny.safetensors"))) {
            model = FluxTransformer.load(manager, fw, params);
            ae = Autoencoder.load(manager, aw, aeParams);
        }
    }

    @AfterAll
    static void close() {
        model.close();
        ae.close();
        manager.close();
    }

    private static NDArray ref(NDManager m, String name) {
        return ReferenceRun.load(m, dir, name);
    }

    @Test
    void seedNoiseForAWideImageIsTheReferenceNoiseAndPacksToItsImgBitForBit() {
        try (NDManager m = manager.newSubManager()) {
            NDArray noise = m.create(ReferenceNoise.forImage(42, WIDTH, HEIGHT), new Shape(1, 16, 8, 12));
            assertBitEqual(ref(m, "noise"), noise);
            assertBitEqual(ref(m, "img"), LatentPacking.pack(noise));
        }
    }

    @Test
    void unpackingTheFinalLatentOnTheFourBySixGridIsTheReferenceZBitForBit() {
        try (NDManager m = manager.newSubManager()) {
            assertBitEqual(ref(m, "z_unpacked"), LatentPacking.unpack(ref(m, "latent_out"), GRID_H, GRID_W));
        }
    }

    @Test
    void aMaskCuttingThrough8PixelBlocksPacksToTheReferenceBitForBit() throws IOException {
        try (NDManager m = manager.newSubManager()) {
            NDArray mask = FillImages.mask(m, ImageIO.read(dir.resolve("mask.png").toFile()));
            float[] values = mask.toFloatArray();
            for (int i = 0; i < values.length; i++) values[i] = FloatFormats.roundToBf16(values[i]);
            NDArray packed = MaskPacking.pack(m.create(values, mask.getShape()));
            assertEquals(new Shape(1, GRID_H * GRID_W, 256), packed.getShape());
            assertBitEqual(ref(m, "img_cond").get(new NDIndex(":, :, 64:")), packed);
            // the data must really exercise the permutation: some token holds both masked and kept pixels
            float[] p = packed.toFloatArray();
            int mixedTokens = 0;
            for (int t = 0; t < GRID_H * GRID_W; t++) {
                boolean zero = false, one = false;
                for (int f = 0; f < 256; f++) {
                    zero |= p[t * 256 + f] == 0f;
                    one |= p[t * 256 + f] == 1f;
                }
                if (zero && one) mixedTokens++;
            }
            assertTrue(mixedTokens >= 4, mixedTokens + " tokens mix masked and kept pixels");
        }
    }

    @Test
    void positionIdsOfTheFourBySixGridAnd24TokensAreTheReferenceIds() {
        try (NDManager m = manager.newSubManager()) {
            assertBitEqual(ref(m, "img_ids"), PositionIds.image(m, GRID_H, GRID_W));
            assertBitEqual(ref(m, "txt_ids"), PositionIds.text(m, TEXT_TOKENS));
        }
    }

    @Test
    void scheduleForTwentyFourImageTokensIsTheReferenceSchedule() {
        float[] ts = FlowSchedule.timesteps(4, GRID_H * GRID_W);
        var expected = TestData.config(dir).get("timesteps");
        assertEquals(expected.size(), ts.length);
        for (int i = 0; i < ts.length; i++) {
            assertEquals(expected.get(i).asDouble(), ts[i], 1e-6, "timestep " + i);
        }
    }

    private static NDArray forward(NDManager m) {
        NDArray x = NDArrays.concat(new NDList(ref(m, "img"), ref(m, "img_cond")), 2);
        return model.forward(x, ref(m, "img_ids"), ref(m, "txt"), ref(m, "txt_ids"), ref(m, "vec"), 1.0f, 30f);
    }

    @Test
    void threeHeadTwoPlusTwoBlockForwardMatchesTheReferenceFp32ForwardWithinOneInTenThousand() {
        try (NDManager m = manager.newSubManager()) {
            NDArray pred = forward(m);
            NDArray expected = ref(m, "pred_step0_fp32");
            assertEquals(new Shape(1, GRID_H * GRID_W, 64), pred.getShape());
            ReferenceRun.assertRelativeL2Below("flux-tiny-b forward vs pred_step0_fp32", pred, expected, 1e-4);
        }
    }

    @Test
    void withBf16ScalarRoundingTheForwardIsNearerTheBf16ReferenceThanTheFp32Oracle() {
        try (NDManager m = manager.newSubManager()) {
            NDArray expected = ref(m, "pred_step0");
            double oracle = ReferenceRun.relativeL2(ref(m, "pred_step0_fp32"), expected);
            model.setBf16ReferenceScalars(true);
            double emulated = ReferenceRun.relativeL2(forward(m), expected);
            System.out.printf("flux-tiny-b forward vs pred_step0 (bf16): relL2 %.3e bf16 scalars, fp32 oracle %.3e%n",
                    emulated, oracle);
            assertTrue(emulated < oracle, "relative L2 " + emulated + " vs fp32 oracle's " + oracle);
        } finally {
            model.setBf16ReferenceScalars(false);
        }
    }

    @Test
    void decoderOfANonSquareLatentMatchesTheReferenceFp32DecodeWithinOneInTenThousand() {
        try (NDManager m = manager.newSubManager()) {
            NDArray decoded = ae.decode(ref(m, "z_unpacked"));
            NDArray expected = ref(m, "decoded");
            assertEquals(new Shape(1, 3, HEIGHT, WIDTH), decoded.getShape());
            ReferenceRun.assertRelativeL2Below("flux-tiny-b decode vs decoded", decoded, expected, 1e-4);
        }
    }

    @Test
    void encoderOfTheMaskedWideImageMatchesTheReferenceLatentAtBf16Precision() throws IOException {
        try (NDManager m = manager.newSubManager()) {
            NDArray image = FillImages.rgb(m, ImageIO.read(dir.resolve("image.png").toFile()));
            NDArray mask = FillImages.mask(m, ImageIO.read(dir.resolve("mask.png").toFile()));
            NDArray latent = LatentPacking.pack(ae.encode(image.mul(mask.expandDims(1).neg().add(1f))));
            NDArray expected = ref(m, "img_cond").get(new NDIndex(":, :, :64"));
            double rel = ReferenceRun.relativeL2(latent, expected);
            System.out.printf("flux-tiny-b encode vs img_cond[..., :64] (bf16): relL2 %.3e%n", rel);
            assertTrue(rel < 5e-3, "relative L2 " + rel);
        }
    }

    @Test
    void fourStepsFromTheSeedReachTheReferenceLatentWithinBf16NoiseAndDecode() {
        try (NDManager m = manager.newSubManager()) {
            model.setBf16ReferenceScalars(true);
            NDArray noise = LatentPacking.pack(m.create(ReferenceNoise.forImage(42, WIDTH, HEIGHT),
                    new Shape(1, 16, 8, 12)));
            NDArray latent = new FillDenoiser(model).denoise(noise, ref(m, "img_cond"), PositionIds.image(m, GRID_H,
                    GRID_W), ref(m, "txt"), PositionIds.text(m, TEXT_TOKENS), ref(m, "vec"),
                    FlowSchedule.timesteps(4, GRID_H * GRID_W), 30f, (step, steps) -> { }, () -> false);
            double rel = ReferenceRun.relativeL2(latent, ref(m, "latent_out"));
            NDArray image = ae.decode(LatentPacking.unpack(latent, GRID_H, GRID_W));
            double imageRel = ReferenceRun.relativeL2(image, ref(m, "decoded"));
            System.out.printf("flux-tiny-b 4-step loop vs latent_out (bf16): relL2 %.3e; decoded %.3e%n", rel,
                    imageRel);
            assertTrue(rel < 3e-2, "latent relative L2 " + rel);
            assertTrue(imageRel < 3e-2, "image relative L2 " + imageRel);
        } finally {
            model.setBf16ReferenceScalars(false);
        }
    }
}
