package com.maskfill.engine.remote.http;

import java.io.IOException;

/**
 * A job submission went out and its answer never arrived (the connection closed, the read timed out): the
 * provider may have started, and billed, the job. Never retried; reported so the user checks before sending again.
 */
public final class SubmitUnconfirmedException extends IOException {

    public SubmitUnconfirmedException(String what, IOException cause) {
        super(what + " was sent but its answer never arrived (" + cause.getClass().getSimpleName() + ")", cause);
    }
}
