package com.maskfill.engine.local.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FloatFormatsTest {

    /** Independent oracle: (-1)^s * 2^(e - bias) * (1 + m / 2^mbits), subnormals 2^(1 - bias) * m / 2^mbits. */
    private static double formula(int sign, int exponent, int mantissa, int mantissaBits, int bias) {
        double fraction = mantissa / (double) (1 << mantissaBits);
        double magnitude = exponent == 0 ? Math.scalb(fraction, 1 - bias) : Math.scalb(1 + fraction, exponent - bias);
        return sign == 1 ? -magnitude : magnitude;
    }

    @Test
    void everyHalfFloatDecodesToItsExactValue() {
        for (int h = 0; h < 1 << 16; h++) {
            int e = (h >>> 10) & 0x1f;
            int m = h & 0x3ff;
            float got = FloatFormats.f16ToFloat(h);
            if (e == 0x1f) {
                assertTrue(m == 0 ? Float.isInfinite(got) : Float.isNaN(got), "half " + h);
            } else {
                assertEquals(Float.floatToIntBits((float) formula(h >>> 15, e, m, 10, 15)), Float.floatToIntBits(got),
                        "half 0x" + Integer.toHexString(h));
            }
        }
        assertEquals(65504f, FloatFormats.f16ToFloat(0x7bff));
        assertEquals(0x1p-24f, FloatFormats.f16ToFloat(0x0001));
        assertEquals(-2f, FloatFormats.f16ToFloat(0xc000));
    }

    @Test
    void everyE4m3fnByteDecodesToItsExactValueAndOnlyAllOnesIsNan() {
        for (int b = 0; b < 256; b++) {
            int e = (b >>> 3) & 0xf;
            int m = b & 7;
            float got = FloatFormats.e4m3fnToFloat(b);
            if (e == 0xf && m == 7) {
                assertTrue(Float.isNaN(got));
            } else {
                assertEquals((float) formula(b >>> 7, e, m, 3, 7), got, "e4m3 0x" + Integer.toHexString(b));
            }
        }
        assertEquals(448f, FloatFormats.e4m3fnToFloat(0x7e));
        assertEquals(1f, FloatFormats.e4m3fnToFloat(0x38));
        assertEquals(0x1p-9f, FloatFormats.e4m3fnToFloat(0x01));
        assertEquals(-448f, FloatFormats.e4m3fnToFloat(0xfe));
    }

    @Test
    void everyE5m2ByteDecodesToItsExactValueWithInfinities() {
        for (int b = 0; b < 256; b++) {
            int e = (b >>> 2) & 0x1f;
            int m = b & 3;
            float got = FloatFormats.e5m2ToFloat(b);
            if (e == 0x1f) {
                assertTrue(m == 0 ? Float.isInfinite(got) : Float.isNaN(got));
            } else {
                assertEquals((float) formula(b >>> 7, e, m, 2, 15), got, "e5m2 0x" + Integer.toHexString(b));
            }
        }
        assertEquals(57344f, FloatFormats.e5m2ToFloat(0x7b));
        assertEquals(0x1p-16f, FloatFormats.e5m2ToFloat(0x01));
    }

    @Test
    void bf16IsTheUpperHalfOfFloat32AndRoundsToNearestEven() {
        assertEquals(1f, FloatFormats.bf16ToFloat(0x3f80));
        assertEquals(-2f, FloatFormats.bf16ToFloat(0xc000));
        assertEquals(Float.POSITIVE_INFINITY, FloatFormats.bf16ToFloat(0x7f80));
        // values the reference pipeline rounds (local-engine.md §2.7): 30 * 1000 -> 29952, 3.5 * 1000 -> 3504
        assertEquals(29952f, FloatFormats.roundToBf16(30000f));
        assertEquals(3504f, FloatFormats.roundToBf16(3500f));
        // a tie (exactly half an ulp) goes to the even neighbour: 1 + 2^-8 -> 1, 1 + 3 * 2^-8 -> 1 + 2^-6
        assertEquals(1f, FloatFormats.roundToBf16(1f + 0x1p-8f));
        assertEquals(1f + 0x1p-6f, FloatFormats.roundToBf16(1f + 3 * 0x1p-8f));
        assertTrue(Float.isNaN(FloatFormats.roundToBf16(Float.NaN)));
    }
}
