package com.maskfill.engine.api.request;

import java.util.List;

/**
 * A {@link FillRequest} was refused. Each problem names the field, the value and what is allowed,
 * e.g. {@code steps = 60 is out of range: allowed 1–50}; the message joins them all so the user
 * can fix everything at once.
 */
public class InvalidRequestException extends IllegalArgumentException {

    private final List<String> problems;

    public InvalidRequestException(List<String> problems) {
        super(String.join("; ", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an InvalidRequestException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** One sentence per refused field, in field order. */
    public List<String> problems() {
        return problems;
    }
}
