package com.maskfill.engine.api.request;

/** The size a small masked area is sent at. */
public enum WorkResolution {
    /**
     * Scaled up to about the model's working resolution (see
     * {@link com.maskfill.engine.api.engine.Capabilities#workingPixels()}), so a small area gets the model's full
     * detail; the paste-back scales the output down again. The default.
     */
    MODEL,
    /** At its own size, widened to the engine's minimum side: cheaper on engines priced per megapixel. */
    AS_IS
}
