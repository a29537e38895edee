package com.maskfill.engine.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.engine.api.engine.Capabilities;
import com.maskfill.engine.api.engine.EngineProvider;
import com.maskfill.engine.api.engine.EngineProviders;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each hosted engine starts the side panel (and the command line) at its own model's guidance. */
class ProviderDefaultGuidanceTest {

    private static Map<String, Capabilities> remote() {
        Map<String, Capabilities> byId = new LinkedHashMap<>();
        for (EngineProvider p : EngineProviders.discover()) {
            if (p.getClass().getPackageName().startsWith("com.maskfill.engine.remote")) {
                byId.put(p.id(), p.capabilities());
            }
        }
        return byId;
    }

    @Test
    void fillProAtBlackForestLabsDefaultsToItsOwnScaleNotTheDevModels() {
        // docs.bfl.ml, POST /v1/flux-pro-1.0-fill: guidance 1.5–100, default 60 (hosted-apis-more.md §1)
        assertEquals(60, remote().get("bfl").defaultGuidance());
    }

    @Test
    void fillProOnReplicateDefaultsToAValueBothPublishedRangesAccept() {
        // the model page says 2–5 (default 3), a copy of it BFL's 1.5–100: 3 is valid under both (§3)
        assertEquals(3, remote().get("replicate-pro").defaultGuidance());
    }

    @Test
    void fluxFillDevEnginesKeepThirtyAndEveryDefaultLiesInItsRange() {
        Map<String, Capabilities> engines = remote();
        for (String dev : new String[] {"wavespeed", "fal", "replicate", "comfyui"}) {
            assertEquals(30, engines.get(dev).defaultGuidance(), dev);
        }
        engines.forEach((id, c) -> assertTrue(c.guidanceRange().contains(c.defaultGuidance()),
                id + ": " + c.defaultGuidance() + " outside " + c.guidanceRange()));
    }
}
