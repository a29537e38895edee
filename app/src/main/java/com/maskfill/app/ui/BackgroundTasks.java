package com.maskfill.app.ui;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.concurrent.Task;

/**
 * Runs slow work (decoding, saving, jobs) off the FX thread and hands the outcome back on it, so view models and
 * controllers never manage threads themselves.
 */
public final class BackgroundTasks implements AutoCloseable {

    /** How long closing waits for work under way: results being set aside are paid for and must reach the disk. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(30);

    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "maskfill-background");
        thread.setDaemon(true);
        return thread;
    });

    /** Runs {@code work} in the background; exactly one of the callbacks then runs on the FX thread. */
    public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
        task.setOnSucceeded(e -> onSuccess.accept(task.getValue()));
        task.setOnFailed(e -> onFailure.accept(task.getException()));
        executor.execute(task);
    }

    /**
     * Lets the work under way finish (at most {@link #CLOSE_GRACE}) and takes no more: interrupting a save would
     * leave no file. Callbacks still pending on the FX thread may not run any more.
     */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                System.getLogger(BackgroundTasks.class.getName()).log(System.Logger.Level.WARNING,
                        "Background work did not finish within " + CLOSE_GRACE.toSeconds() + " s");
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }
}
