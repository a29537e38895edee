package com.maskfill.engine.local.lora;

import com.maskfill.engine.local.weights.DiffusersKeys;
import com.maskfill.engine.local.weights.FluxParams;
import com.maskfill.engine.local.weights.SafetensorsFile;
import com.maskfill.engine.local.weights.TensorInfo;
import com.maskfill.engine.local.weights.WeightsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A FLUX LoRA file read into {@link LoraUpdate}s of the reference transformer's linear layers (local-engine.md §7.2).
 * Three key formats are understood, each tensor on its own:
 * <ul>
 * <li>the reference's: {@code double_blocks.0.img_attn.qkv.lora_A.weight}, {@code .lora_B.weight}, optional
 * {@code .lora_B.bias} (also under ComfyUI's {@code diffusion_model.});
 * <li>diffusers / PEFT: {@code transformer.transformer_blocks.0.attn.to_q.lora_A.weight}, {@code .lora_B.weight},
 * optional {@code .alpha} (q, k, v and the single blocks' MLP input land on row slices of the fused layers);
 * <li>kohya: {@code lora_unet_double_blocks_0_img_attn_qkv.lora_down.weight}, {@code .lora_up.weight}, {@code .alpha}.
 * </ul>
 * A file with a tensor of none of these forms, naming no layer of this transformer, missing its other half or with a
 * shape that does not fit is refused: the message names the file and the first such tensor.
 */
public final class LoraFile {

    private static final String[] PREFIXES = {"transformer.", "base_model.model.", "diffusion_model."};
    private static final String KOHYA = "lora_unet_";

    private final Path file;
    private final List<LoraUpdate> updates;

    private LoraFile(Path file, List<LoraUpdate> updates) {
        this.file = file;
        this.updates = List.copyOf(updates);
    }

    public Path file() {
        return file;
    }

    public List<LoraUpdate> updates() {
        return updates;
    }

    /** Where an update lands: the layer, the first row and rows of its slice, whether the halves are swapped. */
    private record Target(String module, int rowOffset, int rows, boolean swapped) {
    }

    /** The tensors of one update as they are found. */
    private static final class Parts {
        String firstKey;
        Target target;
        TensorInfo down;
        TensorInfo up;
        TensorInfo upBias;
        TensorInfo alpha;
    }

    /**
     * @throws WeightsException naming the file and the first tensor that cannot be applied to a transformer of
     *     {@code params}
     */
    public static LoraFile read(Path file, FluxParams params) {
        Map<String, long[]> layers = params.linearLayers();
        Map<String, Target> targets = targets(params, layers);
        Map<String, String> kohyaNames = new HashMap<>();
        layers.keySet().forEach(module -> kohyaNames.put(module.replace('.', '_'), module));
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            Map<String, Parts> byModule = new LinkedHashMap<>();
            for (String key : st.names()) {
                String[] split = split(key);
                if (split == null) {
                    throw refused(file, key, "not a LoRA tensor of a known format (the reference's lora_A/lora_B, "
                            + "diffusers/PEFT lora_A/lora_B, kohya lora_down/lora_up)");
                }
                Target target = split[0].startsWith(KOHYA) ? targetOf(kohyaNames.get(split[0].substring(KOHYA.length())),
                        layers) : targets.get(stripPrefix(split[0]));
                if (target == null) {
                    throw refused(file, key, "matches no linear layer of the FLUX transformer");
                }
                Parts parts = byModule.computeIfAbsent(split[0], k -> new Parts());
                if (parts.firstKey == null) {
                    parts.firstKey = key;
                    parts.target = target;
                }
                TensorInfo info = st.info(key);
                switch (split[1]) {
                    case "lora_A.weight", "lora_down.weight" -> parts.down = info;
                    case "lora_B.weight", "lora_up.weight" -> parts.up = info;
                    case "lora_B.bias" -> parts.upBias = info;
                    default -> parts.alpha = info;
                }
            }
            if (byModule.isEmpty()) {
                throw new WeightsException(file + ": no tensors; not a LoRA");
            }
            List<LoraUpdate> updates = new ArrayList<>();
            for (Parts parts : byModule.values()) {
                updates.add(update(file, st, parts, layers));
            }
            return new LoraFile(file, updates);
        }
    }

    /** {module path, what follows it} or null when the key has no LoRA suffix. */
    private static String[] split(String key) {
        for (String suffix : new String[] {"lora_A.weight", "lora_B.weight", "lora_B.bias", "lora_down.weight",
            "lora_up.weight", "alpha"}) {
            if (key.endsWith("." + suffix) && key.length() > suffix.length() + 1) {
                boolean kohyaSuffix = suffix.startsWith("lora_down") || suffix.startsWith("lora_up");
                String module = key.substring(0, key.length() - suffix.length() - 1);
                if (kohyaSuffix != module.startsWith(KOHYA) && !suffix.equals("alpha")) {
                    return null;
                }
                return new String[] {module, suffix};
            }
        }
        return null;
    }

    private static String stripPrefix(String module) {
        for (String prefix : PREFIXES) {
            if (module.startsWith(prefix)) {
                return module.substring(prefix.length());
            }
        }
        return module;
    }

    private static Target targetOf(String module, Map<String, long[]> layers) {
        return module == null ? null : new Target(module, 0, (int) layers.get(module)[0], false);
    }

    /** Reference names as themselves, diffusers names onto their row slice of the reference layer. */
    private static Map<String, Target> targets(FluxParams params, Map<String, long[]> layers) {
        Map<String, Target> targets = new HashMap<>();
        layers.keySet().forEach(module -> targets.put(module, targetOf(module, layers)));
        for (DiffusersKeys.LinearModule m : DiffusersKeys.linearModules(params.depth(), params.depthSingleBlocks())) {
            long[] shape = layers.get(m.bfl());
            if (shape == null) {
                continue;
            }
            int out = (int) shape[0];
            int n = m.diffusers().size();
            int hidden = (int) params.hiddenSize();
            int offset = 0;
            for (int i = 0; i < n; i++) {
                // q, k, v are hidden rows each; the single blocks' MLP input takes the rest
                int rows = n == 1 ? out : i < 3 ? hidden : out - 3 * hidden;
                targets.put(m.diffusers().get(i), new Target(m.bfl(), offset, rows, m.halvesSwapped()));
                offset += rows;
            }
        }
        return targets;
    }

    private static LoraUpdate update(Path file, SafetensorsFile st, Parts parts, Map<String, long[]> layers) {
        if (parts.down == null || parts.up == null) {
            throw refused(file, parts.firstKey, "has no " + (parts.down == null ? "lora_A/lora_down" : "lora_B/lora_up")
                    + " partner: a LoRA update needs both");
        }
        long[] layer = layers.get(parts.target.module());
        long[] down = parts.down.shape();
        long[] up = parts.up.shape();
        if (down.length != 2 || up.length != 2 || up[1] != down[0]) {
            throw refused(file, parts.up.name(), "shape " + Arrays.toString(up) + " does not pair with "
                    + parts.down.name() + " " + Arrays.toString(down) + " (expected [out, rank] and [rank, in])");
        }
        // a dev LoRA's img_in sees only the 64 noisy-latent channels of Fill's 384: the rest get no update
        boolean narrowerInput = parts.target.module().equals("img_in") && down[1] < layer[1];
        if ((down[1] != layer[1] && !narrowerInput) || up[0] != parts.target.rows()) {
            throw refused(file, parts.firstKey, "shapes " + Arrays.toString(up) + " x " + Arrays.toString(down)
                    + " do not fit " + parts.target.module() + " (" + parts.target.rows() + " rows of "
                    + Arrays.toString(layer) + ")");
        }
        if (parts.upBias != null && !parts.upBias.hasShape(up[0])) {
            throw refused(file, parts.upBias.name(), "shape " + Arrays.toString(parts.upBias.shape()) + ", expected ["
                    + up[0] + "]");
        }
        int rank = (int) down[0];
        float scale = 1f;
        if (parts.alpha != null) {
            float[] alpha = st.readFloat32(parts.alpha.name());
            if (alpha.length != 1) {
                throw refused(file, parts.alpha.name(), "alpha must be one number, has " + alpha.length);
            }
            scale = alpha[0] / rank;
        }
        return new LoraUpdate(parts.target.module(), parts.firstKey, parts.target.rowOffset(),
                parts.target.swapped(), rank, (int) down[1], (int) up[0], st.readFloat32(parts.down.name()),
                st.readFloat32(parts.up.name()), parts.upBias == null ? null : st.readFloat32(parts.upBias.name()),
                scale);
    }

    private static WeightsException refused(Path file, String key, String problem) {
        return new WeightsException("LoRA " + file + ": tensor '" + key + "': " + problem);
    }
}
