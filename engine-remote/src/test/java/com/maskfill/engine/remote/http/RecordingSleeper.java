package com.maskfill.engine.remote.http;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every requested pause and waits at most {@code cap} of it, so retry and poll tests take milliseconds. */
public final class RecordingSleeper implements Sleeper {

    private final Duration cap;
    private final List<Duration> requested = new CopyOnWriteArrayList<>();

    public RecordingSleeper(Duration cap) {
        this.cap = cap;
    }

    public static RecordingSleeper fast() {
        return new RecordingSleeper(Duration.ofMillis(20));
    }

    @Override
    public void sleep(Duration delay, CallScope scope) throws CallCancelledException {
        requested.add(delay);
        scope.await(delay.compareTo(cap) > 0 ? cap : delay);
    }

    public List<Duration> requested() {
        return List.copyOf(requested);
    }
}
