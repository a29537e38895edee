package com.maskfill.engine.remote.http;

import com.maskfill.engine.api.engine.Redactor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.engine.EngineException.Category;
import com.maskfill.engine.api.engine.Secret;
import com.maskfill.engine.remote.EngineTestKit;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RemoteFailuresTest {

    private static final String KEY = "sk-live-abcdef123456";
    private final RemoteFailures failures = new RemoteFailures("Test", "TEST_API_KEY", Redactor.of(Secret.of(KEY)));

    private static HttpStatusException status(int code) {
        return new HttpStatusException("Test POST /x", code, "{\"message\":\"echo " + KEY + "\"}", null);
    }

    @Test
    void everyFailureKindMapsToItsCategoryAndNoneCarriesTheKey() {
        Map<IOException, Category> cases = Map.ofEntries(
                Map.entry(status(401), Category.AUTHENTICATION),
                Map.entry(status(403), Category.AUTHENTICATION),
                Map.entry(status(402), Category.QUOTA),
                Map.entry(new HttpStatusException("Test GET /x", 429, "slow down " + KEY, Duration.ofSeconds(9)), Category.QUOTA),
                Map.entry(status(400), Category.INVALID_INPUT),
                Map.entry(status(422), Category.INVALID_INPUT),
                Map.entry(status(404), Category.PROVIDER_FAILED),
                Map.entry(status(500), Category.PROVIDER_FAILED),
                Map.entry(new MalformedResponseException("Test returned malformed JSON: " + KEY), Category.PROVIDER_FAILED),
                Map.entry(new ProviderFailure(Category.PROVIDER_FAILED, "failed " + KEY, "detail " + KEY), Category.PROVIDER_FAILED),
                Map.entry(new ProviderFailure(Category.SAFETY_FLAGGED, "flagged", null), Category.SAFETY_FLAGGED),
                Map.entry(new JobTimeoutException("Test job", Duration.ofMinutes(10)), Category.NETWORK),
                Map.entry(new SocketTimeoutException("timeout"), Category.NETWORK),
                Map.entry(new UnknownHostException("api.example.com"), Category.NETWORK),
                Map.entry(new IOException("connection reset " + KEY), Category.NETWORK),
                Map.entry(new CallCancelledException(), Category.CANCELLED));
        cases.forEach((failure, category) -> {
            EngineException e = failures.toEngineException(failure);
            assertEquals(category, e.category(), failure.toString());
            EngineTestKit.assertNoSecret(e, KEY);
        });
    }

    @Test
    void authenticationMessageNamesWhatToCheckAndRateLimitSaysHowLongToWait() {
        assertEquals("Test refused the credentials (HTTP 401); check TEST_API_KEY",
                failures.toEngineException(status(401)).getMessage());
        assertEquals("Test is limiting requests (HTTP 429); it asks to wait 9 s", failures.toEngineException(
                new HttpStatusException("Test GET /x", 429, "", Duration.ofSeconds(9))).getMessage());
    }

    @Test
    void providersOwnReadingComesBeforeTheStatusAndItsWordsAreRedactedToo() {
        RemoteFailures withReading = new RemoteFailures("Test", "TEST_API_KEY", Redactor.of(Secret.of(KEY)),
                ProviderErrors.standard("Test"));
        EngineException credit = withReading.toEngineException(new HttpStatusException("Test POST /x", 402, "…",
                "{\"detail\":\"No credit left on key " + KEY + "\"}", null));
        assertEquals(Category.QUOTA, credit.category());
        assertEquals("Test reports no credit left (HTTP 402): No credit left on key ***", credit.getMessage());
        EngineTestKit.assertNoSecret(credit, KEY);

        EngineException invalid = withReading.toEngineException(new HttpStatusException("Test POST /x", 422, "…",
                "{\"detail\":[{\"loc\":[\"body\",\"steps\"],\"msg\":\"too many\"},"
                        + "{\"loc\":[\"body\",\"seed\"],\"msg\":\"not an integer\"}]}", null));
        assertEquals(Category.INVALID_INPUT, invalid.category());
        assertEquals("Test rejected steps, seed (HTTP 422): steps: too many; seed: not an integer", invalid.getMessage());

        assertEquals("Test refused the credentials (HTTP 401); check TEST_API_KEY",
                withReading.toEngineException(status(401)).getMessage(), "other statuses keep the mapping by status");
    }
}
