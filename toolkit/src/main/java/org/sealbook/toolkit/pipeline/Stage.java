package org.sealbook.toolkit.pipeline;

import org.sealbook.toolkit.session.Session;

/**
 * One step of the training workflow. A stage declares what it is ({@link #spec}) and does its work in
 * {@link #run}; the {@link Pipeline} parses its options, verifies the seals it reads, seals what it returns, commits
 * and ends with its status, so a stage holds only its own logic. A new stage is one class and its registration in
 * {@link Stages}. Usage: {@code session.run("hypothesize", List.of("--seed", "7"), view)}.
 */
public interface Stage {
    StageSpec spec();

    /**
     * The stage's work: read {@code run}'s options and sealed records, tell the reader what it does through
     * {@code run.view()}, and return what to seal and how the stage ends. Throw a {@link StageProblem} to stop with
     * one sentence and nothing written.
     */
    Result run(StageRun run);

    /**
     * Refuses, with a {@link StageProblem}, while the session is not ready for this stage (say, a batch still
     * trains); the pipeline asks before it verifies any seal. Ready by default.
     */
    default void ready(Session session) {
    }
}
