package org.sealbook.toolkit.pipeline;

/**
 * An expected reason for a stage to stop before it seals: a bad option, a check that failed, input only the user can
 * settle. Its message is the one sentence the user sees; the pipeline ends the stage with its status and writes
 * nothing. Usage: {@code throw StageProblem.needsContext("No target column was given; name it with --target COL.")}.
 */
public final class StageProblem extends RuntimeException {
    private final Status status;

    private StageProblem(Status status, String sentence, Throwable cause) {
        super(sentence, cause);
        this.status = status;
    }

    /** The stage cannot go on with what it was given. */
    public static StageProblem blocked(String sentence) {
        return new StageProblem(Status.BLOCKED, sentence, null);
    }

    /** The stage cannot go on with what it was given; {@code cause} is the failure behind the sentence. */
    public static StageProblem blocked(String sentence, Throwable cause) {
        return new StageProblem(Status.BLOCKED, sentence, cause);
    }

    /** The stage needs something only the user can give (a column name, a path) before it can go on. */
    public static StageProblem needsContext(String sentence) {
        return new StageProblem(Status.NEEDS_CONTEXT, sentence, null);
    }

    /** As {@link #needsContext(String)}, keeping the failure behind the sentence. */
    public static StageProblem needsContext(String sentence, Throwable cause) {
        return new StageProblem(Status.NEEDS_CONTEXT, sentence, cause);
    }

    public Status status() {
        return status;
    }

    public StageOutcome outcome() {
        return new StageOutcome(status, getMessage());
    }
}
