package com.maskfill.engine.remote.http;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;

/**
 * Makes a job submission reach the network at most once, whatever OkHttp would do on its own. Three locks,
 * each enough for the case it names: the submit client never retries after a connection failure; the body is
 * one-shot, which OkHttp also reads as "never resend"; and a network interceptor counts the attempts of each
 * submission and refuses a second one (OkHttp follows a 503 with {@code Retry-After: 0} by resending, and that
 * header is removed here so it does not try). The count also says whether the request may have reached the
 * provider, which decides between "not sent" and "may have been submitted".
 */
final class SubmitOnce {

    /** Attached to one submission request as its tag. */
    static final class Attempt {
        private final AtomicBoolean sent = new AtomicBoolean();

        /** True once the request was handed to a connection: the provider may have it. */
        boolean sent() {
            return sent.get();
        }
    }

    private SubmitOnce() {
    }

    static OkHttpClient client(OkHttpClient base) {
        return base.newBuilder()
                .retryOnConnectionFailure(false)
                .addNetworkInterceptor(SubmitOnce::guard)
                .build();
    }

    static Request tagged(Request request, Attempt attempt) {
        Request.Builder builder = request.newBuilder().tag(Attempt.class, attempt);
        if (request.body() != null) {
            builder.method(request.method(), new OneShotBody(request.body()));
        }
        return builder.build();
    }

    private static Response guard(Interceptor.Chain chain) throws IOException {
        Attempt attempt = chain.request().tag(Attempt.class);
        if (attempt == null) {
            return chain.proceed(chain.request());
        }
        if (!attempt.sent.compareAndSet(false, true)) {
            throw new IOException("refused to send a job submission a second time");
        }
        Response response = chain.proceed(chain.request());
        if (response.code() == 503 && response.header("Retry-After") != null) {
            return response.newBuilder().removeHeader("Retry-After").build();
        }
        return response;
    }

    private static final class OneShotBody extends RequestBody {
        private final RequestBody delegate;

        OneShotBody(RequestBody delegate) {
            this.delegate = delegate;
        }

        @Override
        public MediaType contentType() {
            return delegate.contentType();
        }

        @Override
        public long contentLength() throws IOException {
            return delegate.contentLength();
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            delegate.writeTo(sink);
        }

        @Override
        public boolean isOneShot() {
            return true;
        }
    }
}
