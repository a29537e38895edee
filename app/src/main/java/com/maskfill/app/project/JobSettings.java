package com.maskfill.app.project;

/** The side panel's settings as a project keeps them. */
public record JobSettings(String prompt, int steps, double guidance, long seed, boolean seedLocked, int imageCount,
                          String engineId) {

    public static final JobSettings DEFAULTS = new JobSettings("", 28, 30, 0, false, 1, null);
}
