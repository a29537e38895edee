package com.maskfill.engine.local.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.maskfill.engine.local.ReferenceRun;
import com.maskfill.engine.local.TestData;
import com.maskfill.engine.local.transformer.FluxTransformer;
import com.maskfill.engine.local.vae.Autoencoder;
import com.maskfill.engine.local.weights.AutoencoderParams;
import com.maskfill.engine.local.weights.FluxParams;
import com.maskfill.engine.local.weights.SafetensorsFile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The tiny reference fills (flux-tiny-a and -b) from their PNG inputs to 8-bit pixels (text conditioning from the
 * reference run): the bf16-reference policy against the bf16 run, the fp32 policy against the fp32 oracle.
 */
class FluxFillPipelineTest {

    @Test
    void tinyFillFromPngsReproducesTheReferenceImageToAFewLevels() throws IOException {
        assertFillReproducesTheReference(TestData.fluxTinyA(), 64, 64);
    }

    @Test
    void wideFillFromPngsReproducesTheSecondReferenceImageToAFewLevels() throws IOException {
        // flux-tiny-b: 64 x 96 pixels, 3 heads, 2 + 2 blocks, a mask cutting through 8-pixel blocks
        assertFillReproducesTheReference(TestData.fluxTinyB(), 96, 64);
    }

    @Test
    void fp32FillFromPngsReproducesTheFp32ReferenceLatentAndDecodeWithinOneInTenThousand() throws IOException {
        assertFp32FillReproducesTheFp32Reference(TestData.fluxTinyA());
    }

    @Test
    void fp32WideFillFromPngsReproducesTheSecondFp32ReferenceWithinOneInTenThousand() throws IOException {
        assertFp32FillReproducesTheFp32Reference(TestData.fluxTinyB());
    }

    /** The reference's tiny model and autoencoder with the run's fixed text conditioning. */
    private interface TinyRun {
        void fill(NDManager m, FluxFillPipeline pipeline, NDArray txt, NDArray vec, BufferedImage image,
                BufferedImage mask) throws IOException;
    }

    private static void withTinyPipeline(Path dir, TinyRun run) throws IOException {
        BufferedImage image = ImageIO.read(dir.resolve("image.png").toFile());
        BufferedImage mask = ImageIO.read(dir.resolve("mask.png").toFile());
        JsonNode config = TestData.config(dir);
        try (NDManager m = NDManager.newBaseManager();
                SafetensorsFile fw = SafetensorsFile.open(dir.resolve("flux-tiny.safetensors"));
                SafetensorsFile aw = SafetensorsFile.open(dir.resolve("ae-tiny.safetensors"));
                FluxTransformer model = FluxTransformer.load(m, fw, FluxParams.fromReferenceJson(config.get("flux_params")));
                Autoencoder ae = Autoencoder.load(m, aw, AutoencoderParams.fromReferenceJson(config.get("ae_params")))) {
            run.fill(m, new FluxFillPipeline(model, ae), ReferenceRun.load(m, dir, "txt"), ReferenceRun.load(m, dir, "vec"),
                    image, mask);
        }
    }

    private static void assertFp32FillReproducesTheFp32Reference(Path dir) throws IOException {
        withTinyPipeline(dir, (m, pipeline, txt, vec, image, mask) -> {
            FluxFillPipeline.Output out = pipeline.run(image, mask, txt, vec,
                    new FluxFillPipeline.Settings(4, 30f, 42, false), (s, n) -> { }, () -> false);
            double latent = ReferenceRun.relativeL2(out.latent(),
                    ReferenceRun.loadFp32(m, dir, "latent_out_fp32").toFloatArray());
            double decoded = ReferenceRun.relativeL2(out.decoded(),
                    ReferenceRun.loadFp32(m, dir, "decoded_fp32").toFloatArray());
            System.out.printf("%s fp32 fill from PNGs vs the fp32 reference: latent relL2 %.3e, decoded relL2 %.3e%n",
                    dir.getFileName(), latent, decoded);
            assertTrue(latent < 1e-4, "latent relative L2 " + latent);
            assertTrue(decoded < 1e-4, "decoded relative L2 " + decoded);
        });
    }

    private static void assertFillReproducesTheReference(Path dir, int width, int height) throws IOException {
        withTinyPipeline(dir, (m, pipeline, txt, vec, image, mask) -> {
            int before = ((BaseNDManager) m).getManagedArrays().size();
            BufferedImage out = pipeline.fill(image, mask, txt, vec, new FluxFillPipeline.Settings(4, 30f, 42, true),
                    (s, n) -> { }, () -> false);
            assertEquals(before, ((BaseNDManager) m).getManagedArrays().size(), "a fill leaves no arrays behind");
            assertEquals(width, out.getWidth());
            assertEquals(height, out.getHeight());

            BufferedImage expected = FluxFillPipeline.toImage(ReferenceRun.load(m, dir, "decoded").toFloatArray(),
                    width, height);
            int maxDiff = 0;
            double sumDiff = 0;
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                    for (int shift = 0; shift <= 16; shift += 8) {
                        int d = Math.abs(((out.getRGB(x, y) >> shift) & 0xff) - ((expected.getRGB(x, y) >> shift) & 0xff));
                        maxDiff = Math.max(maxDiff, d);
                        sumDiff += d;
                    }
            double meanDiff = sumDiff / (width * height * 3);
            System.out.printf("%s fill from PNGs vs reference image: mean |diff| %.3f levels, max %d levels%n",
                    dir.getFileName(), meanDiff, maxDiff);
            assertTrue(meanDiff < 0.5 && maxDiff <= 4, "mean " + meanDiff + ", max " + maxDiff);
        });
    }

    @Test
    void sizesThatCannotBePackedAreRefusedBeforeAnyWork() {
        BufferedImage odd = new BufferedImage(40, 64, BufferedImage.TYPE_INT_RGB);
        BufferedImage other = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
        FluxFillPipeline pipeline = new FluxFillPipeline(null, null);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray txt = m.zeros(new Shape(1, 1, 1));
            assertThrows(IllegalArgumentException.class, () -> pipeline.fill(odd, other, txt, txt,
                    new FluxFillPipeline.Settings(1, 30f, 0, false), (s, n) -> { }, () -> false));
            BufferedImage odd2 = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
            assertThrows(IllegalArgumentException.class, () -> pipeline.fill(odd2,
                    new BufferedImage(40, 40, BufferedImage.TYPE_BYTE_GRAY), txt, txt,
                    new FluxFillPipeline.Settings(1, 30f, 0, false), (s, n) -> { }, () -> false));
        }
    }
}
