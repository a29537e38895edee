package com.maskfill.app.cli;

import com.maskfill.engine.api.engine.Cancellation;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * While open, Ctrl+C cancels {@link #cancellation()} and holds the JVM's exit for up to {@code grace}, so the
 * work can send what cancelling needs (a provider's cancel call, a download's last write) before the process
 * ends. One mechanism for every command that does long work.
 */
final class CancelOnCtrlC implements AutoCloseable {

    private final Cancellation cancellation = new Cancellation();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    CancelOnCtrlC(Duration grace) {
        hook = new Thread(() -> {
            cancellation.cancel();
            try {
                finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "maskfill-cancel-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    Cancellation cancellation() {
        return cancellation;
    }

    /** The work ended: an exit under way may go on, and a later Ctrl+C no longer waits. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already exiting because of Ctrl+C; the hook is running.
        }
    }
}
