package com.maskfill.app.project;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;

/**
 * What a {@code .maskfill} file holds: the photo as it is now (applied results included), the mask, the job
 * settings, and every result group in history order, oldest first.
 *
 * @param mask 8-bit, one byte per photo pixel, row by row
 */
public record Project(BufferedImage image, byte[] mask, JobSettings settings, List<ResultGroup> groups) {

    public Project {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(settings, "settings");
        groups = List.copyOf(groups);
        long pixels = (long) image.getWidth() * image.getHeight();
        if (mask.length != pixels) {
            throw new IllegalArgumentException("the mask has " + mask.length + " pixels but the image has " + pixels);
        }
    }

    public Project withGroups(List<ResultGroup> newGroups) {
        return new Project(image, mask, settings, newGroups);
    }
}
