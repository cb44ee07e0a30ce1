package org.sealbook.magics;

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

    // plotly.js is 11 MB: only the kernel session's first figure carries it; later figures reuse window.Plotly.
    private static final AtomicBoolean PLOTLY_SENT = new AtomicBoolean();

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
        return new MimeBundle()
                .withJson(PLOTLY_MIME, spec)
                .with("image/png", Base64.getEncoder().encodeToString(figure.png()))
                .with("text/plain", figure.title() + ": " + figure.altText())
                .with("text/html", figureHtml(figure, spec, withLibrary));
    }

    private static String figureHtml(Figure figure, JsonObject spec, boolean withLibrary) {
        String id = "sealbook-figure-" + UUID.randomUUID();
        StringBuilder html = new StringBuilder();
        if (withLibrary) {
            // Under require.js (classic notebook) plotly.js would register as an AMD module instead of
            // setting window.Plotly, so define is hidden while it loads.
            html.append("<script>window.__sealbookDefine = window.define; window.define = undefined;</script>\n")
                    .append("<script>").append(PlotlyLibrary.script()).append("</script>\n")
                    .append("<script>window.define = window.__sealbookDefine;</script>\n");
        }
        String json = spec.toString().replace("</", "<\\/");
        html.append("<div id=\"").append(id).append("\" role=\"img\" aria-label=\"").append(Html.escape(figure.altText()))
                .append("\"></div>\n<script>(function () { var spec = ").append(json).append(";\n")
                .append("  Plotly.newPlot(\"").append(id).append("\", spec.data, spec.layout, spec.config || {});\n")
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
