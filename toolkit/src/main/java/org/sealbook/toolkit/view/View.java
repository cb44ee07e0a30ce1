package org.sealbook.toolkit.view;

import org.sealbook.toolkit.pipeline.StageOutcome;
import org.sealbook.toolkit.runs.BatchListener;
import tech.tablesaw.api.Table;

/**
 * The output port, and what listens to a stage: the only way a stage shows anything. The console writes text and
 * files; the notebook (outside the toolkit) turns the same calls into display bundles. A batch's runs arrive
 * through the {@link BatchListener} methods, from training threads. Every listener is isolated by the pipeline: one
 * that throws is logged and skipped.
 */
public interface View extends BatchListener {
    /** A stage is about to run (its options parsed); nothing is shown by default. */
    default void stageStarted(String stage) {
    }

    /** A plain-language paragraph under a short heading. */
    void explain(String heading, String text);

    /** A table of results under a title. */
    void table(String title, Table table);

    /** A figure, in its interactive and static forms. */
    void figure(Figure figure);

    /** A progress handle for work of {@code total} steps; close it when the work ends. */
    Progress progress(String label, long total);

    /** The stage's closing status and the sentence that explains it. */
    void status(StageOutcome outcome);
}
