package com.maskfill.engine.local.sampling;

import static com.maskfill.engine.local.ReferenceRun.assertBitEqual;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import com.maskfill.engine.local.ReferenceRun;
import com.maskfill.engine.local.TestData;
import com.maskfill.engine.local.weights.FloatFormats;
import java.awt.image.BufferedImage;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Packing, mask rearrangement and position ids equal the reference run bit for bit (local-engine.md §6.3 step 2). */
class FillPreprocessingTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void packedNoiseIsTheReferenceImgBitForBit() {
        NDArray packed = LatentPacking.pack(ReferenceRun.load(manager, "noise"));
        assertBitEqual(ReferenceRun.load(manager, "img"), packed);
    }

    @Test
    void unpackedFinalLatentIsTheReferenceZBitForBit() {
        // 64x64 pixels -> 8x8 latent -> 4x4 token grid
        NDArray unpacked = LatentPacking.unpack(ReferenceRun.load(manager, "latent_out"), 4, 4);
        assertBitEqual(ReferenceRun.load(manager, "z_unpacked"), unpacked);
    }

    @Test
    void packedMaskIsTheMaskPartOfTheReferenceImgCondBitForBit() throws IOException {
        BufferedImage png = ImageIO.read(TestData.fluxTinyA().resolve("mask.png").toFile());
        NDArray mask = FillImages.mask(manager, png);
        // the reference casts the mask to bf16 before rearranging it
        float[] values = mask.toFloatArray();
        for (int i = 0; i < values.length; i++) values[i] = FloatFormats.roundToBf16(values[i]);
        NDArray packed = MaskPacking.pack(manager.create(values, mask.getShape()));
        NDArray expected = ReferenceRun.load(manager, "img_cond").get(new NDIndex(":, :, 64:"));
        assertBitEqual(expected, packed);
        assertEquals(new Shape(1, 16, 256), packed.getShape());
    }

    @Test
    void positionIdsAreTheReferenceIds() {
        assertBitEqual(ReferenceRun.load(manager, "img_ids"), PositionIds.image(manager, 4, 4));
        assertBitEqual(ReferenceRun.load(manager, "txt_ids"), PositionIds.text(manager, 8));
    }

    @Test
    void packingFollowsTheDocumentedIndexFormulaOnANonSquareLatent() {
        int c = 3, h = 4, w = 6; // latent 3 x 4 x 6 -> grid 2 x 3, 12 features
        float[] x = new float[c * h * w];
        for (int i = 0; i < x.length; i++) x[i] = i;
        float[] packed = LatentPacking.pack(manager.create(x, new Shape(1, c, h, w))).toFloatArray();
        int gw = w / 2;
        for (int ch = 0; ch < c; ch++)
            for (int y = 0; y < h; y++)
                for (int xx = 0; xx < w; xx++) {
                    int token = (y / 2) * gw + xx / 2;
                    int feature = ch * 4 + (y % 2) * 2 + xx % 2;
                    assertEquals(x[(ch * h + y) * w + xx], packed[token * c * 4 + feature]);
                }
        NDArray round = LatentPacking.unpack(manager.create(packed, new Shape(1, 6, 12)), 2, 3);
        assertArrayEquals(x, round.toFloatArray());
    }

    @Test
    void maskPackingFollowsTheDocumentedIndexFormulaOnANonSquareMask() {
        int h = 16, w = 32; // grid 1 x 2
        float[] m = new float[h * w];
        for (int i = 0; i < m.length; i++) m[i] = i;
        float[] packed = MaskPacking.pack(manager.create(m, new Shape(1, h, w))).toFloatArray();
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                int latentY = y / 8, latentX = x / 8;
                int token = (latentY / 2) * (w / 16) + latentX / 2;
                int feature = ((y % 8) * 8 + x % 8) * 4 + (latentY % 2) * 2 + latentX % 2;
                assertEquals(m[y * w + x], packed[token * 256 + feature], "pixel " + x + "," + y);
            }
    }

    @Test
    void sizesThatCannotBePackedAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> MaskPacking.pack(manager.zeros(new Shape(1, 24, 32))));
        assertThrows(IllegalArgumentException.class, () -> LatentPacking.pack(manager.zeros(new Shape(1, 16, 3, 4))));
    }
}
