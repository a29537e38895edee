package com.maskfill.engine.local;

import com.maskfill.engine.api.engine.Capabilities;
import com.maskfill.engine.api.engine.Price;
import com.maskfill.engine.api.engine.Engine;
import com.maskfill.engine.api.engine.EngineContext;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.EngineProvider;
import com.maskfill.engine.api.engine.EngineSetting;
import com.maskfill.engine.api.engine.Readiness;
import com.maskfill.engine.api.request.FillRequest;
import java.util.List;

/**
 * The local engine, id {@value #ID}: FLUX.1 Fill [dev] on this computer's GPU (or CPU), from the user's own copy of
 * the weights. Options: see {@link LocalEngineOptions}. No credentials.
 */
public final class LocalEngineProvider implements EngineProvider {

    public static final String ID = "local";

    /** Cheap, as ServiceLoader requires: nothing is read until {@link #create}. */
    public LocalEngineProvider() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "FLUX.1 Fill [dev] on this computer";
    }

    @Override
    public Capabilities capabilities() {
        return capabilities(LocalEngineOptions.DEFAULT_MIN_SIDE);
    }

    /**
     * Any multiple of 16 up to 2048 px; up to 3 LoRA files (merged into the transformer as it loads); no safety checker to switch off. The settings the editor
     * offers are the everyday ones; the rest are for the command line.
     */
    static Capabilities capabilities(int minSide) {
        return Capabilities.builder().sideRange(minSide, 2048).sizeMultiple(16).maxLoras(FillRequest.MAX_LORAS).cancellable(true)
                .loraFiles(true).reportsSteps(true).safetyCheckerOptional(true).price(Price.free("your own GPU"))
                .setting(new EngineSetting(LocalEngineOptions.MODEL_DIR, "Model folder", EngineSetting.Kind.FOLDER,
                        List.of(), "A download of black-forest-labs/FLUX.1-Fill-dev (flux1-fill-dev.safetensors, "
                        + "ae.safetensors, text_encoder/, text_encoder_2/, tokenizer/, tokenizer_2/)"))
                .setting(new EngineSetting(LocalEngineOptions.COMFYUI_DIR, "ComfyUI folder", EngineSetting.Kind.FOLDER,
                        List.of(), "A ComfyUI installation whose FLUX.1 Fill files are used (models/diffusion_models"
                        + " or unet, text_encoders or clip, vae); what it lacks comes from the Hugging Face cache"))
                .setting(new EngineSetting(LocalEngineOptions.DEVICE, "Device", EngineSetting.Kind.CHOICE,
                        List.of("cuda", "cpu"), "Where the model runs: the NVIDIA GPU, or (very slowly) the CPU"))
                // the editor preselects the first choice: the default, the one that matches the reference
                .setting(new EngineSetting(LocalEngineOptions.PRECISION, "Precision", EngineSetting.Kind.CHOICE,
                        List.of("bf16-reference", "fp32", "fp16"), "bf16-reference (default) matches the reference "
                        + "implementation's picture; fp16 is faster on GPUs, close to it; fp32 is exact float32"))
                .setting(new EngineSetting(LocalEngineOptions.WEIGHT_STORAGE, "Weight storage",
                        EngineSetting.Kind.CHOICE, List.of("auto", "fp32", "fp16", "int8"),
                        "auto chooses from the free GPU memory; int8 fits 12–16 GB cards"))
                .build();
    }

    /** Checks the options and the files' headers; weights are loaded by the first fill. */
    @Override
    public Engine create(EngineContext context) throws EngineException {
        return new LocalEngine(LocalEngineOptions.from(context));
    }

    /** Ready when every model file can be found; only names are checked, nothing is read or loaded. */
    @Override
    public Readiness readiness(EngineContext context) {
        LocalEngineOptions options;
        try {
            options = LocalEngineOptions.from(context);
        } catch (EngineException e) {
            return Readiness.notSetUp("its settings need fixing (Engine Settings)");
        }
        try {
            LocalModelFiles.resolve(options);
            return Readiness.READY;
        } catch (EngineException e) {
            boolean nothingChosen = options.modelDir() == null && options.transformer() == null
                    && options.comfyUiDir() == null;
            return Readiness.notSetUp(nothingChosen ? "needs the FLUX.1 Fill [dev] model files on this computer"
                    : "the model folder is missing files (Engine Settings)");
        }
    }
}
