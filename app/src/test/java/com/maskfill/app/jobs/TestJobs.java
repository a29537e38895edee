package com.maskfill.app.jobs;

import com.maskfill.app.model.EngineChoice;
import com.maskfill.engine.api.request.FillRequest;
import com.maskfill.engine.api.request.Mask;
import java.awt.image.BufferedImage;
import java.util.Map;

/** Job inputs for tests: a 64 × 64 photo with one masked pixel, three steps. */
public final class TestJobs {

    private TestJobs() {
    }

    public static JobSpec spec(EngineChoice engine, String prompt, Map<String, String> engineOptions) {
        byte[] mask = new byte[64 * 64];
        mask[32 * 64 + 32] = (byte) 255;
        return new JobSpec(FillRequest.builder().image(new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB))
                .mask(Mask.of(64, 64, mask)).prompt(prompt).steps(3).build(), engine, engineOptions, null, null);
    }
}
