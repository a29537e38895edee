package com.maskfill.engine.local.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each stage's temporaries die with it; only the result carried on stays, in the owner. */
class StagesTest {

    private static int live(NDManager m) {
        return ((BaseNDManager) m).getManagedArrays().size();
    }

    @Test
    void foldLeavesOnlyTheLastResultInTheOwnerAndFreesTheIntermediateInput() {
        try (NDManager owner = NDManager.newBaseManager()) {
            NDArray x = owner.create(new float[] {1, 2});
            NDArray out = Stages.fold(owner, x, List.of(2f, 3f, 4f), (k, h, scope) -> {
                scope.create(new float[1000]); // a temporary of the stage
                return h.mul(k).add(1f);
            });
            assertArrayEquals(new float[] {41, 65}, out.toFloatArray()); // ((x*2+1)*3+1)*4+1
            assertTrue(x.isReleased(), "the owner's intermediate went with the first stage");
            assertEquals(1, live(owner), "one array: the result");
        }
    }

    @Test
    void foldKeepingReturnsTheCallersInputToItsManager() {
        try (NDManager caller = NDManager.newBaseManager()) {
            NDArray input = caller.create(new float[] {1, 2});
            NDArray out = Stages.foldKeeping(caller, input, List.of(2f, 3f), (k, h, scope) -> h.mul(k));
            assertFalse(input.isReleased());
            assertSame(caller, input.getManager());
            assertArrayEquals(new float[] {6, 12}, out.toFloatArray());
            assertEquals(2, live(caller), "the input and the result");
            assertSame(input, Stages.foldKeeping(caller, input, List.<Float>of(), (k, h, scope) -> h.mul(k)),
                    "no stages: the input itself");
        }
    }
}
