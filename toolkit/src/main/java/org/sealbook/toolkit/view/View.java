package org.sealbook.toolkit.view;

import org.sealbook.toolkit.workspace.StageOutcome;
import tech.tablesaw.api.Table;

/**
 * The output port: the only way a stage shows anything. The console writes text and files; the
 * notebook (outside the toolkit) turns the same calls into display bundles.
 */
public interface View {
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
