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

    /** The same group without one layer. */
    public ResultGroup without(ResultLayer layer) {
        return new ResultGroup(id, provenance, maskInCrop, layers.stream().filter(l -> l != layer).toList());
    }
}
