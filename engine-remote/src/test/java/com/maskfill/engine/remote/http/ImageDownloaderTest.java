package com.maskfill.engine.remote.http;

import com.maskfill.engine.api.engine.Redactor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ImageDownloaderTest {

    private final MockWebServer server = new MockWebServer();
    private ImageDownloader downloader;

    @BeforeEach
    void start() throws Exception {
        server.start();
        downloader = downloader(1_000_000, 10_000);
    }

    private ImageDownloader downloader(long maxBytes, long maxPixels) {
        RemoteHttp http = new RemoteHttp("Test", HttpClients.forDownloads(Timeouts.standard()),
                new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(5)),
                RecordingSleeper.fast(), Redactor.of());
        return new ImageDownloader(http, maxBytes, maxPixels);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String serve(byte[] bytes, String contentType) {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", contentType)
                .body(new Buffer().write(bytes)).build());
        return server.url("/out/0").toString();
    }

    @Test
    void decodesPngJpegAndWebpWhateverTheContentTypeSays() throws Exception {
        DownloadedImage png = downloader.download(serve(TestImages.png(5, 4, Color.RED), "image/png"), new CallScope());
        assertEquals(OutputFormat.PNG, png.format());
        assertEquals(Color.RED.getRGB(), png.image().getRGB(2, 2));

        DownloadedImage jpeg = downloader.download(serve(TestImages.jpeg(8, 8, Color.BLUE), "application/octet-stream"),
                new CallScope());
        assertEquals(OutputFormat.JPEG, jpeg.format());
        assertEquals(8, jpeg.image().getWidth());

        DownloadedImage webp = downloader.download(serve(TestImages.WEBP_4X3, "image/webp"), new CallScope());
        assertEquals(OutputFormat.WEBP, webp.format());
        assertEquals(4, webp.image().getWidth());
        assertEquals(3, webp.image().getHeight());
        Color pixel = new Color(webp.image().getRGB(1, 1));
        assertEquals(0x20, pixel.getRed());
        assertEquals(0xA0, pixel.getGreen());
        assertEquals(0x40, pixel.getBlue());
    }

    @Test
    void missingOutputIsAnHttpErrorAndNotRetried() {
        server.enqueue(new MockResponse.Builder().code(404).body("NoSuchKey").build());
        HttpStatusException e = assertThrows(HttpStatusException.class,
                () -> downloader.download(server.url("/gone.png").toString(), new CallScope()));
        assertEquals(404, e.status());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void bodiesOverTheByteLimitAreRefused() {
        String url = serve(new byte[5000], "image/png");
        MalformedResponseException e = assertThrows(MalformedResponseException.class,
                () -> downloader(1000, 10_000).download(url, new CallScope()));
        assertTrue(e.getMessage().contains("limit is 1000"), e.getMessage());
    }

    @Test
    void imagesOverThePixelLimitAreRefusedBeforeDecoding() {
        String url = serve(TestImages.png(200, 100, Color.GRAY), "image/png");
        MalformedResponseException e = assertThrows(MalformedResponseException.class,
                () -> downloader(1_000_000, 10_000).download(url, new CallScope()));
        assertTrue(e.getMessage().contains("200x100"), e.getMessage());
    }

    @Test
    void nonImagesAreRefusedNamingTheFormatsAccepted() {
        String url = serve("<html>error</html>".getBytes(), "text/html");
        MalformedResponseException e = assertThrows(MalformedResponseException.class,
                () -> downloader.download(url, new CallScope()));
        assertTrue(e.getMessage().contains("not a PNG, JPEG or WebP"), e.getMessage());
    }

    @Test
    void plainHttpOutputUrlsOutsideLoopbackAreRefused() {
        MalformedResponseException e = assertThrows(MalformedResponseException.class,
                () -> downloader.download("http://cdn.example.com/0.png", new CallScope()));
        assertFalse(e.getMessage().isEmpty());
        assertEquals(0, server.getRequestCount());
    }
}
