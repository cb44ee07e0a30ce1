package org.sealbook.magics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.sealbook.kernel.display.MimeBundle;
import org.sealbook.toolkit.view.LossCurves;
import org.sealbook.toolkit.view.Figure;
import org.sealbook.toolkit.view.PlotlyLibrary;
import org.sealbook.toolkit.pipeline.StageOutcome;
import org.sealbook.toolkit.pipeline.Status;

class NotebookViewTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};

    @Test
    void explanationIsMarkdownUnderAHeadingWithAPlainTwin() {
        MimeBundle b = NotebookView.explanation("What I did", "I read 406 rows.");
        assertEquals("### What I did\n\nI read 406 rows.", b.get("text/markdown"));
        assertEquals("What I did\n\nI read 406 rows.", b.get("text/plain"));
    }

    @Test
    void figureCarriesPlotlyPngAltTextAndOfflineHtml() {
        MimeBundle first = NotebookView.figureBundle(figure("</script><b>x</b>"), true);
        JsonObject spec = JsonParser.parseString(first.get(NotebookView.PLOTLY_MIME)).getAsJsonObject();
        assertEquals("bar", spec.getAsJsonArray("data").get(0).getAsJsonObject().get("type").getAsString());
        assertArrayEquals(PNG, Base64.getDecoder().decode(first.get("image/png")));
        assertEquals("Missing values: Two columns have gaps.", first.get("text/plain"));
        String html = first.get("text/html");
        assertTrue(html.contains("Plotly.newPlot("), html.substring(html.length() - 300));
        assertTrue(html.startsWith("<script>if (!window.Plotly) {\n" + PlotlyLibrary.script() + "\n}</script>"),
                "the first figure carries plotly.js itself, unless the page has it already");
        assertTrue(html.contains("window.dispatchEvent(new Event(\"" + NotebookView.PLOTLY_READY + "\"))"),
                "and tells the figures that wait for it");
        assertTrue(html.contains("<img src=\"data:image/png;base64," + first.get("image/png") + "\""),
                "the PNG shows where scripts do not run");
        // The spec's text cannot close the script element it sits in.
        assertFalse(html.contains("</script><b>"));
        assertTrue(html.contains("\\u003c/script\\u003e\\u003cb\\u003ex\\u003c/b\\u003e"));

        String later = NotebookView.figureBundle(figure("x"), false).get("text/html");
        assertTrue(later.length() < 3_000, "later figures reuse the library: " + later.length() + " characters");
        assertTrue(later.startsWith("<div class=\"sealbook-figure\"><img src=\"data:image/png;base64,"), later);
        assertTrue(later.contains("if (window.Plotly) { draw(); } else { window.addEventListener(\""
                + NotebookView.PLOTLY_READY + "\", draw, { once: true }); }"), "it waits when the library is not there yet");
    }

    @Test
    void statusIsTheNameAndSentenceWithABadge() {
        MimeBundle b = NotebookView.statusBundle(new StageOutcome(Status.BLOCKED, "The file <x> is missing."));
        assertEquals("BLOCKED: The file <x> is missing.", b.get("text/plain"));
        assertTrue(b.get("text/html").contains(">BLOCKED</span> The file &lt;x&gt; is missing."), b.get("text/html"));
    }

    @Test
    void progressShowsCountsAndABar() {
        MimeBundle b = NotebookProgress.bundle("Checking", 8, 3, "outliers", new LossCurves(), "");
        assertEquals("Checking 3/8 (37%)  outliers", b.get("text/plain"));
        String html = b.get("text/html");
        assertTrue(html.contains("role=\"progressbar\" aria-valuemin=\"0\" aria-valuemax=\"8\" aria-valuenow=\"3\""),
                html);
        assertTrue(html.contains("width:37%;background:#1976d2"), "the bar is drawn 37% full: " + html);
        assertTrue(html.contains("white-space:normal"), "the text wraps: " + html);
        assertTrue(NotebookProgress.bundle("Checking", 8, 8, "", new LossCurves(), "").get("text/html").contains("width:100%;background:#2e7d32"),
                "a finished bar is full and green");
        assertEquals("<span style=\"display:inline-block;white-space:normal;overflow-wrap:anywhere;line-height:1.35\">"
                + "a &lt;b&gt;</span>", ProgressWidget.wrapping("a <b>"), "the widget's text wraps too, escaped");
        assertEquals("Reading 5 done", NotebookProgress.bundle("Reading", 0, 5, "", new LossCurves(), "").get("text/plain"));
    }

    @Test
    void progressWithLossCurvesShowsAnSvgChartInHtmlAndASparklineInText() {
        LossCurves curves = new LossCurves();
        double[] val = {0.9, 0.6, 0.4, 0.3};
        for (int step = 1; step <= 4; step++) {
            curves.add(LossCurves.TRAIN, step, val[step - 1] - 0.1);
            curves.add(LossCurves.VALIDATION, step, val[step - 1]);
        }
        String svg = curves.svg();
        MimeBundle b = NotebookProgress.bundle("exp_002 mlp", 1000, 400, "step 4 of 10", curves, svg);

        assertEquals("exp_002 mlp 400/1000 (40%)  val_loss █▄▂▁  step 4 of 10", b.get("text/plain"));
        String html = b.get("text/html");
        assertTrue(html.contains("<span style=\"flex:0 0 auto\">" + svg + "</span>"), html);
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"") && !svg.contains("<script"), svg);
        assertEquals(2, svg.split("<polyline").length - 1, "one line each for the training and validation loss");
        assertTrue(svg.contains(">train_loss</tspan>") && svg.contains(">val_loss</tspan>"), "a key: " + svg);
        // the chart sits inside the one display that each update replaces, so a saved notebook keeps one copy
        assertTrue(html.length() < 3000, html.length() + " characters");
        assertFalse(NotebookProgress.bundle("Checking", 8, 3, "", new LossCurves(), "").get("text/html")
                .contains("<svg"), "no curves, no chart");
    }

    private static Figure figure(String name) {
        JsonObject trace = new JsonObject();
        trace.addProperty("type", "bar");
        trace.addProperty("name", name);
        JsonObject spec = new JsonObject();
        JsonArray data = new JsonArray();
        data.add(trace);
        spec.add("data", data);
        spec.add("layout", new JsonObject());
        return new Figure("Missing values", spec, PNG, "Two columns have gaps.");
    }
}
