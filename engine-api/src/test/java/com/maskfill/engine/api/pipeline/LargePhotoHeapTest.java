package com.maskfill.engine.api.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.ProgressListener;
import com.maskfill.engine.api.image.ImageLimits;
import com.maskfill.engine.api.request.FillRequest;
import com.maskfill.engine.api.request.Mask;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The largest photo Maskfill opens, with four results, in a 1 GiB heap: the photo (480 MB) and its mask
 * (120 MB) fit, a full-size copy per output (4 × 480 MB) would not. Run in a JVM of its own so the heap limit
 * is real.
 */
class LargePhotoHeapTest {

    private static final int W = 12_000;
    private static final int H = 10_000;

    @Test
    void aHundredTwentyMegapixelPhotoWithFourResultsFitsInOneGigabyteOfHeap() throws Exception {
        assertEquals(ImageLimits.MAX_PIXELS, (long) W * H, "the largest photo Maskfill opens");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(List.of(java.toString(), "-Xmx1g", "-cp",
                System.getProperty("java.class.path"), Probe.class.getName()))
                .redirectErrorStream(true).start();
        assertTrue(child.waitFor(3, TimeUnit.MINUTES), "the probe did not finish in 3 minutes");
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("4 layers"), output);
    }

    /** The child JVM: one job on a 120 MP photo, four outputs, with a fake engine. */
    public static final class Probe {
        public static void main(String[] args) throws EngineException, IOException {
            BufferedImage photo = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
            byte[] pixels = new byte[W * H];
            for (int y = 5000; y < 5400; y++) {
                java.util.Arrays.fill(pixels, y * W + 6000, y * W + 6600, (byte) 255);
            }
            Mask mask = Mask.of(W, H, pixels);
            pixels = null;
            FillRequest request = FillRequest.builder().image(photo).mask(mask).prompt("a boat").steps(2)
                    .imageCount(4).seed(3).build();
            FillResult result = new FillPipeline().run(new FakeEngine(0x3366cc, 0, null), request,
                    ProgressListener.NONE, new Cancellation());
            System.out.println(result.layers().size() + " layers of " + result.crop().region());
        }
    }
}
