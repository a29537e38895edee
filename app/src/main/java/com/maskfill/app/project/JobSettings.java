package com.maskfill.app.project;

import com.maskfill.engine.api.request.FillRequest;

/** The side panel's settings as a project keeps them. */
public record JobSettings(String prompt, int steps, double guidance, long seed, boolean seedLocked, int imageCount,
                          String engineId) {

    public static final JobSettings DEFAULTS = new JobSettings("", FillRequest.DEFAULT_STEPS,
            FillRequest.DEFAULT_GUIDANCE, 0, false, 1, null);
}
