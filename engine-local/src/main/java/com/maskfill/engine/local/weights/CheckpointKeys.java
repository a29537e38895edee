package com.maskfill.engine.local.weights;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small readings shared by the parameter classes: numbered blocks in key names, int arrays in configs. */
final class CheckpointKeys {

    private CheckpointKeys() {
    }

    /** How many numbered blocks the keys hold: 1 + the largest number captured by group 1 of {@code pattern}. */
    static int blockCount(TensorSource source, Pattern pattern) {
        int max = -1;
        for (String name : source.names()) {
            Matcher m = pattern.matcher(name);
            if (m.find()) {
                max = Math.max(max, Integer.parseInt(m.group(1)));
            }
        }
        return max + 1;
    }

    static int[] ints(JsonNode array, int[] fallback) {
        if (array == null || !array.isArray()) {
            return fallback.clone();
        }
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }
}
