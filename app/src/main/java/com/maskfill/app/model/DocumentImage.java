package com.maskfill.app.model;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The photo being edited.
 *
 * @param pixels 8-bit sRGB ARGB pixels
 * @param source the file it came from; null when pasted
 * @param name   what the title bar shows
 * @param format "PNG", "JPEG", ... or "Clipboard"
 * @param work   which piece of work this is: a photo opened, pasted or a project loaded starts a new one; the same
 *               photo grown or shrunk by an undoable edit (Extend Canvas) keeps it, so its mask history and
 *               results carry on
 * @param left   pixels the work has grown by on the left since it was opened (where its first pixel now is)
 * @param top    the same on the top
 */
public record DocumentImage(BufferedImage pixels, Path source, String name, String format, long work, int left,
        int top) {

    private static final AtomicLong WORKS = new AtomicLong();

    /** A new piece of work. */
    public DocumentImage(BufferedImage pixels, Path source, String name, String format) {
        this(pixels, source, name, format, WORKS.incrementAndGet(), 0, 0);
    }

    /** The same work grown by {@code addedLeft} and {@code addedTop} pixels on those sides (an extended canvas). */
    public DocumentImage grown(BufferedImage replacement, int addedLeft, int addedTop) {
        return new DocumentImage(replacement, source, name, format, work, left + addedLeft, top + addedTop);
    }

    /** Whether this carries on {@code earlier}'s work rather than starting anew. */
    public boolean continues(DocumentImage earlier) {
        return earlier != null && earlier.work == work;
    }

    /** Which work this is and how far it had grown: what a job keeps instead of the photo itself. */
    public record Origin(long work, int left, int top) {
    }

    public Origin origin() {
        return new Origin(work, left, top);
    }

    /** A copy a job or a save may keep while the user goes on applying results to the photo. */
    public BufferedImage copyOfPixels() {
        BufferedImage copy = new BufferedImage(pixels.getWidth(), pixels.getHeight(), BufferedImage.TYPE_INT_ARGB);
        copy.setData(pixels.getRaster());
        return copy;
    }

    public int width() {
        return pixels.getWidth();
    }

    public int height() {
        return pixels.getHeight();
    }
}
