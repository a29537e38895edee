package com.maskfill.engine.api.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.Capabilities;
import com.maskfill.engine.api.engine.Engine;
import com.maskfill.engine.api.engine.EngineInput;
import com.maskfill.engine.api.engine.EngineResult;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.ProgressEvent;
import com.maskfill.engine.api.engine.ProgressEvent.Stage;
import com.maskfill.engine.api.engine.ProgressListener;
import com.maskfill.engine.api.engine.SubmittedJob;
import com.maskfill.engine.api.request.FillRequest;
import com.maskfill.engine.api.request.Mask;
import com.sun.management.ThreadMXBean;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class FillPipelineTest {

    private static final int W = 6000;
    private static final int H = 4000;
    private static final BufferedImage PHOTO = photo();
    private static final Mask SMALL_MASK = smallMask();

    private static BufferedImage photo() {
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[W];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                row[x] = (x * 7 + y * 13) & 0xffffff;
            }
            image.setRGB(0, y, W, 1, row, 0, W);
        }
        return image;
    }

    /** A 40×30 px patch at (4000, 1000). */
    private static Mask smallMask() {
        byte[] m = new byte[W * H];
        for (int y = 1000; y < 1030; y++) {
            for (int x = 4000; x < 4040; x++) {
                m[y * W + x] = (byte) 255;
            }
        }
        return Mask.of(W, H, m);
    }

    private static FillRequest.Builder request() {
        return FillRequest.builder().image(PHOTO).mask(SMALL_MASK).prompt("a small bird").steps(4);
    }

    private static List<Stage> stages(List<ProgressEvent> events) {
        return events.stream().map(ProgressEvent::stage).distinct().toList();
    }

    @Test
    void smallMaskOnALargePhotoSendsASmallCropAndGetsACropSizedLayerThatComposesFullSize() throws EngineException {
        FakeEngine engine = new FakeEngine(0x00ff00, 0, null);
        FillResult result = new FillPipeline().run(engine, request().seed(7).build(), ProgressListener.NONE,
                new Cancellation());
        assertEquals(256, engine.received.width());
        assertEquals(256, engine.received.height());
        assertEquals(255, engine.received.mask().value(4020 - result.crop().region().x(), 1015 - result.crop().region().y()));
        BufferedImage layer = result.layers().get(0);
        assertEquals(result.crop().region().width(), layer.getWidth());
        assertEquals(result.crop().region().height(), layer.getHeight());
        BufferedImage image = result.composedOver(PHOTO, 0);
        assertEquals(W, image.getWidth());
        assertEquals(H, image.getHeight());
        assertEquals(0x00ff00, image.getRGB(4020, 1015) & 0xffffff);
        assertEquals(PHOTO.getRGB(100, 100), image.getRGB(100, 100));
        assertEquals(PHOTO.getRGB(4040 + 9, 1015), image.getRGB(4040 + 9, 1015), "just beyond the 8 px feather");
    }

    @Test
    void progressGoesFromPreparingThroughEveryStageToDone() throws EngineException {
        List<ProgressEvent> events = new CopyOnWriteArrayList<>();
        new FillPipeline().run(new FakeEngine(0xff0000, 0, null), request().build(), events::add, new Cancellation());
        assertEquals(List.of(Stage.PREPARING, Stage.UPLOADING, Stage.QUEUED, Stage.RUNNING, Stage.DOWNLOADING, Stage.DONE),
                stages(events));
        List<String> steps = events.stream().filter(e -> e.stage() == Stage.RUNNING).map(ProgressEvent::describe).toList();
        assertEquals(List.of("Running step 1 of 4", "Running step 2 of 4", "Running step 3 of 4", "Running step 4 of 4"), steps);
    }

    @Test
    void resultCarriesSeedJobIdCostTimingsAndOneImagePerOutput() throws EngineException {
        FillResult result = new FillPipeline().run(new FakeEngine(0x0000ff, 0, null),
                request().seed(1234).imageCount(3).build(), ProgressListener.NONE, new Cancellation());
        assertEquals(3, result.layers().size());
        assertEquals(0x0000ff + 2, result.composedOver(PHOTO, 2).getRGB(4020, 1015) & 0xffffff);
        assertEquals(1234, result.seed());
        assertEquals("job-42", result.providerJobId().orElseThrow());
        assertEquals("0.035 USD", result.cost().orElseThrow().toString());
        assertEquals(List.of(false, false, false), result.nsfwFlags());
        assertEquals(Duration.ofMillis(20), result.timings().inference().orElseThrow());
        assertTrue(result.timings().total().isPresent(), "total measured by the pipeline");
    }

    @Test
    void absentSeedIsDrawnWithinTheEnginesRangeAndReported() throws EngineException {
        FakeEngine engine = new FakeEngine(0, 0, null);
        FillResult result = new FillPipeline().run(engine, request().build(), ProgressListener.NONE, new Cancellation());
        assertEquals(engine.received.seed(), result.seed());
        assertTrue(result.seed() >= 0 && result.seed() <= 2_147_483_647L);
    }

    @Test
    void resumeFetchesTheEarlierJobWithItsSeedAndPastesBackLikeARun() throws EngineException {
        FakeEngine engine = new FakeEngine(0x00ff00, 0, null);
        SubmittedJob job = SubmittedJob.accepted("fake", "job-7", 4242L);
        FillResult result = new FillPipeline().resume(engine, "fake", request().build(), job, ProgressListener.NONE,
                new Cancellation());
        assertEquals(job, engine.resumed);
        assertEquals(4242L, result.seed());
        assertEquals(4242L, engine.received.seed());
        assertThrows(EngineException.class, () -> new FillPipeline().resume(engine, "other", request().build(), job,
                ProgressListener.NONE, new Cancellation()));
    }

    @Test
    void eachImageKnowsItsOwnSeedOnlyWhenTheEngineSaysOrTheJobMadeOneImage() throws EngineException {
        FillResult batch = new FillPipeline().run(new FakeEngine(0, 0, null), request().seed(50).imageCount(3).build(),
                ProgressListener.NONE, new Cancellation());
        // one seed for a batch made in one call: no image may claim it as its own
        assertTrue(batch.imageSeed(0).isEmpty() && batch.imageSeed(2).isEmpty());
        FillResult single = new FillPipeline().run(new FakeEngine(0, 0, null), request().seed(50).build(),
                ProgressListener.NONE, new Cancellation());
        assertEquals(50, single.imageSeed(0).orElseThrow());

        FakeEngine fake = new FakeEngine(0, 0, null);
        Engine perImage = new Engine() {
            @Override
            public Capabilities capabilities() {
                return fake.capabilities();
            }

            @Override
            public EngineResult fill(EngineInput input, ProgressListener progress, Cancellation cancellation)
                    throws EngineException {
                EngineResult made = fake.fill(input, progress, cancellation);
                EngineResult.Builder seeded = EngineResult.builder().seed(input.seed())
                        .imageSeeds(List.of(input.seed(), input.seed() + 1, input.seed() + 2));
                made.images().forEach(seeded::addImage);
                return seeded.build();
            }

            @Override
            public void close() {
            }
        };
        FillResult seeded = new FillPipeline().run(perImage, request().seed(50).imageCount(3).build(),
                ProgressListener.NONE, new Cancellation());
        assertEquals(List.of(50L, 51L, 52L), List.of(seeded.imageSeed(0).orElseThrow(),
                seeded.imageSeed(1).orElseThrow(), seeded.imageSeed(2).orElseThrow()));
    }

    @Test
    void seedReportedByTheProviderWins() throws EngineException {
        FillResult result = new FillPipeline().run(new FakeEngine(0, 0, 99L), request().build(), ProgressListener.NONE,
                new Cancellation());
        assertEquals(99, result.seed());
    }

    @Test
    void cancellingWhileRunningStopsTheJobAtTheProviderAndReportsCancelled() {
        FakeEngine engine = new FakeEngine(0, 2, null);
        Cancellation cancellation = new Cancellation();
        List<ProgressEvent> events = new CopyOnWriteArrayList<>();
        Thread canceller = new Thread(() -> {
            while (events.stream().noneMatch(e -> e.stage() == Stage.RUNNING && e.current() == 2)) {
                Thread.onSpinWait();
            }
            cancellation.cancel();
        });
        canceller.start();
        EngineException e = assertThrows(EngineException.class,
                () -> new FillPipeline().run(engine, request().build(), events::add, cancellation));
        assertEquals(EngineException.Category.CANCELLED, e.category());
        assertTrue(engine.cancelledAtProvider.get());
        assertFalse(stages(events).contains(Stage.DONE));
        assertFalse(events.stream().anyMatch(ev -> ev.stage() == Stage.RUNNING && ev.current() == 3));
    }

    @Test
    void cancelArrivingAfterTheEngineReturnedItsOutputsKeepsThePaidResults() throws EngineException {
        Cancellation cancellation = new Cancellation();
        // The user clicks Cancel while the outputs are being downloaded: too late to stop the bill.
        FakeEngine paying = new FakeEngine(0x00ff00, 0, null);
        Engine engine = new Engine() {
            @Override
            public Capabilities capabilities() {
                return paying.capabilities();
            }

            @Override
            public EngineResult fill(EngineInput input, ProgressListener progress, Cancellation c)
                    throws EngineException {
                EngineResult paid = paying.fill(input, progress, c);
                cancellation.cancel();
                return paid;
            }
        };
        List<ProgressEvent> events = new CopyOnWriteArrayList<>();
        FillResult result = new FillPipeline().run(engine, request().imageCount(2).build(), events::add, cancellation);
        assertEquals(2, result.layers().size());
        assertEquals("job-42", result.providerJobId().orElseThrow());
        assertEquals(Stage.DONE, events.get(events.size() - 1).stage());
    }

    @Test
    void fourOutputsOnALargePhotoAllocateInProportionToTheCropNotToThePhoto() throws EngineException {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        FillRequest onLarge = request().seed(1).imageCount(4).build();
        BufferedImage smallPhoto = new BufferedImage(4200, 1200, BufferedImage.TYPE_INT_RGB);
        FillRequest onSmall = FillRequest.builder().image(smallPhoto).mask(Mask.of(4200, 1200,
                SMALL_MASK.pixels(0, 0, 4200, 1200))).prompt("a small bird").steps(4).seed(1).imageCount(4).build();
        new FillPipeline().run(new FakeEngine(0x00ff00, 0, null), onSmall, ProgressListener.NONE, new Cancellation());

        long small = allocatedBy(threads, onSmall);
        long large = allocatedBy(threads, onLarge);
        long photoBytes = 4L * W * H;
        // The crop here is 256×256 (below the size worth splitting over threads), so all of it runs on this thread.
        assertTrue(large < photoBytes / 8, "allocated " + large / 1_000_000 + " MB for a " + photoBytes / 1_000_000
                + " MB photo: a full-size copy per output would be " + 4 * photoBytes / 1_000_000 + " MB");
        assertTrue(large - small < 1_000_000, "a photo 4.8× larger cost " + (large - small) / 1000 + " kB more ("
                + small / 1000 + " kB vs " + large / 1000 + " kB)");
    }

    private static long allocatedBy(ThreadMXBean threads, FillRequest request) throws EngineException {
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        new FillPipeline().run(new FakeEngine(0x00ff00, 0, null), request, ProgressListener.NONE, new Cancellation());
        return threads.getThreadAllocatedBytes(id) - before;
    }

    @Test
    void cancelledBeforeStartNeverReachesTheEngine() {
        FakeEngine engine = new FakeEngine(0, 0, null);
        Cancellation cancellation = new Cancellation();
        cancellation.cancel();
        EngineException e = assertThrows(EngineException.class,
                () -> new FillPipeline().run(engine, request().build(), ProgressListener.NONE, cancellation));
        assertEquals(EngineException.Category.CANCELLED, e.category());
        assertNull(engine.received);
    }

    @Test
    void settingOutsideTheEnginesRangeIsRefusedBeforeTheEngineIsCalled() {
        FakeEngine engine = new FakeEngine(0, 0, null);
        EngineException e = assertThrows(EngineException.class, () -> new FillPipeline()
                .run(engine, request().guidance(40).build(), ProgressListener.NONE, new Cancellation()));
        assertEquals(EngineException.Category.INVALID_INPUT, e.category());
        assertEquals("This engine cannot run the request: guidance = 40 is out of range: allowed 28–35", e.getMessage());
        assertNull(engine.received);
    }

    @Test
    void workingSizeIsWhatTheEngineReceives() throws EngineException {
        FakeEngine engine = new FakeEngine(0, 0, null);
        FillResult result = new FillPipeline().run(engine, request().workingSize(1024).build(), ProgressListener.NONE,
                new Cancellation());
        assertEquals(1024, Math.max(engine.received.width(), engine.received.height()));
        assertEquals(result.crop().region().width(), result.layers().get(0).getWidth());
    }
}
