package com.maskfill.engine.local.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tiny reference run end to end in Java: seed noise, 4 Euler steps, unpack, decode. */
class FillDenoiserTest {

    private static NDManager manager;
    private static FluxTransformer model;

    @BeforeAll
    static void load() {
        manager = NDManager.newBaseManager();
        try (SafetensorsFile w = SafetensorsFile.open(TestData.fluxTinyA().resolve("flux-tiny.safetensors"))) {
            model = FluxTransformer.load(manager, w, TestData.fluxTinyParams());
        }
        model.setBf16ReferenceScalars(true);
    }

    @AfterAll
    static void close() {
        model.close();
        manager.close();
    }

    @Test
    void fourStepsFromTheSeedReachTheReferenceLatentWithinBf16NoiseAndDecode() {
        try (NDManager m = manager.newSubManager()) {
            NDArray noise = LatentPacking.pack(m.create(ReferenceNoise.forImage(42, 64, 64), new Shape(1, 16, 8, 8)));
            NDArray conditioning = ReferenceRun.load(m, "img_cond");
            List<Integer> seen = new ArrayList<>();
            NDArray latent = new FillDenoiser(model).denoise(noise, conditioning, PositionIds.image(m, 4, 4),
                    ReferenceRun.load(m, "txt"), PositionIds.text(m, 8), ReferenceRun.load(m, "vec"),
                    FlowSchedule.timesteps(4, 16), 30f, (step, steps) -> seen.add(step), () -> false);
            assertEquals(List.of(1, 2, 3, 4), seen);
            double rel = ReferenceRun.relativeL2(latent, ReferenceRun.load(m, "latent_out"));
            System.out.printf("flux-tiny 4-step loop vs latent_out (bf16 reference): relL2 %.3e%n", rel);
            assertTrue(rel < 3e-2, "relative L2 " + rel);

            try (SafetensorsFile w = SafetensorsFile.open(TestData.fluxTinyA().resolve("ae-tiny.safetensors"));
                    Autoencoder ae = Autoencoder.load(m, w, TestData.aeTinyParams())) {
                NDArray image = ae.decode(LatentPacking.unpack(latent, 4, 4));
                double imageRel = ReferenceRun.relativeL2(image, ReferenceRun.load(m, "decoded"));
                System.out.printf("flux-tiny decoded image vs reference decoded: relL2 %.3e%n", imageRel);
                assertTrue(imageRel < 3e-2, "relative L2 " + imageRel);
            }
        }
    }

    @Test
    void cancellationStopsBetweenStepsAndLeavesNothingBehind() {
        try (NDManager m = manager.newSubManager()) {
            NDArray noise = ReferenceRun.load(m, "img");
            NDArray conditioning = ReferenceRun.load(m, "img_cond");
            NDArray imgIds = PositionIds.image(m, 4, 4);
            NDArray txt = ReferenceRun.load(m, "txt");
            NDArray txtIds = PositionIds.text(m, 8);
            NDArray vec = ReferenceRun.load(m, "vec");
            int before = ((BaseNDManager) manager).getManagedArrays().size();
            int[] steps = {0};
            assertThrows(CancellationException.class, () -> new FillDenoiser(model).denoise(noise, conditioning,
                    imgIds, txt, txtIds, vec, FlowSchedule.timesteps(4, 16), 30f, (s, n) -> steps[0] = s,
                    () -> steps[0] == 2));
            assertEquals(2, steps[0]);
            assertEquals(before, ((BaseNDManager) manager).getManagedArrays().size());
            assertArrayEquals(ReferenceRun.load(m, "img").toFloatArray(), noise.toFloatArray(),
                    "the caller's noise is untouched");
        }
    }
}
