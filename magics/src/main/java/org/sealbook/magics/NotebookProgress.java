package org.sealbook.magics;

import org.sealbook.kernel.display.Display;
import org.sealbook.kernel.display.MimeBundle;
import org.sealbook.toolkit.view.ThrottledProgress;

/**
 * A progress bar in the cell: one display, updated in place by its id, at most about ten times a second so a
 * fast loop does not flood the front end; the last state is always drawn.
 */
final class NotebookProgress extends ThrottledProgress {
    private final String label;
    private final String displayId;

    NotebookProgress(String label, long total) {
        super(total);
        this.label = label;
        this.displayId = Display.display(bundle(label, total, 0, ""));
        startedNow();
    }

    @Override
    protected void draw(long done, String detail) {
        Display.updateDisplay(displayId, bundle(label, total(), done, detail));
    }

    static MimeBundle bundle(String label, long total, long done, String detail) {
        String counts = total > 0 ? done + "/" + total + " (" + NotebookView.percent(done, total) + ")" : done + " done";
        String plain = label + " " + counts + (detail.isBlank() ? "" : "  " + detail);
        String bar = total > 0
                ? "<progress value=\"" + Math.max(0, Math.min(done, total)) + "\" max=\"" + total + "\"></progress>"
                : "<progress></progress>";
        String html = "<div class=\"sealbook-progress\">" + NotebookView.escape(label) + " " + bar + " "
                + NotebookView.escape(counts) + (detail.isBlank() ? "" : " " + NotebookView.escape(detail)) + "</div>";
        return MimeBundle.of("text/plain", plain).with("text/html", html);
    }
}
