package com.maskfill.engine.api.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.maskfill.engine.api.pipeline.FillPipeline;
import com.maskfill.engine.api.pipeline.Region;
import com.maskfill.engine.api.request.FillRequest;
import com.maskfill.engine.api.request.Mask;
import com.maskfill.engine.api.request.WorkResolution;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PriceEstimateTest {

    private static final Price PER_IMAGE = Price.perImage("0.035", "USD", "test page");
    private static final Price PER_MP = Price.perMegapixel("0.05", "USD", false, "test page");
    private static final Price PER_STARTED_MP = Price.perMegapixel("0.05", "USD", true, "test page");

    @Test
    void perImagePriceIsMultipliedByTheImageCountWhateverTheSize() {
        PriceEstimate four = PriceEstimate.of(Optional.of(PER_IMAGE), 4, 1024, 1024);
        assertEquals(0, new BigDecimal("0.14").compareTo(four.total().amount()));
        assertEquals("≈ 0.14 USD for 4 images", four.text());
        assertEquals("≈ 0.035 USD for 1 image", PriceEstimate.of(Optional.of(PER_IMAGE), 1, 0, 0).text(),
                "a per-image price needs no planned size");
    }

    @Test
    void perMegapixelPriceFollowsTheSizeSent() {
        // 1000 × 500 = half a megapixel, twice
        PriceEstimate estimate = PriceEstimate.of(Optional.of(PER_MP), 2, 1000, 500);
        assertEquals(0, new BigDecimal("0.05").compareTo(estimate.total().amount()));
        assertEquals("≈ 0.05 USD for 2 images of 1000×500 px", estimate.text());
    }

    @Test
    void aStartedMegapixelIsChargedWhole() {
        // 1024 × 1024 is 1.048576 megapixels: two started ones at 0.05 each
        PriceEstimate estimate = PriceEstimate.of(Optional.of(PER_STARTED_MP), 1, 1024, 1024);
        assertEquals("≈ 0.10 USD for 1 image of 1024×1024 px", estimate.text());
        assertEquals("≈ 0.05 USD for 1 image of 1000×1000 px",
                PriceEstimate.of(Optional.of(PER_STARTED_MP), 1, 1000, 1000).text(), "exactly one megapixel is one");
    }

    @Test
    void aFractionOfACentIsShownRoundedUpToThreeDecimals() {
        // 0.05 × 0.262144 MP = 0.0131072: shown as 0.014, never as less than is charged
        PriceEstimate estimate = PriceEstimate.of(Optional.of(PER_MP), 1, 512, 512);
        assertEquals(Optional.of("0.014"), estimate.shownAmount());
        assertEquals(Optional.of("0.10"), PriceEstimate.of(Optional.of(Price.perImage("0.1", "USD", "s")), 1, 0, 0)
                .shownAmount(), "at least two decimals");
    }

    @Test
    void anUnknownPriceSaysSoAndAFreeEngineSaysWhy() {
        assertEquals("price unknown", PriceEstimate.of(Optional.empty(), 3, 1024, 1024).text());
        assertEquals("free: your own GPU", PriceEstimate.of(Optional.of(Price.free("your own GPU")), 4, 1024, 1024)
                .text());
    }

    @Test
    void aPerMegapixelPriceWithoutAPlannedSizeAsksForAMask() {
        PriceEstimate estimate = PriceEstimate.of(Optional.of(PER_STARTED_MP), 2, 0, 0);
        assertEquals(PriceEstimate.Kind.NEEDS_SIZE, estimate.kind());
        assertEquals("0.05 USD per megapixel, rounded up (paint a mask for an estimate)", estimate.text());
    }

    @Test
    void aPriceThatContradictsItsBasisIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Price(Price.Basis.FREE, BigDecimal.ONE, "USD", "s"));
        assertThrows(IllegalArgumentException.class, () -> Price.perImage("-0.01", "USD", "s"));
        assertThrows(IllegalArgumentException.class, () -> PriceEstimate.of(Optional.of(PER_IMAGE), 0, 0, 0));
    }

    @Test
    void theEditorsPlanWithoutPixelsIsThePlanOfTheWholeRequest() throws Exception {
        Capabilities capabilities = Capabilities.builder().sideRange(256, 1536).workingPixels(1024 * 1024).build();
        byte[] mask = new byte[800 * 600];
        for (int y = 220; y < 260; y++) {
            for (int x = 300; x < 360; x++) {
                mask[y * 800 + x] = (byte) 255;
            }
        }
        FillPipeline pipeline = new FillPipeline();
        for (WorkResolution resolution : WorkResolution.values()) {
            FillRequest request = FillRequest.builder().image(new BufferedImage(800, 600, BufferedImage.TYPE_INT_RGB))
                    .mask(Mask.of(800, 600, mask)).prompt("a marble").workResolution(resolution).build();
            assertEquals(pipeline.plan(request, capabilities), pipeline.plan(800, 600, new Region(300, 220, 60, 40),
                    OptionalInt.empty(), resolution, capabilities), resolution.toString());
        }
    }
}
