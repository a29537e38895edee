package com.maskfill.engine.remote.http;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Fetches output images (PNG, JPEG or WebP) without credentials, refusing bodies over {@code maxBytes} and
 * images over {@code maxPixels} before decoding them, so a broken or hostile URL cannot exhaust memory.
 */
public final class ImageDownloader {

    private final RemoteHttp http;
    private final long maxBytes;
    private final long maxPixels;

    public ImageDownloader(RemoteHttp http, long maxBytes, long maxPixels) {
        this.http = http;
        this.maxBytes = maxBytes;
        this.maxPixels = maxPixels;
    }

    public DownloadedImage download(String url, CallScope scope) throws IOException {
        HttpUrl parsed;
        try {
            parsed = Endpoints.parseReturned(url, http.provider() + " output URL");
        } catch (IllegalArgumentException e) {
            throw new MalformedResponseException(e.getMessage());
        }
        return download(parsed, scope);
    }

    /**
     * Downloads from a URL the engine built on its own root (which already passed the endpoint rule), not one
     * a provider returned.
     */
    public DownloadedImage download(HttpUrl parsed, CallScope scope) throws IOException {
        Request request = new Request.Builder().url(parsed).get().build();
        byte[] bytes = http.sendRepeatable(request, scope,
                (what, response) -> RemoteHttp.readBounded(what, response.body(), maxBytes, true));
        return decode(http.provider() + " output " + parsed.encodedPath(), bytes);
    }

    DownloadedImage decode(String what, byte[] bytes) throws IOException {
        OutputFormat format = OutputFormat.sniff(bytes);
        if (format == null) {
            throw new MalformedResponseException(what + " is not a PNG, JPEG or WebP image (" + bytes.length + " bytes)");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new MalformedResponseException(what + ": no image reader for " + format + " on the class path");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > maxPixels) {
                    throw new MalformedResponseException(what + " is " + reader.getWidth(0) + "x" + reader.getHeight(0)
                            + ", more than the " + maxPixels + " pixels accepted");
                }
                BufferedImage image = reader.read(0);
                return new DownloadedImage(image, format, bytes.length);
            } finally {
                reader.dispose();
            }
        } catch (MalformedResponseException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new MalformedResponseException(what + " could not be decoded as " + format + ": " + e.getMessage(), e);
        }
    }
}
