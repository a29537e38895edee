package com.maskfill.engine.local.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.maskfill.engine.local.ReferenceRun;
import com.maskfill.engine.local.TestData;
import com.maskfill.engine.local.sampling.FillImages;
import com.maskfill.engine.local.sampling.LatentPacking;
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
 * A grey mask on the tiny reference model is a denoising strength (differential diffusion). Black-and-white masks
 * keep the plain fill: FluxFillPipelineTest and FluxTinyBReferenceTest still match the reference with theirs.
 */
class SoftMaskFillTest {

    @Test
    void halfGreyRegionEndsCloserToTheSourceThanTheWhiteRegion() throws IOException {
        // compared in latent space: the tiny autoencoder's random weights do not give the photo back when decoding
        Path dir = TestData.fluxTinyA();
        BufferedImage image = ImageIO.read(dir.resolve("image.png").toFile());
        BufferedImage mask = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                mask.getRaster().setSample(x, y, 0, x < 32 ? 128 : 255);
            }
        }
        JsonNode config = TestData.config(dir);
        try (NDManager m = NDManager.newBaseManager();
                SafetensorsFile fw = SafetensorsFile.open(dir.resolve("flux-tiny.safetensors"));
                SafetensorsFile aw = SafetensorsFile.open(dir.resolve("ae-tiny.safetensors"));
                FluxTransformer model = FluxTransformer.load(m, fw, FluxParams.fromReferenceJson(config.get("flux_params")));
                Autoencoder ae = Autoencoder.load(m, aw, AutoencoderParams.fromReferenceJson(config.get("ae_params")))) {
            float[] latent = new FluxFillPipeline(model, ae).run(image, mask, ReferenceRun.load(m, dir, "txt"),
                    ReferenceRun.load(m, dir, "vec"), new FluxFillPipeline.Settings(8, 30f, 42, false),
                    (s, n) -> { }, () -> false).latent();
            float[] source = LatentPacking.pack(ae.encode(FillImages.rgb(m, image))).toFloatArray();
            // a 4 x 4 token grid: columns 0-1 lie under the grey half, 2-3 under the white half
            double[] sum = new double[2];
            for (int i = 0; i < latent.length; i++) {
                int column = (i / 64) % 4;
                sum[column / 2] += Math.abs(latent[i] - source[i]);
            }
            double grey = sum[0] / (latent.length / 2);
            double white = sum[1] / (latent.length / 2);
            System.out.printf("soft mask on flux-tiny-a, 8 steps: mean |latent - source latent| %.3f under 50 %% grey,"
                    + " %.3f under white%n", grey, white);
            assertTrue(grey < 0.75 * white, "grey " + grey + " vs white " + white);
        }
    }
}
