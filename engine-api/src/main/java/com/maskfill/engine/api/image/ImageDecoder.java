package com.maskfill.engine.api.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

/**
 * Opens image files for editing: PNG, JPEG, BMP, GIF, TIFF and WebP (the last three through TwelveMonkeys'
 * ImageIO plugins), EXIF orientation applied, any depth or colour space brought to 8-bit sRGB.
 *
 * <p>Every way a file can be wrong ends in an {@link ImageLoadException} whose message names the file and says
 * what is wrong; the size is checked from the header before decoding (see {@link ImageLimits}).
 */
public final class ImageDecoder {

    public static final String SUPPORTED_FORMATS = "PNG, JPEG, BMP, GIF, TIFF or WebP";

    static {
        // Plugins on the class path are found once per class loader; make sure TwelveMonkeys' are registered
        // even when this runs inside a launcher with its own loader.
        ImageIO.scanForPlugins();
    }

    private ImageDecoder() {
    }

    public static DecodedImage decode(Path path) throws ImageLoadException {
        String name = String.valueOf(path.getFileName());
        if (Files.isDirectory(path)) {
            throw new ImageLoadException(name + " is a folder, not an image file.");
        }
        long size;
        try {
            size = Files.size(path);
        } catch (NoSuchFileException e) {
            throw new ImageLoadException(name + " does not exist (" + path.toAbsolutePath() + ").", e);
        } catch (AccessDeniedException e) {
            throw new ImageLoadException(name + " cannot be read: permission denied.", e);
        } catch (IOException e) {
            throw new ImageLoadException(name + " cannot be read: " + e.getMessage(), e);
        }
        if (size == 0) {
            throw new ImageLoadException(name + " is empty (0 bytes).");
        }
        if (!Files.isReadable(path)) {
            throw new ImageLoadException(name + " cannot be read: permission denied.");
        }
        try (InputStream head = Files.newInputStream(path);
             ImageInputStream in = ImageIO.createImageInputStream(path.toFile())) {
            return decode(in, name, head.readNBytes(512));
        } catch (AccessDeniedException e) {
            throw new ImageLoadException(name + " cannot be read: permission denied.", e);
        } catch (IOException e) {
            throw new ImageLoadException(name + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static DecodedImage decode(ImageInputStream in, String name, byte[] head) throws ImageLoadException {
        if (in == null) {
            throw new ImageLoadException(name + " cannot be read.");
        }
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            throw new ImageLoadException(looksLikeText(head)
                    ? name + " is not an image: it contains text. Maskfill opens " + SUPPORTED_FORMATS + " files."
                    : name + " is not an image Maskfill can read. Maskfill opens " + SUPPORTED_FORMATS + " files.");
        }
        ImageReader reader = readers.next();
        try {
            String format = displayFormat(reader);
            int orientation = ExifOrientation.UPRIGHT;
            if (format.equals("JPEG")) {
                orientation = readOrientation(in, name);
            }
            reader.setInput(in, true, true);
            int width;
            int height;
            try {
                width = reader.getWidth(0);
                height = reader.getHeight(0);
            } catch (IOException | RuntimeException e) {
                throw new ImageLoadException(name + " is damaged: its " + format + " header cannot be read.", e);
            }
            String refused = ImageLimits.whyRefused(width, height);
            if (refused != null) {
                throw new ImageLoadException(name + " is too large to open: " + refused + ".");
            }
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener(collectInto(warnings));
            BufferedImage raw;
            try {
                raw = reader.read(0);
            } catch (IOException | RuntimeException e) {
                throw new ImageLoadException(name + " is truncated or damaged, so it cannot be opened"
                        + detail(e) + ".", e);
            } catch (OutOfMemoryError e) {
                throw new ImageLoadException(name + " (" + width + " × " + height
                        + " pixels) does not fit in the memory Maskfill may use.", null);
            }
            // Decoders fill what is missing at the end of a cut-off JPEG with grey and only warn about it:
            // opening that silently would lose the bottom of the photo the moment it is saved again.
            for (String warning : warnings) {
                String w = warning.toLowerCase(Locale.ROOT);
                if (w.contains("premature end") || w.contains("corrupt") || w.contains("truncated")) {
                    throw new ImageLoadException(name + " is truncated or damaged, so it cannot be opened ("
                            + warning + ").");
                }
            }
            List<String> notices = new ArrayList<>();
            if (isCmyk(reader)) {
                notices.add("CMYK image: converted to RGB");
            }
            BufferedImage argb = Rgb8Conversion.toArgb(raw, notices);
            return new DecodedImage(ExifOrientation.apply(argb, orientation), format, notices);
        } finally {
            reader.dispose();
        }
    }

    /** Asked of the reader, since some readers (TwelveMonkeys' JPEG) hand out CMYK already converted. */
    private static boolean isCmyk(ImageReader reader) {
        try {
            ImageTypeSpecifier raw = reader.getRawImageType(0);
            return raw != null && raw.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_CMYK;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static int readOrientation(ImageInputStream in, String name) throws ImageLoadException {
        try {
            in.mark();
            int orientation = ExifOrientation.read(in);
            in.reset();
            return orientation;
        } catch (IOException e) {
            throw new ImageLoadException(name + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static IIOReadWarningListener collectInto(List<String> warnings) {
        return (source, warning) -> warnings.add(warning);
    }

    private static String detail(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? "" : " (" + message + ")";
    }

    private static String displayFormat(ImageReader reader) throws ImageLoadException {
        try {
            String format = reader.getFormatName().toUpperCase(Locale.ROOT);
            return switch (format) {
                case "JPG" -> "JPEG";
                case "TIF" -> "TIFF";
                case "WEBP" -> "WebP";
                default -> format;
            };
        } catch (IOException e) {
            throw new ImageLoadException("The image format cannot be determined.", e);
        }
    }

    /** True when the first bytes are printable text: a file renamed to .png, a saved error page, ... */
    private static boolean looksLikeText(byte[] head) {
        if (head.length == 0) {
            return false;
        }
        for (byte b : head) {
            int c = b & 0xFF;
            boolean control = c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f';
            if (control || c == 0x7F) {
                return false;
            }
        }
        return true;
    }
}
