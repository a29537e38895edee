package com.maskfill.engine.remote.hub;

import com.maskfill.engine.api.engine.EngineException;
import com.maskfill.engine.api.model.HubSettings;
import com.maskfill.engine.api.engine.Redactor;
import com.maskfill.engine.remote.http.RemoteHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okhttp3.HttpUrl;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The Hub's refusals in words a designer can act on. The Hub says what went wrong in {@code X-Error-Code} and
 * {@code X-Error-Message}: a gated repository answers 401 without a token (sign in) and 403 with a token whose account
 * has not accepted the licence (accept it at the model page); a 401 with a token means the token itself was refused.
 * Every text is redacted: the Hub may echo a header back.
 */
final class HubFailures {

    private static final int MAX_EXCERPT = 300;

    private HubFailures() {
    }

    static EngineException of(Response response, String repo, String what, boolean hasToken, Redactor redactor) {
        int status = response.code();
        String code = header(response, "X-Error-Code");
        String message = redactor.redact(header(response, "X-Error-Message"));
        String page = HubSettings.modelPage(repo);
        boolean gated = code.equals("GatedRepo") || message.contains("restricted");
        if (status == 401) {
            if (hasToken && (message.contains("Invalid credentials") || message.contains("expired") || !gated)) {
                return new EngineException(EngineException.Category.AUTHENTICATION, "The Hugging Face token was "
                        + "refused (invalid or expired). Create a new read token at https://huggingface.co/settings/"
                        + "tokens and set HF_TOKEN to it (or run huggingface-cli login).", detail(status, code, message));
            }
            if (!hasToken) {
                return new EngineException(EngineException.Category.AUTHENTICATION, repo + " is gated: sign in at "
                        + "huggingface.co, accept the licence at " + page + ", then create a read token at "
                        + "https://huggingface.co/settings/tokens and set HF_TOKEN to it (or run huggingface-cli "
                        + "login).", detail(status, code, message));
            }
        }
        if ((status == 401 || status == 403) && gated) {
            return new EngineException(EngineException.Category.AUTHENTICATION, "Access to " + repo + " is "
                    + "restricted: accept the licence at " + page + " with the account your token belongs to (the "
                    + "licence is granted at once), then retry. A fine-grained token also needs \"read access to "
                    + "public gated repositories\".", detail(status, code, message));
        }
        if (status == 403) {
            return new EngineException(EngineException.Category.AUTHENTICATION, "The Hub refused " + what
                    + " (403 Forbidden" + (message.isEmpty() ? "" : ": " + message) + ").", detail(status, code, message));
        }
        if (status == 404 || code.endsWith("NotFound")) {
            String which = switch (code) {
                case "RevisionNotFound" -> "The revision asked for is not in " + repo;
                case "EntryNotFound" -> "A file asked for is not in " + repo + " (" + what + ")";
                default -> "The repository " + repo + " was not found (or is private)";
            };
            return new EngineException(EngineException.Category.INVALID_INPUT, which + ".", detail(status, code,
                    message.isEmpty() ? excerpt(response, redactor) : message));
        }
        return new EngineException(EngineException.Category.PROVIDER_FAILED, "The Hub answered HTTP " + status
                + " to " + what + ".", detail(status, code, message.isEmpty() ? excerpt(response, redactor) : message));
    }

    static EngineException busy(int status, HttpUrl url) {
        if (status == 500) {
            // the Hub itself failing, not a queue or a gateway: a server-side failure, as generate calls it
            return new EngineException(EngineException.Category.PROVIDER_FAILED, "The Hub failed (HTTP 500 for "
                    + url.encodedPath() + ") several times; try again later.");
        }
        return new EngineException(EngineException.Category.NETWORK, "The Hub is busy (HTTP " + status + " for "
                + url.encodedPath() + ") and still was after several tries; try again later.");
    }

    static EngineException network(IOException e, HttpUrl endpoint, Redactor redactor) {
        return new EngineException(EngineException.Category.NETWORK, "Cannot reach " + endpoint.host() + ": "
                + redactor.redact(String.valueOf(e.getMessage())) + ". Check the connection (and HF_ENDPOINT or a "
                + "proxy); a download started before resumes where it stopped.", null, null);
    }

    private static String header(Response response, String name) {
        String v = response.header(name);
        return v == null ? "" : v.strip();
    }

    private static String detail(int status, String code, String message) {
        return "HTTP " + status + (code.isEmpty() ? "" : " " + code) + (message.isEmpty() ? "" : ": " + message);
    }

    private static String excerpt(Response response, Redactor redactor) {
        ResponseBody body = response.body();
        try {
            byte[] bytes = RemoteHttp.readBounded("", body, 4096, false);
            String text = redactor.redact(new String(bytes, StandardCharsets.UTF_8)).replaceAll("\\s+", " ").strip();
            return text.length() > MAX_EXCERPT ? text.substring(0, MAX_EXCERPT) + "…" : text;
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
