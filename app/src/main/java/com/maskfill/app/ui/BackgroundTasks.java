package com.maskfill.app.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.concurrent.Task;

/**
 * Runs slow work (decoding, saving, jobs) off the FX thread and hands the outcome back on it, so view models and
 * controllers never manage threads themselves.
 */
public final class BackgroundTasks implements AutoCloseable {

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

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
