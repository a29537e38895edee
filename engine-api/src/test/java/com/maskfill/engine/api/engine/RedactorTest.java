package com.maskfill.engine.api.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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

    @Test
    void keysEchoedJsonEscapedOrUrlEncodedAreMaskedToo() {
        String key = "sk/ab+cd=ef";
        Redactor redactor = Redactor.of(Secret.of(key));
        String text = "json \"sk\\/ab+cd=ef\" gson \"sk/ab+cd\\u003def\" url sk%2Fab%2Bcd%3Def lower sk%2fab%2bcd%3def";
        String redacted = redactor.redact(text);
        assertEquals("json \"***\" gson \"***\" url *** lower ***", redacted);
    }

    @Test
    void aKeyStraddlingTheCutLeavesNoPrefixBehind() {
        String key = "sk-0123456789abcdef";
        // Whitespace folds away in the excerpt, so a key cut in two at byte 2000 would show its first half.
        String body = "\n".repeat(1995) + key + "y".repeat(3000);
        String excerpt = Redactor.of(Secret.of(key)).excerpt(body.getBytes(StandardCharsets.UTF_8));
        assertFalse(excerpt.contains("sk-"), excerpt);
    }
}
