package com.maskfill.engine.remote.wiro;

import com.maskfill.engine.api.engine.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Signs every Wiro request (hosted-apis.md §4.2): {@code x-api-key}, a fresh {@code x-nonce}, and
 * {@code x-signature = hex(HMAC-SHA256(key = API key, message = API secret + nonce))} — the key is the
 * HMAC key and the secret sits in the message. An interceptor, so that a retried poll gets a new nonce
 * instead of replaying the old one. Without a secret ("API key only" projects) only {@code x-api-key} is sent.
 */
final class WiroSigner implements Interceptor {

    private final Secret apiKey;
    private final Secret apiSecret;
    private final LongSupplier clock;
    private final AtomicLong lastNonce = new AtomicLong();

    /** @param apiSecret null for projects that use the key alone */
    WiroSigner(Secret apiKey, Secret apiSecret) {
        this(apiKey, apiSecret, System::currentTimeMillis);
    }

    WiroSigner(Secret apiKey, Secret apiSecret, LongSupplier clock) {
        this.apiKey = apiKey;
        this.apiSecret = apiSecret;
        this.clock = clock;
    }

    /** Milliseconds, strictly increasing within this engine, in case the server rejects a repeated nonce. */
    long nextNonce() {
        return lastNonce.updateAndGet(last -> Math.max(last + 1, clock.getAsLong()));
    }

    String signature(long nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(apiKey.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((apiSecret.reveal() + nonce).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request.Builder signed = chain.request().newBuilder().header("x-api-key", apiKey.reveal());
        if (apiSecret != null) {
            long nonce = nextNonce();
            signed.header("x-nonce", Long.toString(nonce)).header("x-signature", signature(nonce));
        }
        return chain.proceed(signed.build());
    }
}
