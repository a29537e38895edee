package com.maskfill.engine.remote.http;

import com.maskfill.engine.api.engine.EngineException.Category;
import java.util.Optional;

/**
 * A provider's own reading of an error answer, where the status alone says too little: fal answers an empty
 * balance with 403, BFL and fal name the refused field in a 422's {@code detail}. Empty leaves the answer to
 * {@link RemoteFailures}' mapping by status.
 */
@FunctionalInterface
public interface ProviderErrors {

    Optional<ProviderFailure> read(HttpStatusException failure);

    /** No reading of its own: the status decides. */
    ProviderErrors NONE = failure -> Optional.empty();

    /**
     * The reading the newer providers share: 402 is out of credit and 422 invalid input, each in the provider's
     * words (a 422 names the fields it is about), before the mapping by status.
     */
    static ProviderErrors standard(String provider) {
        return failure -> {
            ErrorBody body = ErrorBody.parse(failure.body());
            String words = body.words().isEmpty() ? "" : ": " + body.words();
            return switch (failure.status()) {
                case 402 -> Optional.of(new ProviderFailure(Category.QUOTA, provider + " reports no credit left (HTTP 402)"
                        + words, failure.getMessage()));
                case 422 -> Optional.of(new ProviderFailure(Category.INVALID_INPUT, provider + " rejected "
                        + (body.fields().isEmpty() ? "the request" : String.join(", ", body.fields()))
                        + " (HTTP 422)" + words, failure.getMessage()));
                default -> Optional.empty();
            };
        };
    }

    /** This reading first, then {@code next}. */
    default ProviderErrors orElse(ProviderErrors next) {
        return failure -> {
            Optional<ProviderFailure> mine = read(failure);
            return mine.isPresent() ? mine : next.read(failure);
        };
    }
}
