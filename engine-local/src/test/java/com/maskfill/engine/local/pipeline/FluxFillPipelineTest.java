package com.maskfill.engine.local.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.maskfill.engine.local.ReferenceRun;
import com.maskfill.engine.local.TestData;
import com.maskfill.engine.local.transformer.FluxTransformer;
import com.maskfill.engine.local.vae.Autoencoder;
import com.maskfill.engine.local.weights.SafetensorsFile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The tiny reference fill from its PNG inputs to 8-bit pixels (text conditioning from the reference run). */
class FluxFillPipelineTest {

    @Test
    void tinyFillFromPngsReproducesTheReferenceImageToAFewLevels() throws IOException {
        BufferedImage image = ImageIO.read(TestData.fluxTinyA().resolve("image.png").toFile());
        BufferedImage mask = ImageIO.read(TestData.fluxTinyA().resolve("mask.png").toFile());
        try (NDManager m = NDManager.newBaseManager();
                SafetensorsFile fw = SafetensorsFile.open(TestData.fluxTinyA().resolve("flux-tiny.safetensors"));
                SafetensorsFile aw = SafetensorsFile.open(TestData.fluxTinyA().resolve("ae-tiny.safetensors"));
                FluxTransformer model = FluxTransformer.load(m, fw, TestData.fluxTinyParams());
                Autoencoder ae = Autoencoder.load(m, aw, TestData.aeTinyParams())) {
            FluxFillPipeline pipeline = new FluxFillPipeline(model, ae);
            NDArray txt = ReferenceRun.load(m, "txt");
            NDArray vec = ReferenceRun.load(m, "vec");
            int before = ((BaseNDManager) m).getManagedArrays().size();
            BufferedImage out = pipeline.fill(image, mask, txt, vec, new FluxFillPipeline.Settings(4, 30f, 42, true),
                    (s, n) -> { }, () -> false);
            assertEquals(before, ((BaseNDManager) m).getManagedArrays().size(), "a fill leaves no arrays behind");

            BufferedImage expected = FluxFillPipeline.toImage(ReferenceRun.load(m, "decoded").toFloatArray(), 64, 64);
            int maxDiff = 0;
            double sumDiff = 0;
            for (int y = 0; y < 64; y++)
                for (int x = 0; x < 64; x++)
                    for (int shift = 0; shift <= 16; shift += 8) {
                        int d = Math.abs(((out.getRGB(x, y) >> shift) & 0xff) - ((expected.getRGB(x, y) >> shift) & 0xff));
                        maxDiff = Math.max(maxDiff, d);
                        sumDiff += d;
                    }
            double meanDiff = sumDiff / (64 * 64 * 3);
            System.out.printf("tiny fill from PNGs vs reference image: mean |diff| %.3f levels, max %d levels%n",
                    meanDiff, maxDiff);
            assertTrue(meanDiff < 0.5 && maxDiff <= 4, "mean " + meanDiff + ", max " + maxDiff);
        }
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
