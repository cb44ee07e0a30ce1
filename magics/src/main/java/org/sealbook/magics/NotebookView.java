package org.sealbook.magics;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.sealbook.kernel.display.Display;
import org.sealbook.kernel.display.MimeBundle;
import org.sealbook.toolkit.view.Figure;
import org.sealbook.toolkit.view.Html;
import org.sealbook.toolkit.view.PlotlyLibrary;
import org.sealbook.toolkit.view.Progress;
import org.sealbook.toolkit.view.View;
import org.sealbook.toolkit.pipeline.StageOutcome;
import tech.tablesaw.api.Table;

/**
 * The output port in a notebook: each call becomes one display bundle in the current cell. The bundles are built
 * by static methods so they can be checked without a kernel.
 */
public final class NotebookView implements View {
    public static final String PLOTLY_MIME = "application/vnd.plotly.v1+json";

    // plotly.js is 1.5 MB: only the kernel session's first figure carries it; later figures reuse window.Plotly.
    private static final AtomicBoolean PLOTLY_SENT = new AtomicBoolean();
    /** The window event the library's output fires once plotly.js is defined; figures that wait listen for it. */
    static final String PLOTLY_READY = "sealbook-plotly-ready";
    private static final Gson SAFE_JSON = new Gson();

    @Override
    public void explain(String heading, String text) {
        Display.display(explanation(heading, text));
    }

    @Override
    public void table(String title, Table table) {
        if (title != null && !title.isBlank()) {
            Display.display(MimeBundle.of("text/markdown", "### " + title.strip()).with("text/plain", title.strip()));
        }
        Display.display(table);
    }

    @Override
    public void figure(Figure figure) {
        Display.display(figureBundle(figure, PLOTLY_SENT.compareAndSet(false, true)));
    }

    @Override
    public Progress progress(String label, long total) {
        return new NotebookProgress(label == null ? "" : label, total);
    }

    @Override
    public void status(StageOutcome outcome) {
        Display.display(statusBundle(outcome));
    }

    static MimeBundle explanation(String heading, String text) {
        String h = heading == null ? "" : heading.strip();
        String t = text == null ? "" : text.strip();
        return MimeBundle.of("text/markdown", "### " + h + "\n\n" + t).with("text/plain", h + "\n\n" + t);
    }

    /** A figure's four forms; {@code withLibrary} puts plotly.js itself into the HTML form. */
    static MimeBundle figureBundle(Figure figure, boolean withLibrary) {
        JsonObject spec = figure.plotly();
        String png = Base64.getEncoder().encodeToString(figure.png());
        return new MimeBundle()
                .withJson(PLOTLY_MIME, spec)
                .with("image/png", png)
                .with("text/plain", figure.title() + ": " + figure.altText())
                .with("text/html", figureHtml(figure, spec, png, withLibrary));
    }

    /**
     * The offline form, for front ends without a Plotly renderer (nbconvert's HTML, the classic notebook, JupyterLab
     * without jupyterlab-plotly): the PNG, then a script that draws the figure over it once plotly.js is there. Only
     * the kernel session's first figure carries plotly.js (1.5 MB); it defines {@code window.Plotly}, unless the page
     * has it already (a cell run again, a restarted kernel in the same page), and then tells the figures that wait.
     * A later figure draws at once when the library is there, else when that event comes: outputs that render out of
     * order still draw. Where scripts do not run (an untrusted notebook, a viewer that strips them) the PNG stays.
     */
    private static String figureHtml(Figure figure, JsonObject spec, String png, boolean withLibrary) {
        String id = "sealbook-figure-" + UUID.randomUUID();
        String alt = Html.escape(figure.altText());
        StringBuilder html = new StringBuilder();
        if (withLibrary) {
            html.append("<script>if (!window.Plotly) {\n").append(PlotlyLibrary.script()).append("\n}</script>\n")
                    .append("<script>window.dispatchEvent(new Event(\"").append(PLOTLY_READY).append("\"));</script>\n");
        }
        // Gson by default writes <, >, &, = and ' as JSON escapes, so no text in the spec can end the script element.
        String json = SAFE_JSON.toJson(spec);
        html.append("<div class=\"sealbook-figure\">")
                .append("<img src=\"data:image/png;base64,").append(png).append("\" alt=\"").append(alt)
                .append("\" style=\"max-width:100%;height:auto\">")
                .append("<div id=\"").append(id).append("\" role=\"img\" aria-label=\"").append(alt).append("\"></div>")
                .append("</div>\n<script>(function () {\n  var spec = ").append(json).append(";\n")
                .append("  function draw() {\n")
                .append("    var live = document.getElementById(\"").append(id).append("\");\n")
                .append("    if (!live || live.dataset.drawn) { return; }\n")
                .append("    live.dataset.drawn = \"yes\";\n")
                .append("    window.Plotly.newPlot(live, spec.data, spec.layout || {}, spec.config || {}).then(function () {\n")
                .append("      if (live.previousElementSibling) { live.previousElementSibling.style.display = \"none\"; }\n")
                .append("    });\n  }\n")
                .append("  if (window.Plotly) { draw(); } else { window.addEventListener(\"").append(PLOTLY_READY)
                .append("\", draw, { once: true }); }\n")
                .append("})();</script>");
        return html.toString();
    }

    static MimeBundle statusBundle(StageOutcome outcome) {
        String name = outcome.status().name();
        String colour = switch (outcome.status()) {
            case DONE -> "#2e7d32";
            case DONE_WITH_CONCERNS -> "#ef6c00";
            case BLOCKED -> "#c62828";
            case NEEDS_CONTEXT -> "#1565c0";
        };
        String html = "<div class=\"sealbook-status\"><span style=\"background:" + colour
                + ";color:#fff;padding:2px 8px;border-radius:4px;font-weight:bold;font-family:monospace\">" + name
                + "</span> " + Html.escape(outcome.sentence()) + "</div>";
        return MimeBundle.of("text/plain", name + ": " + outcome.sentence()).with("text/html", html);
    }

    static String percent(long done, long total) {
        return String.format(Locale.ROOT, "%d%%", total <= 0 ? 0 : 100 * Math.max(0, Math.min(done, total)) / total);
    }
}
