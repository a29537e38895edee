package com.maskfill.engine.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.engine.api.engine.EngineProvider;
import com.maskfill.engine.api.engine.EngineProviders;
import com.maskfill.engine.api.engine.Price;
import com.maskfill.engine.api.engine.PriceEstimate;
import com.maskfill.engine.api.pipeline.ContextCrop;
import com.maskfill.engine.api.pipeline.FillPipeline;
import com.maskfill.engine.api.pipeline.Region;
import com.maskfill.engine.api.request.WorkResolution;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** What each hosted engine says a job costs, as the app finds it through ServiceLoader. */
class ProviderPricesTest {

    private static Map<String, EngineProvider> remote() {
        Map<String, EngineProvider> byId = new LinkedHashMap<>();
        EngineProviders.discover().stream()
                .filter(p -> p.getClass().getPackageName().startsWith("com.maskfill.engine.remote"))
                .forEach(p -> byId.put(p.id(), p));
        return byId;
    }

    @Test
    void documentedPricesAreDeclaredWithTheirSource() {
        Map<String, EngineProvider> providers = remote();
        Price bfl = providers.get("bfl").capabilities().price().orElseThrow();
        assertEquals(Price.Basis.PER_IMAGE, bfl.basis());
        assertEquals(0, new BigDecimal("0.05").compareTo(bfl.amount()));
        assertEquals("USD", bfl.currency());
        assertTrue(bfl.source().contains("docs.bfl.ml/quick_start/pricing"), bfl.source());

        Price wavespeed = providers.get("wavespeed").capabilities().price().orElseThrow();
        assertEquals(Price.Basis.PER_IMAGE, wavespeed.basis());
        assertEquals(0, new BigDecimal("0.035").compareTo(wavespeed.amount()));

        Price falPro = providers.get("fal-pro").capabilities().price().orElseThrow();
        assertEquals(Price.Basis.PER_STARTED_MEGAPIXEL, falPro.basis());
        assertEquals(0, new BigDecimal("0.05").compareTo(falPro.amount()));
        assertTrue(falPro.source().contains("fal.ai/models/fal-ai/flux-pro/v1/fill"), falPro.source());

        assertEquals(Price.Basis.FREE, providers.get("comfyui").capabilities().price().orElseThrow().basis());
    }

    @Test
    void unconfirmedPricesStayUnknownRatherThanGuessed() {
        Map<String, EngineProvider> providers = remote();
        for (String id : new String[] {"wavespeed-v2", "oneminai", "wiro", "fal", "replicate", "replicate-pro"}) {
            assertFalse(providers.get(id).capabilities().price().isPresent(), id);
        }
    }

    @Test
    void theEstimateForAKnownMaskOnEachEngine() throws Exception {
        // a 60 × 40 area on a 4000 × 3000 photo, at the model's resolution, two images where the engine makes two
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("bfl", "≈ 0.05 USD for 1 image");
        expected.put("wavespeed", "≈ 0.07 USD for 2 images");
        expected.put("fal-pro", "≈ 0.20 USD for 2 images of %s px");
        expected.put("comfyui", "free: your own GPU");
        expected.put("replicate", "price unknown");
        FillPipeline pipeline = new FillPipeline();
        Map<String, EngineProvider> providers = remote();
        expected.forEach((id, text) -> {
            var capabilities = providers.get(id).capabilities();
            try {
                ContextCrop crop = pipeline.plan(4000, 3000, new Region(1800, 1400, 60, 40), OptionalInt.empty(),
                        WorkResolution.MODEL, capabilities);
                int images = Math.min(2, capabilities.maxImages());
                String size = crop.workWidth() + "×" + crop.workHeight();
                assertEquals(String.format(text, size), PriceEstimate.of(capabilities.price(), images,
                        crop.workWidth(), crop.workHeight()).text(), id);
                if (id.equals("fal-pro")) {
                    // about a megapixel, a little more: two started megapixels per image
                    long pixels = (long) crop.workWidth() * crop.workHeight();
                    assertTrue(pixels > 1_000_000 && pixels <= 2_000_000, size);
                }
            } catch (Exception e) {
                throw new AssertionError(id, e);
            }
        });
    }
}
