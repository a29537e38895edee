package com.maskfill.engine.remote.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.maskfill.engine.api.engine.Secret;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void removesEverySecretFromAnEchoedBodyAndFoldsItToOneLine() {
        Redactor redactor = Redactor.of(Secret.of("key-abc"), Secret.of("secret-xyz"));
        String excerpt = redactor.excerpt("{\"error\":\"bad key key-abc\",\n \"sig\":\"secret-xyz\"}"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals("{\"error\":\"bad key ***\", \"sig\":\"***\"}", excerpt);
    }

    @Test
    void longBodiesAreCut() {
        String excerpt = Redactor.of().excerpt("x".repeat(5000).getBytes(StandardCharsets.UTF_8));
        assertEquals(301, excerpt.length());
    }
}
