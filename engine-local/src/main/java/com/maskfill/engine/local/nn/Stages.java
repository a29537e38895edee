package com.maskfill.engine.local.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDResource;

/**
 * Runs a model's stages (blocks, layers, sampling steps) one after another, each in its own sub-manager of an owner:
 * everything a stage allocates is freed when it ends except the one result it hands on, which moves to the owner. Memory
 * therefore holds one stage's temporaries at a time, however many stages there are.
 */
public final class Stages {

    /** One stage: its result from {@code x}, allocating in {@code scope}, the manager {@code x} belongs to now. */
    @FunctionalInterface
    public interface Stage<S, R extends NDResource> {
        R apply(S stage, R x, NDManager scope);
    }

    private Stages() {
    }

    /**
     * Passes {@code x} through {@code stages}. {@code x} is an intermediate of {@code owner}'s and is freed with the
     * first stage; the last stage's result belongs to {@code owner} ({@code x} itself when there are no stages).
     */
    public static <S, R extends NDResource> R fold(NDManager owner, R x, Iterable<S> stages, Stage<S, R> stage) {
        return fold(owner, x, false, stages, stage);
    }

    /** As {@link #fold}, but {@code input} is the caller's: it survives, back in its own manager. */
    public static <S, R extends NDResource> R foldKeeping(NDManager owner, R input, Iterable<S> stages,
            Stage<S, R> stage) {
        return fold(owner, input, true, stages, stage);
    }

    private static <S, R extends NDResource> R fold(NDManager owner, R x, boolean keepInput, Iterable<S> stages,
            Stage<S, R> stage) {
        R current = x;
        for (S s : stages) {
            try (NDManager scope = owner.newSubManager()) {
                if (keepInput && current == x) {
                    current.tempAttach(scope);
                } else {
                    current.attach(scope);
                }
                R next = stage.apply(s, current, scope);
                next.attach(owner);
                current = next;
            }
        }
        return current;
    }
}
