package com.maskfill.engine.remote.http;

import java.io.IOException;

/** The job was cancelled while a request was in flight or between requests. */
public final class CallCancelledException extends IOException {

    public CallCancelledException() {
        super("cancelled");
    }
}
