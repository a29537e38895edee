package com.maskfill.engine.api.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.Capabilities;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.ProgressListener;
import com.maskfill.engine.api.request.FillRequest;
import com.maskfill.engine.api.request.Mask;
import com.maskfill.engine.api.request.WorkResolution;
import java.awt.image.BufferedImage;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Detail in small regions: the size a small masked area of a large photo is sent at. */
class WorkResolutionTest {

    private static final int W = 6000;
    private static final int H = 4000;
    private static final long MEGAPIXEL = 1024 * 1024;
    private static final Capabilities FLUX = Capabilities.builder().sideRange(256, 1536).workingPixels(MEGAPIXEL).build();

    private static ContextCrop plan(Region box, Capabilities caps, long modelPixels) throws EngineException {
        return ContextCrop.plan(W, H, box, 48, caps, OptionalInt.empty(), modelPixels);
    }

    private static void assertFits(ContextCrop crop, Region box, Capabilities caps) {
        assertTrue(crop.region().contains(box), crop + " holds " + box);
        assertEquals(0, crop.workWidth() % 16);
        assertEquals(0, crop.workHeight() % 16);
        assertTrue(caps.sideRange().contains(crop.workWidth()) && caps.sideRange().contains(crop.workHeight()),
                crop.workWidth() + "×" + crop.workHeight());
        assertEquals(crop.scaleX(), crop.scaleY(), 0.02, "uniform scale");
    }

    @Test
    void aSmallFaceIsSentAtAboutOneMegapixelInsteadOfTheMinimumSide() throws EngineException {
        Region face = new Region(3000, 2000, 150, 150);
        ContextCrop model = plan(face, FLUX, MEGAPIXEL);
        ContextCrop asIs = plan(face, FLUX, 0);

        assertEquals(1024, model.workWidth());
        assertEquals(1024, model.workHeight());
        assertEquals(new Region(2952, 1952, 246, 246), model.region(), "the face and its 48 px of context");
        assertFits(model, face, FLUX);
        assertEquals(256, asIs.workWidth(), "as is: widened to the engine's minimum side at its own scale");
        assertEquals(256, asIs.workHeight());
        assertEquals(1.0, asIs.scaleX(), 0.01);
    }

    @Test
    void anElongatedAreaStopsAtTheEnginesLongestSide() throws EngineException {
        Region strip = new Region(1000, 1000, 600, 60);
        ContextCrop crop = plan(strip, FLUX, MEGAPIXEL);

        assertEquals(1536, crop.workWidth());
        assertFits(crop, strip, FLUX);
        assertTrue((long) crop.workWidth() * crop.workHeight() < MEGAPIXEL);
    }

    @Test
    void anEngineWithASmallerLimitGetsItsLongestSide() throws EngineException {
        Capabilities small = Capabilities.builder().sideRange(256, 1024).workingPixels(MEGAPIXEL).build();
        Region box = new Region(200, 300, 300, 120);
        ContextCrop crop = plan(box, small, MEGAPIXEL);

        assertEquals(1024, crop.workWidth());
        assertFits(crop, box, small);
    }

    @Test
    void anAreaLargerThanTheModelsResolutionIsSentAsBefore() throws EngineException {
        Region large = new Region(1000, 1000, 1400, 1000);
        assertEquals(plan(large, FLUX, 0), plan(large, FLUX, MEGAPIXEL));
        Region huge = new Region(100, 100, 5000, 3000);
        assertEquals(plan(huge, FLUX, 0), plan(huge, FLUX, MEGAPIXEL));
    }

    @Test
    void aMediumAreaIsScaledToAboutOneMegapixelWithSidesOfSixteen() throws EngineException {
        Region box = new Region(2000, 1500, 400, 250);
        ContextCrop crop = plan(box, FLUX, MEGAPIXEL);

        long area = (long) crop.workWidth() * crop.workHeight();
        assertTrue(area > 0.9 * MEGAPIXEL && area < 1.1 * MEGAPIXEL, crop.workWidth() + "×" + crop.workHeight());
        assertFits(crop, box, FLUX);
    }

    @Test
    void thePipelineSendsTheModelsResolutionByDefaultAndTheCropAsIsWhenAsked() throws EngineException {
        BufferedImage photo = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        byte[] m = new byte[W * H];
        for (int y = 2000; y < 2150; y++) {
            java.util.Arrays.fill(m, y * W + 3000, y * W + 3150, (byte) 255);
        }
        FillRequest.Builder request = FillRequest.builder().image(photo).mask(Mask.of(W, H, m)).prompt("a face")
                .steps(4).seed(1).colorMatch(false);
        DriftEngine engine = new DriftEngine(v -> v, v -> v, v -> v, null, 0) {
            @Override
            public Capabilities capabilities() {
                return FLUX;
            }
        };
        FillPipeline pipeline = new FillPipeline();

        FillResult model = pipeline.run(engine, request.build(), ProgressListener.NONE, new Cancellation());
        assertEquals(1024, engine.received.width());
        assertEquals(model.crop().region().width(), model.layers().get(0).getWidth(), "scaled back to the crop");

        pipeline.run(engine, request.workResolution(WorkResolution.AS_IS).build(), ProgressListener.NONE,
                new Cancellation());
        assertEquals(256, engine.received.width());

        pipeline.run(engine, request.workResolution(WorkResolution.MODEL).workingSize(512).build(),
                ProgressListener.NONE, new Cancellation());
        assertEquals(512, engine.received.width(), "a working size asked for wins");
    }
}
