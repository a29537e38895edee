package com.maskfill.engine.local.lora;

/**
 * One low-rank update of a linear layer of the reference transformer, whatever the file's format: the layer's
 * output rows {@code [rowOffset, rowOffset + out)} (a slice for diffusers' separate q, k, v of a fused layer) gain
 * {@code scale * up * down}, over the first {@code in} input columns (a dev LoRA's 64-channel {@code img_in} on Fill's
 * 384), and the bias gains {@code scale * upBias} where the file has one (the reference's own format).
 *
 * @param module the reference name of the layer ({@code double_blocks.0.img_attn.qkv})
 * @param key the file's first tensor of this update, for messages
 * @param halvesSwapped the update's output halves are the layer's in the other order (diffusers' final norm)
 * @param down (rank, in) row-major: lora_A / lora_down
 * @param up (out, rank) row-major: lora_B / lora_up
 * @param upBias (out) or null
 * @param scale the file's own factor: alpha / rank where the file gives alpha, else 1 (the user's strength apart)
 */
public record LoraUpdate(String module, String key, int rowOffset, boolean halvesSwapped, int rank, int in, int out,
        float[] down, float[] up, float[] upBias, float scale) {
}
