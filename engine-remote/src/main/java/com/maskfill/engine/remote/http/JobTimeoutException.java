package com.maskfill.engine.remote.http;

import java.io.IOException;
import java.time.Duration;

/** A job was still unfinished when the client's overall wait ran out. */
public final class JobTimeoutException extends IOException {

    public JobTimeoutException(String what, Duration waited) {
        super(what + " was not finished after " + waited.toSeconds() + " s");
    }
}
