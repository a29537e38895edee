package com.maskfill.engine.local.weights;

/**
 * Exact conversions of the narrow float formats found in checkpoints to float32. Hand-written because Java 17 has no
 * {@code Float.float16ToFloat} (JDK 20) and no library we use decodes bf16 or the two fp8 formats; DJL's PyTorch engine
 * aborts the JVM on bf16 tensors, so the conversion must happen here, before any NDArray exists.
 */
public final class FloatFormats {

    private static final float[] HALF = new float[1 << 16];
    private static final float[] E4M3FN = new float[256];
    private static final float[] E5M2 = new float[256];

    static {
        for (int h = 0; h < HALF.length; h++) {
            HALF[h] = computeHalf(h);
        }
        for (int b = 0; b < 256; b++) {
            E4M3FN[b] = computeE4m3fn(b);
            // e5m2 is the upper byte of an IEEE binary16 value: same sign, exponent bias 15, infinities and NaNs.
            E5M2[b] = HALF[b << 8];
        }
    }

    private FloatFormats() {
    }

    /** bfloat16 (the top 16 bits of a float32) to float32. */
    public static float bf16ToFloat(int bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }

    /** IEEE 754 binary16 to float32. */
    public static float f16ToFloat(int bits) {
        return HALF[bits & 0xffff];
    }

    /** float8 e4m3fn (exponent bias 7, no infinities, S.1111.111 is NaN, max 448) to float32. */
    public static float e4m3fnToFloat(int bits) {
        return E4M3FN[bits & 0xff];
    }

    /** float8 e5m2 (exponent bias 15, with infinities) to float32. */
    public static float e5m2ToFloat(int bits) {
        return E5M2[bits & 0xff];
    }

    /** float32 to bfloat16 bits with round-to-nearest-even, as torch's {@code .to(torch.bfloat16)}; NaN stays NaN. */
    public static int floatToBf16(float value) {
        int bits = Float.floatToRawIntBits(value);
        if (Float.isNaN(value)) {
            return ((bits >>> 16) | 0x40) & 0xffff;
        }
        int rounding = 0x7fff + ((bits >>> 16) & 1);
        return ((bits + rounding) >>> 16) & 0xffff;
    }

    /** Rounds a float32 to the nearest bfloat16 value (ties to even) and returns it as float32. */
    public static float roundToBf16(float value) {
        return bf16ToFloat(floatToBf16(value));
    }

    private static float computeHalf(int h) {
        int sign = (h >>> 15) & 1;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        float magnitude;
        if (exponent == 0) {
            magnitude = mantissa * 0x1p-24f; // subnormal (or zero): exact, mantissa < 2^10
        } else if (exponent == 0x1f) {
            magnitude = mantissa == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
        } else {
            magnitude = Float.intBitsToFloat(((exponent - 15 + 127) << 23) | (mantissa << 13));
        }
        return sign == 1 ? -magnitude : magnitude;
    }

    private static float computeE4m3fn(int b) {
        int sign = (b >>> 7) & 1;
        int exponent = (b >>> 3) & 0xf;
        int mantissa = b & 0x7;
        float magnitude;
        if (exponent == 0xf && mantissa == 0x7) {
            magnitude = Float.NaN;
        } else if (exponent == 0) {
            magnitude = mantissa * 0x1p-9f; // subnormal: 2^(1-7) * m/8
        } else {
            magnitude = Float.intBitsToFloat(((exponent - 7 + 127) << 23) | (mantissa << 20));
        }
        return sign == 1 ? -magnitude : magnitude;
    }
}
