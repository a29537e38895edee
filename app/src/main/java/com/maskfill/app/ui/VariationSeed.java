package com.maskfill.app.ui;

import com.maskfill.app.project.JobSettings;
import com.maskfill.app.project.Provenance;
import com.maskfill.app.project.ResultGroup;
import com.maskfill.app.project.ResultLayer;

/**
 * What a result's seed means: its own (a one-image job with it makes the image again) when the engine said so, or
 * the job's seed shared by a batch that only comes back whole. Says which, and puts the right one back in the panel.
 */
final class VariationSeed {

    private VariationSeed() {
    }

    /** The seed to show and copy for {@code layer}: its own when known, else its job's. */
    static long of(ResultGroup group, ResultLayer layer) {
        return layer.seed().orElse(group.provenance().seed());
    }

    /** The seed line of the result's details. */
    static String describe(ResultGroup group, ResultLayer layer) {
        int count = group.layers().size();
        String position = count > 1 ? " (image " + (group.layers().indexOf(layer) + 1) + " of " + count + ")" : "";
        if (layer.seed().isPresent()) {
            return "seed " + layer.seed().getAsLong() + position;
        }
        return "seed " + group.provenance().seed() + position + ", shared by the job's images: the engine does not "
                + "say each image's own seed";
    }

    /**
     * Reuse settings: with the image's own seed, locked, and one image, so Generate makes this variation again;
     * without one, the job's seed locked and the image count left as it is (only the whole batch comes back).
     */
    static JobSettings rerun(ResultGroup group, ResultLayer layer, int imageCount) {
        JobSettings reused = JobSettings.reusing(group.provenance(), imageCount);
        if (layer.seed().isEmpty()) {
            return reused;
        }
        return new JobSettings(reused.prompt(), reused.steps(), reused.guidance(), layer.seed().getAsLong(), true, 1,
                reused.engineId(), reused.loras());
    }

    /** What Reuse settings tells the user it did. */
    static String rerunNotice(ResultGroup group, ResultLayer layer) {
        Provenance p = group.provenance();
        if (layer.seed().isPresent()) {
            return "This variation's settings are back in the panel: seed " + layer.seed().getAsLong()
                    + " locked, 1 image. Generate makes it again.";
        }
        return "Settings of this result are back in the panel, with its job's seed " + p.seed() + " locked. "
                + p.engineName() + " makes all images of a job from that one seed, so this image comes back only "
                + "with the same number of images as its job.";
    }
}
