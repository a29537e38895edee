package com.maskfill.app.project;

import com.maskfill.engine.api.pipeline.Region;
import com.maskfill.engine.api.request.Lora;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/** Projects with noisy pixels, so any loss in saving shows. */
final class ProjectSamples {

    private ProjectSamples() {
    }

    static BufferedImage noise(int w, int h, long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, 0xFF000000 | random.nextInt(0x1000000));
            }
        }
        return image;
    }

    static Project project(int w, int h, String prompt) {
        byte[] mask = new byte[w * h];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = (byte) (i * 7);
        }
        Region crop = new Region(w / 4, h / 4, w / 2, h / 3);
        Provenance provenance = new Provenance(prompt, 4_000_000_123L, 28, 30, "wavespeed", "WaveSpeedAI", "pred_1",
                "0.03", "USD", 1200L, 2500L, 5100L, crop, Instant.parse("2026-11-21T14:00:00Z"),
                List.of(Lora.of("/home/ana/loras/ink style.safetensors", 0.7),
                        Lora.of("https://example.com/film.safetensors", 2.25)));
        byte[] maskInCrop = new byte[crop.width() * crop.height()];
        maskInCrop[3] = (byte) 255;
        List<ResultLayer> layers = List.of(
                new ResultLayer(UUID.randomUUID(), crop, noise(crop.width(), crop.height(), 2)),
                new ResultLayer(UUID.randomUUID(), crop, noise(crop.width(), crop.height(), 3)));
        ResultGroup group = new ResultGroup(UUID.randomUUID(), provenance, maskInCrop, layers);
        return new Project(noise(w, h, 1), mask, new JobSettings(prompt, 20, 3.5, 77, true, 2, "wavespeed"),
                List.of(group));
    }
}
