package org.sealbook.magics;

import org.sealbook.kernel.comm.CommManager;
import org.sealbook.kernel.display.Display;
import org.sealbook.kernel.display.MimeBundle;
import org.sealbook.toolkit.view.Html;
import org.sealbook.toolkit.view.LossCurves;
import org.sealbook.toolkit.view.ThrottledProgress;

/**
 * A progress bar in the cell: one display, updated in place by its id, at most about ten times a second so a
 * fast loop does not flood the front end; the last state is always drawn. When the work reports curves (a run's
 * training and validation loss), a small SVG line chart of them sits beside the bar, redrawn at most twice a second;
 * SVG needs no script, so JupyterLab, nbconvert and a saved notebook all show it, and since each update replaces the
 * display, the saved notebook holds only the last chart. In a kernel the display holds an
 * ipywidgets progress bar, which front ends with widgets draw and move; it also holds HTML and text, which the
 * others (nbconvert, the console) draw, and which each update replaces.
 */
final class NotebookProgress extends ThrottledProgress {
    /** The text form's sparkline, as wide as the console's. */
    static final int SPARKLINE = 20;

    private final String label;
    private final ProgressWidget widget; // null outside a kernel (no comms)
    private final String displayId;
    private LossCurves drawnCurves;
    private String svg = "";

    NotebookProgress(String label, long total) {
        super(total);
        this.label = label;
        CommManager comms = CommManager.current();
        this.widget = comms == null ? null : ProgressWidget.open(comms, label, total);
        this.displayId = Display.display(withWidget(bundle(label, total, 0, "", new LossCurves(), "")));
        startedNow();
    }

    @Override
    protected void draw(long done, String detail) {
        LossCurves curves = shownCurves();
        if (curves != drawnCurves) { // a new copy at most twice a second: only then is the SVG drawn again
            drawnCurves = curves;
            svg = curves.svg();
        }
        if (widget != null) {
            widget.set(done, total(), detail, svg);
        }
        Display.updateDisplay(displayId, withWidget(bundle(label, total(), done, detail, curves, svg)));
    }

    private MimeBundle withWidget(MimeBundle bundle) {
        return widget == null ? bundle : bundle.withJson(ProgressWidget.MIME, widget.view());
    }

    /**
     * The text and HTML forms. The HTML draws its bar with styled elements rather than {@code <progress>}, which
     * sanitizers drop and browsers draw each their own way; its text wraps instead of running past the cell's edge.
     */
    static MimeBundle bundle(String label, long total, long done, String detail, LossCurves curves, String svg) {
        String counts = total > 0 ? done + "/" + total + " (" + NotebookView.percent(done, total) + ")" : done + " done";
        String spark = !curves.drawable() ? "" : "  " + curves.sparklineCurve() + " "
                + curves.sparkline(SPARKLINE);
        String plain = label + " " + counts + spark + (detail.isBlank() ? "" : "  " + detail);
        long shown = Math.max(0, Math.min(done, total));
        String percent = total > 0 ? NotebookView.percent(done, total) : "0%";
        String colour = total > 0 && done >= total ? "#2e7d32" : "#1976d2";
        String bar = "<span role=\"progressbar\" aria-valuemin=\"0\" aria-valuemax=\"" + Math.max(0, total)
                + "\" aria-valuenow=\"" + shown + "\" style=\"flex:0 0 " + ProgressWidget.BAR_WIDTH + ";height:14px;"
                + "background:#e0e0e0;border-radius:3px;overflow:hidden\"><span style=\"display:block;height:100%;width:"
                + percent + ";background:" + colour + "\"></span></span>";
        String html = "<div class=\"sealbook-progress\" style=\"display:flex;flex-wrap:wrap;align-items:center;"
                + "column-gap:8px;max-width:100%\"><span style=\"flex:0 0 auto;min-width:"
                + ProgressWidget.LABEL_WIDTH + "\">" + Html.escape(label) + "</span>" + bar
                + (svg.isEmpty() ? "" : "<span style=\"flex:0 0 auto\">" + svg + "</span>")
                + "<span style=\"flex:1 1 16em;min-width:0;white-space:normal;overflow-wrap:anywhere\">"
                + Html.escape(counts) + (detail.isBlank() ? "" : " " + Html.escape(detail)) + "</span></div>";
        return MimeBundle.of("text/plain", plain).with("text/html", html);
    }
}
