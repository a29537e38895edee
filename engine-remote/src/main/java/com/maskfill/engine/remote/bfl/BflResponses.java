package com.maskfill.engine.remote.bfl;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/** Black Forest Labs' JSON answers (hosted-apis-more.md §1). */
final class BflResponses {

    private BflResponses() {
    }

    /** The submission: {@code cost} is in credits, one credit being one US cent [Bprice, CUIb]. */
    record Submitted(String id, @JsonProperty("polling_url") String pollingUrl, BigDecimal cost,
                     @JsonProperty("input_mp") BigDecimal inputMp, @JsonProperty("output_mp") BigDecimal outputMp) {
    }

    /**
     * The poll: {@code result.sample} holds the signed output URL once {@code Ready}; {@code progress} runs 0–1.
     * {@code result} and {@code details} are kept loose: on failures they carry free-form reasons.
     */
    record Result(String id, String status, JsonNode result, Double progress, JsonNode details) {

        String sample() {
            JsonNode sample = result == null ? null : result.get("sample");
            return sample == null || !sample.isTextual() ? null : sample.asText();
        }

        Long seed() {
            JsonNode seed = result == null ? null : result.get("seed");
            return seed != null && seed.canConvertToLong() ? seed.asLong() : null;
        }

        /** Whatever the answer says about a failure, for the details pane. */
        String reason() {
            StringBuilder out = new StringBuilder();
            if (details != null && !details.isNull() && !details.isMissingNode()) {
                out.append(details.isTextual() ? details.asText() : details.toString());
            }
            if (result != null && !result.isNull() && !result.isMissingNode() && sample() == null) {
                out.append(out.length() == 0 ? "" : "; ").append(result.isTextual() ? result.asText() : result.toString());
            }
            return out.length() == 0 ? null : out.toString();
        }
    }
}
