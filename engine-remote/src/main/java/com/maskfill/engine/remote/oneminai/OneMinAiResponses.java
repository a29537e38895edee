package com.maskfill.engine.remote.oneminai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** 1min.ai's JSON answers (hosted-apis.md §3.3–3.4, seed 003). */
final class OneMinAiResponses {

    private OneMinAiResponses() {
    }

    /** {@code POST /api/assets}: the asset path to use as {@code imageUrl}/{@code maskUrl} is {@code fileContent.path}. */
    record AssetResponse(Asset asset, FileContent fileContent) {

        /** {@code fileContent.path}, falling back to {@code asset.key} as third-party clients do. */
        String path() {
            if (fileContent != null && fileContent.path() != null && !fileContent.path().isBlank()) {
                return fileContent.path();
            }
            return asset == null ? null : asset.key();
        }
    }

    record Asset(String key, String location, String mimetype, Long size) {
    }

    record FileContent(String uuid, String path, String type) {
    }

    /** {@code POST /api/features}: blocks until the job is over. */
    record FeatureResponse(AiRecord aiRecord, String message) {
    }

    record AiRecord(String uuid, String model, String type, String status, AiRecordDetail aiRecordDetail,
                    String temporaryUrl) {
    }

    record AiRecordDetail(List<String> resultObject, JsonNode responseObject) {
    }
}
