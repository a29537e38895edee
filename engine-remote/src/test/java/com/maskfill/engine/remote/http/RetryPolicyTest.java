package com.maskfill.engine.remote.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30));

    @Test
    void backoffDoublesUpToTheCap() {
        assertEquals(Optional.of(Duration.ofSeconds(1)), policy.delayBefore(2, Optional.empty()));
        assertEquals(Optional.of(Duration.ofSeconds(2)), policy.delayBefore(3, Optional.empty()));
        assertEquals(Optional.of(Duration.ofSeconds(4)), policy.delayBefore(4, Optional.empty()));
        assertEquals(Optional.of(Duration.ofSeconds(5)), policy.delayBefore(5, Optional.empty()));
    }

    @Test
    void retryAfterWinsOverBackoffUnlessItIsLongerThanWeWait() {
        assertEquals(Optional.of(Duration.ofSeconds(7)), policy.delayBefore(2, Optional.of(Duration.ofSeconds(7))));
        assertEquals(Optional.empty(), policy.delayBefore(2, Optional.of(Duration.ofSeconds(31))));
    }

    @Test
    void onlyTransientStatusesAreRetried() {
        for (int status : new int[] {408, 429, 500, 502, 503, 504}) {
            assertTrue(policy.retriesStatus(status), "status " + status);
        }
        for (int status : new int[] {400, 401, 402, 403, 404, 422, 501}) {
            assertFalse(policy.retriesStatus(status), "status " + status);
        }
    }

    @Test
    void retryAfterAcceptsSecondsAndHttpDates() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-21T14:00:00Z"), ZoneOffset.UTC);
        assertEquals(Optional.of(Duration.ofSeconds(3)), RetryAfter.parse("3", clock));
        assertEquals(Optional.of(Duration.ofSeconds(90)), RetryAfter.parse("Sat, 21 Nov 2026 14:01:30 GMT", clock));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Sat, 21 Nov 2026 13:00:00 GMT", clock));
        assertEquals(Optional.empty(), RetryAfter.parse("soon", clock));
        assertEquals(Optional.empty(), RetryAfter.parse(null, clock));
    }
}
