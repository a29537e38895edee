package com.maskfill.engine.remote;

import static com.maskfill.engine.remote.ScriptedServer.bytes;
import static com.maskfill.engine.remote.ScriptedServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.maskfill.engine.api.engine.Cancellation;
import com.maskfill.engine.api.engine.Engine;
import com.maskfill.engine.api.pipeline.FillPipeline;
import com.maskfill.engine.api.pipeline.FillResult;
import com.maskfill.engine.api.request.FillRequest;
import com.maskfill.engine.api.request.Mask;
import com.maskfill.engine.remote.EngineTestKit.RecordingProgress;
import com.maskfill.engine.remote.http.TestImages;
import com.maskfill.engine.remote.oneminai.OneMinAiEngineProvider;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * A hosted engine under the shared pipeline: the engine gets the context crop, returns the provider's
 * megapixel output scaled to that crop, and the pipeline pastes it back into the full-size source.
 */
class HostedPipelineTest extends ProviderContractTest {

    @Test
    void oneMinAiMegapixelOutputLandsInsideTheMaskAndNowhereElse() throws Exception {
        server.on("POST", "/api/assets", json(200, "{\"fileContent\":{\"path\":\"images/i.png\"}}"),
                json(200, "{\"fileContent\":{\"path\":\"images/m.png\"}}"));
        server.on("POST", "/api/features", json(200, "{\"aiRecord\":{\"uuid\":\"r\",\"status\":\"SUCCESS\","
                + "\"temporaryUrl\":\"" + server.url("/s3/out.webp") + "\"}}"));
        server.on("GET", "/s3/out.webp", bytes("image/png", TestImages.png(1024, 1024, Color.RED)));
        byte[] maskPixels = new byte[600 * 600];
        for (int y = 250; y < 350; y++) {
            for (int x = 250; x < 350; x++) {
                maskPixels[y * 600 + x] = (byte) 255;
            }
        }
        FillRequest request = FillRequest.builder().image(TestImages.solid(600, 600, Color.GRAY))
                .mask(Mask.of(600, 600, maskPixels)).prompt("a red square").steps(20).guidance(30).seed(7).build();
        Engine engine = new OneMinAiEngineProvider().create(EngineTestKit.context(server.root(), "ONEMIN_API_KEY", "k"),
                EngineTestKit.fastTuning(sleeper));

        FillResult result = new FillPipeline().run(engine, request, new RecordingProgress(), new Cancellation());

        BufferedImage filled = result.composedOver(request.image(), 0);
        assertEquals(600, filled.getWidth());
        assertEquals(Color.RED.getRGB(), filled.getRGB(300, 300));
        assertEquals(Color.GRAY.getRGB(), filled.getRGB(10, 10));
        assertEquals(Color.GRAY.getRGB(), filled.getRGB(590, 300));

        BufferedImage sent = uploadedImage(server.requests("POST", "/api/assets").get(0));
        assertTrue(sent.getWidth() >= 256 && sent.getWidth() % 16 == 0, "sent " + sent.getWidth());
        assertEquals(sent.getWidth(), result.engineOutputs().get(0).getWidth(), "output scaled back to the size sent");
        assertEquals(sent.getHeight(), result.engineOutputs().get(0).getHeight());
    }

    @Test
    void aGreyMaskIsUploadedBlackAndWhiteCoveringEveryPaintedPixelAndPastedBackAtItsStrength() throws Exception {
        server.on("POST", "/api/assets", json(200, "{\"fileContent\":{\"path\":\"images/i.png\"}}"),
                json(200, "{\"fileContent\":{\"path\":\"images/m.png\"}}"));
        server.on("POST", "/api/features", json(200, "{\"aiRecord\":{\"uuid\":\"r\",\"status\":\"SUCCESS\","
                + "\"temporaryUrl\":\"" + server.url("/s3/out.webp") + "\"}}"));
        server.on("GET", "/s3/out.webp", bytes("image/png", TestImages.png(1024, 1024, Color.RED)));
        byte[] maskPixels = new byte[600 * 600];
        for (int y = 250; y < 350; y++) {
            for (int x = 250; x < 350; x++) {
                maskPixels[y * 600 + x] = (byte) 128; // painted at 50 %
            }
        }
        FillRequest request = FillRequest.builder().image(TestImages.solid(600, 600, Color.GRAY))
                .mask(Mask.of(600, 600, maskPixels)).prompt("a red square").steps(20).guidance(30).seed(7).build();
        Engine engine = new OneMinAiEngineProvider().create(EngineTestKit.context(server.root(), "ONEMIN_API_KEY", "k"),
                EngineTestKit.fastTuning(sleeper));

        FillResult result = new FillPipeline().run(engine, request, new RecordingProgress(), new Cancellation());

        BufferedImage sentMask = uploadedImage(server.requests("POST", "/api/assets").get(1));
        int[] levels = new int[256];
        for (int y = 0; y < sentMask.getHeight(); y++) {
            for (int x = 0; x < sentMask.getWidth(); x++) {
                levels[sentMask.getRaster().getSample(x, y, 0)]++;
            }
        }
        for (int v = 1; v < 255; v++) {
            assertEquals(0, levels[v], "the uploaded mask is black and white; level " + v + " found");
        }
        var crop = result.crop();
        int cx = (int) ((300 - crop.region().x()) * crop.scaleX());
        int cy = (int) ((300 - crop.region().y()) * crop.scaleY());
        assertEquals(255, sentMask.getRaster().getSample(cx, cy, 0), "the grey area is sent to be regenerated");
        BufferedImage filled = result.composedOver(request.image(), 0);
        int half = (128 * 127 + 255 * 128 + 127) / 255;
        int red = (filled.getRGB(300, 300) >> 16) & 0xff;
        assertEquals(half, red, "red blended half-way into the gray photo");
        assertEquals(Color.GRAY.getRGB(), filled.getRGB(10, 10));
    }

    /** The PNG inside a multipart body (ImageIO stops at IEND, so the trailing boundary is harmless). */
    private static BufferedImage uploadedImage(RecordedRequest request) throws Exception {
        byte[] body = request.getBody().toByteArray();
        for (int i = 0; i + 4 < body.length; i++) {
            if ((body[i] & 0xFF) == 0x89 && body[i + 1] == 'P' && body[i + 2] == 'N' && body[i + 3] == 'G') {
                return ImageIO.read(new ByteArrayInputStream(body, i, body.length - i));
            }
        }
        throw new AssertionError("no PNG in the upload");
    }
}
