package org.sealbook.toolkit.workspace;

/** A stage's gate said no: its message is the one sentence to show the user. Nothing was written. */
public final class StageRefused extends RuntimeException {
    private final Stage stage;

    StageRefused(Stage stage, String sentence) {
        super(sentence);
        this.stage = stage;
    }

    /** The stage that refused to run. */
    public Stage stage() {
        return stage;
    }

    /** The refusal as a {@link Status#BLOCKED} outcome, ready for a view. */
    public StageOutcome outcome() {
        return new StageOutcome(Status.BLOCKED, getMessage());
    }
}
