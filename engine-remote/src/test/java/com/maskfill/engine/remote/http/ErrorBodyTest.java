package com.maskfill.engine.remote.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The error bodies of BFL and fal (FastAPI), Replicate (problem details) and plain text, read the same way. */
class ErrorBodyTest {

    @Test
    void fastApiValidationListNamesEachFieldWithoutTheBodyPrefix() {
        ErrorBody body = ErrorBody.parse("{\"detail\":[{\"loc\":[\"body\",\"loras\",0,\"scale\"],"
                + "\"msg\":\"Input should be less than 4\",\"type\":\"less_than\"}]}");
        assertEquals(List.of("loras.0.scale"), body.fields());
        assertEquals("loras.0.scale: Input should be less than 4", body.words());
        assertEquals(List.of("less_than"), body.types());
    }

    @Test
    void replicateInvalidFieldsAreNamedWithoutTheInputPrefix() {
        ErrorBody body = ErrorBody.parse("{\"title\":\"Input validation failed\",\"detail\":\"- input.steps: Must be "
                + "less than or equal to 50\\n\",\"status\":422,\"invalid_fields\":[{\"type\":\"less_than_equal\","
                + "\"field\":\"input.steps\",\"description\":\"Must be less than or equal to 50\"}]}");
        assertEquals(List.of("steps"), body.fields());
        assertTrue(body.words().startsWith("Input validation failed; - input.steps"), body.words());
        assertTrue(body.words().endsWith("steps: Must be less than or equal to 50"), body.words());
    }

    @Test
    void infrastructureErrorTypeAndPlainTextAreKept() {
        ErrorBody fal = ErrorBody.parse("{\"detail\":\"Runner scheduling failed\",\"error_type\":\"runner_scheduling_failure\"}");
        assertEquals("Runner scheduling failed", fal.words());
        assertTrue(fal.mentions("scheduling_failure"));
        assertEquals("Bad Gateway", ErrorBody.parse("<html>  Bad\nGateway </html>".replaceAll("<[^>]+>", "")).words());
        assertEquals("", ErrorBody.parse("").words());
        assertEquals("", ErrorBody.parse("[1,2]").words(), "a body that is not an object says nothing");
    }
}
