package com.maskfill.engine.local.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.maskfill.engine.local.nn.Stages;
import com.maskfill.engine.local.transformer.FluxTransformer;
import com.maskfill.engine.local.transformer.RotaryEmbedding;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * The reference's Euler loop over the flow (sampling.py denoise): at each step the model sees the current latent
 * tokens next to the fixed fill conditioning and predicts a velocity; {@code x += (t_next - t) * v}. The latent is
 * kept in float32 (the reference rounds it to bf16 twice per step). Every step runs in its own NDManager scope; the
 * rotary tables, the same at every step, are built once.
 */
public final class FillDenoiser {

    /** Told after each finished step. */
    @FunctionalInterface
    public interface StepListener {
        void stepDone(int step, int steps);
    }

    private final FluxTransformer model;

    public FillDenoiser(FluxTransformer model) {
        this.model = model;
    }

    /**
     * Runs every step of {@code timesteps}.
     *
     * @param noise (B, L, 64) packed initial latent (owned by the caller, left untouched)
     * @param fillConditioning (B, L, inChannels - 64): packed masked-image latent and packed mask
     * @return (B, L, 64) the final packed latent, owned by {@code noise}'s manager
     * @throws CancellationException when {@code cancelled} says so between steps
     */
    public NDArray denoise(NDArray noise, NDArray fillConditioning, NDArray imgIds, NDArray txt, NDArray txtIds,
            NDArray vec, float[] timesteps, float guidance, StepListener listener, BooleanSupplier cancelled) {
        return denoise(noise, fillConditioning, imgIds, txt, txtIds, vec, timesteps, guidance, null, listener,
                cancelled);
    }

    /**
     * As the plain loop, with a soft mask's pixels held on the noised source before each step while their strength is
     * below the step's time ({@link DifferentialDiffusion}).
     *
     * @param soft null for the plain loop
     */
    public NDArray denoise(NDArray noise, NDArray fillConditioning, NDArray imgIds, NDArray txt, NDArray txtIds,
            NDArray vec, float[] timesteps, float guidance, DifferentialDiffusion soft, StepListener listener,
            BooleanSupplier cancelled) {
        try (NDManager tables = noise.getManager().newSubManager();
                RotaryEmbedding rope = model.rotaryEmbedding(tables, imgIds, txtIds)) {
            return steps(noise, fillConditioning, rope, txt, vec, timesteps, guidance, soft, listener, cancelled);
        }
    }

    private NDArray steps(NDArray noise, NDArray fillConditioning, RotaryEmbedding rope, NDArray txt, NDArray vec,
            float[] timesteps, float guidance, DifferentialDiffusion soft, StepListener listener,
            BooleanSupplier cancelled) {
        int steps = timesteps.length - 1;
        NDArray x = Stages.foldKeeping(noise.getManager(), noise, IntStream.range(0, steps).boxed().toList(),
                (i, latent, scope) -> {
                    if (cancelled.getAsBoolean()) {
                        throw new CancellationException("cancelled before step " + (i + 1) + " of " + steps);
                    }
                    fillConditioning.tempAttach(scope);
                    if (soft != null) {
                        latent = soft.hold(latent, timesteps[i], scope);
                    }
                    NDArray input = NDArrays.concat(new NDList(latent, fillConditioning), 2);
                    NDArray velocity = model.forward(input, rope, txt, vec, timesteps[i], guidance);
                    NDArray next = latent.add(velocity.mul(timesteps[i + 1] - timesteps[i]));
                    listener.stepDone(i + 1, steps);
                    return next;
                });
        return x == noise ? noise.duplicate() : x;
    }
}
