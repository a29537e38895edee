package com.maskfill.engine.remote.http;

import java.time.Duration;

/**
 * Waits between retries and polls. Production waits the full delay (woken early by cancellation); tests
 * substitute one that records each requested delay and waits only a fraction of it.
 */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = (delay, scope) -> scope.await(delay);

    void sleep(Duration delay, CallScope scope) throws CallCancelledException;
}
