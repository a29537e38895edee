package com.maskfill.engine.remote.wiro;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.maskfill.engine.api.engine.Secret;
import org.junit.jupiter.api.Test;

class WiroSignerTest {

    /**
     * Vector from hosted-apis.md §4.2, checked there with OpenSSL and Python's hmac:
     * HMAC-SHA256(key = "key", message = "secret" + "123").
     */
    @Test
    void signatureIsHmacOfSecretPlusNonceKeyedWithTheApiKey() {
        WiroSigner signer = new WiroSigner(Secret.of("key"), Secret.of("secret"));
        assertEquals("dad132e791da142de62323cd2a6e8abae68f8cd507430208272e8434f203f149", signer.signature(123));
    }

    @Test
    void noncesStrictlyIncreaseEvenWithinOneMillisecond() {
        WiroSigner signer = new WiroSigner(Secret.of("key"), Secret.of("secret"), () -> 1_700_000_000_000L);
        assertEquals(1_700_000_000_000L, signer.nextNonce());
        assertEquals(1_700_000_000_001L, signer.nextNonce());
        assertEquals(1_700_000_000_002L, signer.nextNonce());
    }
}
