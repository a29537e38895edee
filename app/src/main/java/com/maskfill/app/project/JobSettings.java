package com.maskfill.app.project;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.maskfill.engine.api.request.FillRequest;
import com.maskfill.engine.api.request.Lora;
import java.util.List;

/**
 * The side panel's settings as a project keeps them.
 *
 * @param loras the LoRA list with scales; null when not recorded: a prompt history entry from before entries kept
 *              the list, or a result from a project saved before provenance kept it. Restoring such settings leaves
 *              the panel's list as it is rather than emptying it (the job may well have had LoRAs). A project's
 *              own settings are never null here: {@link ProjectFileReader} reads an older project as having none.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobSettings(String prompt, int steps, double guidance, long seed, boolean seedLocked, int imageCount,
                          String engineId, List<Lora> loras) {

    public static final JobSettings DEFAULTS = new JobSettings("", FillRequest.DEFAULT_STEPS,
            FillRequest.DEFAULT_GUIDANCE, 0, false, 1, null);

    public JobSettings {
        loras = loras == null ? null : List.copyOf(loras);
    }

    /** Without LoRAs. */
    public JobSettings(String prompt, int steps, double guidance, long seed, boolean seedLocked, int imageCount,
                       String engineId) {
        this(prompt, steps, guidance, seed, seedLocked, imageCount, engineId, List.of());
    }

    /**
     * The settings a job ran with, for the project its results are saved in (the editor's and the command line's).
     *
     * The seed counts as locked when the request fixed it (the user chose it), as the side panel showed it.
     *
     * @param seed the seed the job used (the engine's pick when the request left it open)
     */
    public static JobSettings of(FillRequest request, long seed, String engineId) {
        return new JobSettings(request.prompt(), request.steps(), request.guidance(), seed, request.seed().isPresent(),
                request.imageCount(), engineId, request.loras());
    }

    /**
     * A result's settings back in the panel, its seed locked so Generate makes it again; how many images stays. Its
     * LoRAs as the job was sent them (null, leaving the list, where the provenance does not say).
     */
    public static JobSettings reusing(Provenance provenance, int imageCount) {
        return new JobSettings(provenance.prompt(), provenance.steps(), provenance.guidance(), provenance.seed(), true,
                imageCount, provenance.engineId(), provenance.loras());
    }
}
