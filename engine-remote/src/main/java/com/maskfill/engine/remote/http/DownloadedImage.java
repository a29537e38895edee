package com.maskfill.engine.remote.http;

import java.awt.image.BufferedImage;

/** An output image as fetched: decoded pixels, the format the provider chose, and its size on the wire. */
public record DownloadedImage(BufferedImage image, OutputFormat format, int byteCount) {
}
