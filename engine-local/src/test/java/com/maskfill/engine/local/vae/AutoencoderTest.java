package com.maskfill.engine.local.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import com.maskfill.engine.local.ReferenceRun;
import com.maskfill.engine.local.TestData;
import com.maskfill.engine.local.sampling.FillImages;
import com.maskfill.engine.local.sampling.LatentPacking;
import com.maskfill.engine.local.weights.SafetensorsFile;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tiny autoencoder against the reference run (fp32 decode of {@code z_unpacked}; bf16 masked-image latent). */
class AutoencoderTest {

    private static NDManager manager;
    private static Autoencoder ae;

    @BeforeAll
    static void load() {
        manager = NDManager.newBaseManager();
        try (SafetensorsFile weights = SafetensorsFile.open(TestData.fluxTinyA().resolve("ae-tiny.safetensors"))) {
            ae = Autoencoder.load(manager, weights, TestData.aeTinyParams());
        }
    }

    @AfterAll
    static void close() {
        ae.close();
        manager.close();
    }

    @Test
    void decoderMatchesTheReferenceFp32DecodeWithinOneInTenThousand() {
        try (NDManager m = manager.newSubManager()) {
            NDArray decoded = ae.decode(ReferenceRun.load(m, "z_unpacked"));
            NDArray expected = ReferenceRun.load(m, "decoded");
            assertEquals(new Shape(1, 3, 64, 64), decoded.getShape());
            ReferenceRun.assertRelativeL2Below("ae-tiny decode vs decoded", decoded, expected, 1e-4);
        }
    }

    @Test
    void encoderOfTheMaskedImageMatchesTheReferenceLatentAtBf16Precision() throws IOException {
        try (NDManager m = manager.newSubManager()) {
            NDArray image = FillImages.rgb(m, ImageIO.read(TestData.fluxTinyA().resolve("image.png").toFile()));
            NDArray mask = FillImages.mask(m, ImageIO.read(TestData.fluxTinyA().resolve("mask.png").toFile()));
            NDArray masked = image.mul(mask.expandDims(1).neg().add(1f)); // img * (1 - mask)
            NDArray latent = LatentPacking.pack(ae.encode(masked));
            // the reference stores it as bf16: 8 significant bits, so ~2e-3 relative is its own rounding
            NDArray expected = ReferenceRun.load(m, "img_cond").get(new NDIndex(":, :, :64"));
            double rel = ReferenceRun.relativeL2(latent, expected);
            System.out.printf("ae-tiny encode vs img_cond[..., :64] (bf16): relL2 %.3e maxAbs %.3e%n", rel,
                    ReferenceRun.maxAbsDiff(latent, expected));
            assertTrue(rel < 5e-3, "relative L2 " + rel);
        }
    }

    @Test
    void attentionChunkSizeDoesNotChangeTheDecode() {
        try (NDManager m = manager.newSubManager()) {
            NDArray z = ReferenceRun.load(m, "z_unpacked");
            ae.setAttentionChunk(Integer.MAX_VALUE);
            NDArray whole = ae.decode(z);
            ae.setAttentionChunk(5);
            NDArray chunked = ae.decode(z);
            // same math; only the matrix-multiply blocking differs, so only float32 rounding noise (~1e-7..1e-6)
            // may change, an order of magnitude below the 1e-4 agreement required with the reference
            double rel = ReferenceRun.relativeL2(chunked, whole);
            System.out.printf("ae-tiny decode, attention chunk 5 vs whole: relL2 %.3e maxAbs %.3e%n", rel,
                    ReferenceRun.maxAbsDiff(chunked, whole));
            assertTrue(rel <= 1e-5, "relative L2 " + rel);
        } finally {
            ae.setAttentionChunk(Autoencoder.DEFAULT_ATTENTION_CHUNK);
        }
    }

    @Test
    void decodeAndEncodeLeaveOnlyTheirOutputsBehind() {
        try (NDManager m = manager.newSubManager()) {
            NDArray z = ReferenceRun.load(m, "z_unpacked");
            int before = ((BaseNDManager) manager).getManagedArrays().size();
            NDArray decoded = ae.decode(z);
            NDArray encoded = ae.encode(decoded);
            assertEquals(before + 2, ((BaseNDManager) manager).getManagedArrays().size());
            assertEquals(z.getShape(), encoded.getShape());
        }
    }
}
