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
import org.sealbook.toolkit.view.Figure;
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
        assertTrue(html.length() > 1_000_000, "the first figure carries plotly.js itself");
        // The spec's text cannot close the script element it sits in.
        assertFalse(html.contains("</script><b>"));
        assertTrue(html.contains("<\\/script><b>x<\\/b>"));

        String later = NotebookView.figureBundle(figure("x"), false).get("text/html");
        assertTrue(later.length() < 2_000, "later figures reuse the library: " + later.length() + " characters");
        assertTrue(later.startsWith("<div id=\"sealbook-figure-"));
    }

    @Test
    void statusIsTheNameAndSentenceWithABadge() {
        MimeBundle b = NotebookView.statusBundle(new StageOutcome(Status.BLOCKED, "The file <x> is missing."));
        assertEquals("BLOCKED: The file <x> is missing.", b.get("text/plain"));
        assertTrue(b.get("text/html").contains(">BLOCKED</span> The file &lt;x&gt; is missing."), b.get("text/html"));
    }

    @Test
    void progressShowsCountsAndABar() {
        MimeBundle b = NotebookProgress.bundle("Checking", 8, 3, "outliers");
        assertEquals("Checking 3/8 (37%)  outliers", b.get("text/plain"));
        assertTrue(b.get("text/html").contains("<progress value=\"3\" max=\"8\"></progress>"));
        assertEquals("Reading 5 done", NotebookProgress.bundle("Reading", 0, 5, "").get("text/plain"));
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
