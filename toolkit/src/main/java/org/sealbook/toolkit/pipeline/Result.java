package org.sealbook.toolkit.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * How a stage's run ends: with a record for the pipeline to seal (then the words that say so and the status), with
 * a status and nothing sealed, or pending, for a stage whose work goes on in the background and ends later through
 * {@link StageRun#later()}. Usage: {@code return Result.seal(plan).said(s -> "The plan is sealed in " + s.file())
 * .then(s -> new StageOutcome(Status.DONE, "..."));}
 */
public final class Result {
    private final StageOutcome outcome;
    private final Object record;
    private final Map<String, byte[]> attachments;
    private final Function<SealedStage, String> said;
    private final Function<SealedStage, StageOutcome> then;
    private final boolean pending;

    private Result(StageOutcome outcome, Object record, Map<String, byte[]> attachments,
                   Function<SealedStage, String> said, Function<SealedStage, StageOutcome> then, boolean pending) {
        this.outcome = outcome;
        this.record = record;
        this.attachments = Map.copyOf(attachments);
        this.said = said;
        this.then = then;
        this.pending = pending;
    }

    /** The stage ends with this status and seals nothing (a check failed, a reviewer refused). */
    public static Result end(StageOutcome outcome) {
        return new Result(outcome, null, Map.of(), null, null, false);
    }

    /** As {@link #end(StageOutcome)}. */
    public static Result end(Status status, String sentence) {
        return end(new StageOutcome(status, sentence));
    }

    /** The stage seals {@code record} as the record its spec declares. */
    public static Result seal(Object record) {
        if (record == null) {
            throw new IllegalArgumentException("A stage that seals needs a record to seal; pass it.");
        }
        return new Result(null, record, Map.of(), s -> "It is sealed in " + s.file() + " with SHA-256 " + s.sha256()
                + ".", null, false);
    }

    /** The stage goes on in the background; it ends later through the handle {@link StageRun#later()} gave. */
    public static Result pending() {
        return new Result(null, null, Map.of(), null, null, true);
    }

    /** Files (paths inside the workspace -> bytes) written and committed with the record, which holds their hashes. */
    public Result attach(Map<String, byte[]> files) {
        Map<String, byte[]> all = new LinkedHashMap<>(attachments);
        all.putAll(files);
        return new Result(outcome, record, all, said, then, pending);
    }

    /** The paragraph, under "Sealed", that says what was sealed where. */
    public Result said(Function<SealedStage, String> words) {
        return new Result(outcome, record, attachments, words, then, pending);
    }

    /** What the stage says after the seal, and its status: may show more (next steps) through the run's view. */
    public Result then(Function<SealedStage, StageOutcome> ending) {
        return new Result(outcome, record, attachments, said, ending, pending);
    }

    boolean isPending() {
        return pending;
    }

    boolean seals() {
        return record != null;
    }

    StageOutcome outcome() {
        return outcome;
    }

    Object record() {
        return record;
    }

    Map<String, byte[]> attachments() {
        return attachments;
    }

    String said(SealedStage sealed) {
        return said.apply(sealed);
    }

    StageOutcome then(SealedStage sealed) {
        if (then == null) {
            throw new IllegalStateException("A sealing stage must say how it ends; add .then(...) to its result.");
        }
        return then.apply(sealed);
    }
}
