package com.maskfill.engine.local.sampling;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;

/**
 * How a seed becomes the initial latent noise (16, 2*ceil(H/16), 2*ceil(W/16)), drawn on the CPU whatever device runs
 * the model, so a seed gives the same picture everywhere (local-engine.md §0.4, §2.5).
 */
public enum NoiseConvention {

    /** The reference implementation's: torch.randn in bf16 on a CPU generator ({@link ReferenceNoise}, bit-exact). */
    REFERENCE("reference"),

    /**
     * ComfyUI's: {@code torch.randn(shape, dtype=float32, generator=torch.manual_seed(seed))} on the CPU. Drawn by
     * libtorch itself, so the vectorised Box-Muller matches torch's on the same CPU to the last bit.
     */
    TORCH_CPU("torch-cpu");

    /** libtorch's default generator is global: one draw at a time, from seeding to the last value. */
    private static final Object TORCH_GENERATOR = new Object();

    private final String id;

    NoiseConvention(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static NoiseConvention fromId(String id) {
        for (NoiseConvention c : values()) {
            if (c.id.equals(id.strip().toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        throw new IllegalArgumentException("noise = \"" + id + "\" is not supported: allowed reference, torch-cpu");
    }

    /** The latent noise for an image of {@code width} x {@code height} pixels, channel-major. */
    public float[] forImage(long seed, int width, int height) {
        if (this == REFERENCE) {
            return ReferenceNoise.forImage(seed, width, height);
        }
        int h = 2 * ((height + 15) / 16);
        int w = 2 * ((width + 15) / 16);
        return torchCpuNormal(seed, new Shape(1, 16, h, w));
    }

    /** {@code torch.randn(shape)} after {@code torch.manual_seed(seed)}; torch's mt19937 uses the low 32 bits. */
    static float[] torchCpuNormal(long seed, Shape shape) {
        synchronized (TORCH_GENERATOR) {
            try (NDManager cpu = NDManager.newBaseManager(Device.cpu())) {
                Engine.getEngine("PyTorch").setRandomSeed((int) seed);
                return cpu.randomNormal(shape).toFloatArray();
            }
        }
    }
}
