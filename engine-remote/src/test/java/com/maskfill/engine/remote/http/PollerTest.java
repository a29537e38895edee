package com.maskfill.engine.remote.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollerTest {

    private final RecordingSleeper sleeper = new RecordingSleeper(Duration.ofMillis(2));

    @Test
    void intervalsGrowFromFirstToMaxAndTheFirstCheckWaitsToo() throws Exception {
        PollSchedule schedule = new PollSchedule(Duration.ofSeconds(2), Duration.ofSeconds(5), 1.5, Duration.ofMinutes(5));
        AtomicInteger checks = new AtomicInteger();
        String result = new Poller(schedule, sleeper).until("job",
                () -> checks.incrementAndGet() == 4 ? Optional.of("done") : Optional.empty(), new CallScope());
        assertEquals("done", result);
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofMillis(4500), Duration.ofSeconds(5)),
                sleeper.requested());
    }

    @Test
    void aJobThatNeverFinishesTimesOut() {
        PollSchedule schedule = new PollSchedule(Duration.ofMillis(5), Duration.ofMillis(10), 2.0, Duration.ofMillis(120));
        AtomicInteger checks = new AtomicInteger();
        JobTimeoutException e = assertThrows(JobTimeoutException.class, () -> new Poller(schedule, Sleeper.REAL)
                .until("Test job 7", () -> {
                    checks.incrementAndGet();
                    return Optional.empty();
                }, new CallScope()));
        assertEquals("Test job 7 was not finished after 0 s", e.getMessage());
        org.junit.jupiter.api.Assertions.assertTrue(checks.get() >= 3, "checks: " + checks.get());
    }

    @Test
    void cancellingWakesAWaitingPollerAtOnce() {
        PollSchedule schedule = new PollSchedule(Duration.ofSeconds(30), Duration.ofSeconds(30), 1.0, Duration.ofMinutes(5));
        CallScope scope = new CallScope();
        new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            scope.cancel();
        }).start();
        long start = System.nanoTime();
        assertThrows(CallCancelledException.class,
                () -> new Poller(schedule, Sleeper.REAL).until("job", Optional::empty, scope));
        org.junit.jupiter.api.Assertions.assertTrue(System.nanoTime() - start < 5_000_000_000L);
    }
}
