package org.sealbook.magics;

import org.sealbook.kernel.comm.CommManager;
import org.sealbook.kernel.display.Display;
import org.sealbook.kernel.display.MimeBundle;
import org.sealbook.toolkit.view.Html;
import org.sealbook.toolkit.view.ThrottledProgress;

/**
 * A progress bar in the cell: one display, updated in place by its id, at most about ten times a second so a
 * fast loop does not flood the front end; the last state is always drawn. In a kernel the display holds an
 * ipywidgets progress bar, which front ends with widgets draw and move; it also holds HTML and text, which the
 * others (nbconvert, the console) draw, and which each update replaces.
 */
final class NotebookProgress extends ThrottledProgress {
    private final String label;
    private final ProgressWidget widget; // null outside a kernel (no comms)
    private final String displayId;

    NotebookProgress(String label, long total) {
        super(total);
        this.label = label;
        CommManager comms = CommManager.current();
        this.widget = comms == null ? null : ProgressWidget.open(comms, label, total);
        this.displayId = Display.display(withWidget(bundle(label, total, 0, "")));
        startedNow();
    }

    @Override
    protected void draw(long done, String detail) {
        if (widget != null) {
            widget.set(done, total(), detail);
        }
        Display.updateDisplay(displayId, withWidget(bundle(label, total(), done, detail)));
    }

    private MimeBundle withWidget(MimeBundle bundle) {
        return widget == null ? bundle : bundle.withJson(ProgressWidget.MIME, widget.view());
    }

    static MimeBundle bundle(String label, long total, long done, String detail) {
        String counts = total > 0 ? done + "/" + total + " (" + NotebookView.percent(done, total) + ")" : done + " done";
        String plain = label + " " + counts + (detail.isBlank() ? "" : "  " + detail);
        String bar = total > 0
                ? "<progress value=\"" + Math.max(0, Math.min(done, total)) + "\" max=\"" + total + "\"></progress>"
                : "<progress></progress>";
        String html = "<div class=\"sealbook-progress\">" + Html.escape(label) + " " + bar + " "
                + Html.escape(counts) + (detail.isBlank() ? "" : " " + Html.escape(detail)) + "</div>";
        return MimeBundle.of("text/plain", plain).with("text/html", html);
    }
}
