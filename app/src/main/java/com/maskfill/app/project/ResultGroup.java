package com.maskfill.app.project;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The outputs of one job (1–4 variations) with their shared provenance and the mask they were made with
 * (the mask's pixels inside the crop, 8-bit).
 */
public record ResultGroup(UUID id, Provenance provenance, byte[] maskInCrop, List<ResultLayer> layers) {

    public ResultGroup {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(provenance, "provenance");
        layers = List.copyOf(layers);
        if (maskInCrop.length != provenance.crop().width() * provenance.crop().height()) {
            throw new IllegalArgumentException("the mask of group " + id + " has " + maskInCrop.length
                    + " pixels but its crop " + provenance.crop() + " has "
                    + provenance.crop().width() * provenance.crop().height());
        }
    }

    /** Whether every layer lies inside a photo of this size. */
    public boolean fitsWithin(int width, int height) {
        return layers.stream().map(ResultLayer::region).allMatch(r -> r.x() >= 0 && r.y() >= 0
                && r.x() + r.width() <= width && r.y() + r.height() <= height);
    }

    /** The same group moved by (dx, dy), for a photo that grew on its left or top side. */
    public ResultGroup shifted(int dx, int dy) {
        Provenance p = provenance;
        com.maskfill.engine.api.pipeline.Region crop = new com.maskfill.engine.api.pipeline.Region(
                p.crop().x() + dx, p.crop().y() + dy, p.crop().width(), p.crop().height());
        return new ResultGroup(id, p.withCrop(crop), maskInCrop,
                layers.stream().map(l -> l.shifted(dx, dy)).toList());
    }

    /** The same group without one layer. */
    public ResultGroup without(ResultLayer layer) {
        return new ResultGroup(id, provenance, maskInCrop, layers.stream().filter(l -> !l.equals(layer)).toList());
    }

    /** The same group with {@code layer} in place of the equal layer it holds (a layer starred or not). */
    public ResultGroup with(ResultLayer layer) {
        return new ResultGroup(id, provenance, maskInCrop, layers.stream().map(l -> l.equals(layer) ? layer : l)
                .toList());
    }

    /** The same group with its starred layers alone. */
    public ResultGroup favouritesOnly() {
        return new ResultGroup(id, provenance, maskInCrop, layers.stream().filter(ResultLayer::favourite).toList());
    }
}
