package com.maskfill.engine.remote.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretTest {

    @Test
    void toStringShowsTheNameButNeverTheValue() {
        Secret secret = Secret.of("WAVESPEED_API_KEY", "ws-live-123456");
        assertEquals("WAVESPEED_API_KEY=***", secret.toString());
        assertEquals("ws-live-123456", secret.reveal());
    }

    @Test
    void blankValuesAreRejectedNamingTheVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Secret.of("WIRO_API_KEY", " "));
        assertTrue(e.getMessage().contains("WIRO_API_KEY"));
    }

    @Test
    void redactorRemovesEverySecretFromAnEchoedBody() {
        Redactor redactor = Redactor.of(Secret.of("K", "key-abc"), Secret.of("S", "secret-xyz"));
        String excerpt = redactor.excerpt("{\"error\":\"bad key key-abc\",\n \"sig\":\"secret-xyz\"}"
                .getBytes(StandardCharsets.UTF_8));
        assertFalse(excerpt.contains("key-abc"));
        assertFalse(excerpt.contains("secret-xyz"));
        assertEquals("{\"error\":\"bad key ***\", \"sig\":\"***\"}", excerpt);
    }
}
