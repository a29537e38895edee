package com.maskfill.app.ui;

import com.maskfill.app.model.EngineChoice;
import com.maskfill.app.model.DocumentImage;
import com.maskfill.app.jobs.JobQueue;
import com.maskfill.app.jobs.JobSpec;
import com.maskfill.app.outpaint.Outpainting;
import com.maskfill.engine.api.engine.PriceEstimate;
import com.maskfill.engine.api.request.FillRequest;
import com.maskfill.engine.api.request.InvalidRequestException;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Generate: a job from the photo, the mask and the side panel's settings, queued; problems are told, never thrown. */
final class Generator {

    private final EditorViewModel editor;
    private final JobSettingsViewModel settings;
    private final JobQueue queue;
    private final Supplier<byte[]> mask;
    private final Function<String, Map<String, String>> engineOptions;
    private final Function<String, String> endpoints;
    private Predicate<DocumentImage> blankPromptAllowed = photo -> false;
    private Predicate<PriceEstimate> priceApproved = estimate -> true;

    /**
     * @param mask          the current mask, 8-bit, one byte per photo pixel (a copy the job may keep)
     * @param engineOptions an engine's plain settings by its id, frozen into each job
     * @param endpoints     an engine's base URL override by its id (null or blank: the documented one)
     */
    Generator(EditorViewModel editor, JobSettingsViewModel settings, JobQueue queue, Supplier<byte[]> mask,
              Function<String, Map<String, String>> engineOptions, Function<String, String> endpoints) {
        this.editor = editor;
        this.settings = settings;
        this.queue = queue;
        this.mask = mask;
        this.engineOptions = engineOptions;
        this.endpoints = endpoints;
    }

    /** Lets Generate run with an empty prompt on a photo this accepts (an extended canvas). */
    void setBlankPromptAllowed(Predicate<DocumentImage> allowed) {
        this.blankPromptAllowed = allowed;
    }

    /** Asked with each job's estimate before it is queued; false sends nothing (a price ceiling). */
    void setPriceApproval(Predicate<PriceEstimate> approval) {
        this.priceApproved = approval;
    }

    /** The prompt typed, or for a plain extension with none typed, the neutral one every provider accepts. */
    private String prompt(DocumentImage document) {
        String typed = settings.promptProperty().get();
        return typed.isBlank() && blankPromptAllowed.test(document) ? Outpainting.PLAIN_EXTENSION_PROMPT : typed;
    }

    void generate() {
        DocumentImage document = editor.getImage();
        if (document == null) {
            editor.error("Open a photo first.");
            return;
        }
        EngineChoice engine = settings.engineProperty().get();
        if (engine == null) {
            editor.error("Choose an engine first: none is installed or selected.");
            return;
        }
        if (!settings.setup().isReady(engine)) {
            // A job that must fail teaches nothing and may cost a round trip: show what to set up instead.
            settings.setup().offerSetup();
            return;
        }
        if (!settings.validProperty().get()) {
            editor.error("Fix the settings marked in red first.");
            return;
        }
        java.util.List<com.maskfill.engine.api.request.Lora> loras = settings.loras().forJob();
        if (loras.size() > engine.capabilities().maxLoras()) {
            editor.error(settings.loras().messageProperty().get());
            return;
        }
        FillRequest request;
        try {
            FillRequest.Builder builder = FillRequest.builder()
                    .image(document.copyOfPixels())
                    .mask(com.maskfill.engine.api.request.Mask.of(document.width(), document.height(), mask.get()))
                    .prompt(prompt(document))
                    .steps(settings.steps().valueProperty().get().intValueExact())
                    .guidance(settings.guidance().valueProperty().get().doubleValue())
                    .imageCount(settings.imageCountProperty().get())
                    .safetyChecker(settings.safetyCheckerProperty().get())
                    .colorMatch(settings.colorMatchProperty().get())
                    .loras(loras)
                    .workResolution(settings.modelResolutionProperty().get()
                            ? com.maskfill.engine.api.request.WorkResolution.MODEL
                            : com.maskfill.engine.api.request.WorkResolution.AS_IS);
            // locked or not, the job uses the seed shown, so what the field said is what ran (and Retry reuses it)
            builder.seed(settings.seed().valueProperty().get().longValueExact());
            request = builder.build();
        } catch (InvalidRequestException e) {
            String problems = String.join(" ", e.problems()).replace("mask is empty", "The mask is empty");
            editor.error(Character.toUpperCase(problems.charAt(0)) + problems.substring(1));
            return;
        }
        String endpoint = endpoints.apply(engine.id());
        JobSpec spec = new JobSpec(request, engine, engineOptions.apply(engine.id()),
                endpoint == null || endpoint.isBlank() ? null : endpoint, document.origin());
        if (!priceApproved.test(spec.estimate())) {
            return; // nothing sent, and the seed shown stays the one a Generate now would use
        }
        queue.submit(spec);
        settings.jobQueued();
    }
}
