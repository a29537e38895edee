package com.maskfill.engine.remote.http;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** Asks "is it done yet?" on a {@link PollSchedule} until the answer is yes, the job is cancelled or time runs out. */
public final class Poller {

    /** One status check; empty means "not finished yet". */
    @FunctionalInterface
    public interface Check<T> {
        Optional<T> check() throws IOException;
    }

    private final PollSchedule schedule;
    private final Sleeper sleeper;

    public Poller(PollSchedule schedule, Sleeper sleeper) {
        this.schedule = schedule;
        this.sleeper = sleeper;
    }

    /** The same schedule with a different overall limit, e.g. what is left of a job's time after another phase. */
    public Poller withTimeout(Duration timeout) {
        PollSchedule s = schedule;
        Duration limit = timeout.compareTo(s.first()) < 0 ? s.first() : timeout;
        return new Poller(new PollSchedule(s.first(), s.max(), s.growth(), limit), sleeper);
    }

    public PollSchedule schedule() {
        return schedule;
    }

    public <T> T until(String what, Check<T> check, CallScope scope) throws IOException {
        long start = System.nanoTime();
        Duration interval = schedule.first();
        while (true) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (elapsed.plus(interval).compareTo(schedule.timeout()) > 0) {
                throw new JobTimeoutException(what, schedule.timeout());
            }
            // Wait before every check, the first included: a job is never done the instant it is accepted.
            sleeper.sleep(interval, scope);
            scope.throwIfCancelled();
            Optional<T> result = check.check();
            if (result.isPresent()) {
                return result.get();
            }
            interval = schedule.next(interval);
        }
    }
}
