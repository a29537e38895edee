package com.maskfill.engine.local.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import com.maskfill.engine.local.ReferenceRun;
import com.maskfill.engine.local.TestData;
import com.maskfill.engine.local.weights.SafetensorsFile;
import org.junit.jupiter.api.Test;

/** The tiny reference latent (8x8 cells) decoded whole and in tiles. */
class TiledDecoderTest {

    @Test
    void tilesLandInPlaceAndOneTileIsTheWholeDecode() {
        try (NDManager m = NDManager.newBaseManager();
                SafetensorsFile w = SafetensorsFile.open(TestData.fluxTinyA().resolve("ae-tiny.safetensors"));
                Autoencoder ae = Autoencoder.load(m, w, TestData.aeTinyParams())) {
            NDArray z = ReferenceRun.load(m, "z_unpacked");
            NDArray whole = ae.decode(z);
            assertArrayEquals(whole.toFloatArray(), new TiledDecoder(ae, 8, 2).decode(z).toFloatArray());
            NDArray tiled = new TiledDecoder(ae, 6, 2).decode(z);
            assertEquals(whole.getShape(), tiled.getShape());
            // the corner only the first tile covers is that tile's own decode, in place
            float[] corner = ae.decode(z.get(new NDIndex(":, :, 0:6, 0:6"))).toFloatArray();
            float[] out = tiled.toFloatArray();
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 16; y++) {
                    for (int x = 0; x < 16; x++) {
                        assertEquals(corner[(c * 48 + y) * 48 + x], out[(c * 64 + y) * 64 + x], 1e-6f);
                    }
                }
            }
            for (float v : out) {
                assertTrue(Float.isFinite(v));
            }
            // per-tile normalisation statistics make this large for a random 1-channel-per-group tiny decoder; a
            // quality figure needs the real autoencoder
            System.out.printf("tiny decode in 6-cell tiles (2 overlap) vs whole: relL2 %.3e%n",
                    ReferenceRun.relativeL2(tiled, whole));
        }
    }
}
