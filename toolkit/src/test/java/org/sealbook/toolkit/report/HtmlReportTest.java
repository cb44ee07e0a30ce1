package org.sealbook.toolkit.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.toolkit.view.Figure;
import org.sealbook.toolkit.view.PlotlyLibrary;

class HtmlReportTest {
    private static final Pattern FIGURE = Pattern.compile("<figure class=\"report-figure\" id=\"figure-(\\d+)\">\n"
            + "<img class=\"report-figure-still\" alt=\"[^\"]*\" src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\">\n"
            + "(?s:.*?)<script type=\"application/json\" class=\"report-figure-spec\">(.*?)</script>\n</figure>");

    private static CarsReport cars;
    private static String html;

    @TempDir
    Path folder;

    @BeforeAll
    static void makeTheReport() {
        cars = new CarsReport();
        html = HtmlReport.html(CarsReport.TITLE, cars.sections());
    }

    @Test
    void theTitleAndEverySectionHeadingAreShownInOrder() {
        assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"), html.substring(0, 80));
        assertTrue(html.contains("<title>Cars: what predicts miles per gallon</title>"));
        assertTrue(html.contains("<h1>Cars: what predicts miles per gallon</h1>"));
        int leaderboard = html.indexOf("<h2>Leaderboard</h2>");
        int data = html.indexOf("<h2>The data</h2>");
        int shows = html.indexOf("<h2>What the data shows</h2>");
        int recommendation = html.indexOf("<h2>Recommendation</h2>");
        assertTrue(0 < leaderboard && leaderboard < shows && shows < data && data < recommendation,
                leaderboard + " " + shows + " " + data + " " + recommendation);
        assertTrue(html.contains("<li><a href=\"#section-3\">The data</a></li>"), "a contents list links them");
        assertTrue(html.contains("<section id=\"section-3\">\n<h2>The data</h2>"));
        assertTrue(html.contains("<p>Keep exp_001.</p>\n<p>Next, try a forest of 200 trees, depth 8.</p>"));
    }

    @Test
    void tablesShowTheirCellsWithNumbersAlignedAndGapsMarked() {
        assertTrue(html.contains("<caption>Leaderboard &lt;validation rows&gt;</caption>"));
        assertTrue(html.contains("<thead><tr><th scope=\"col\">experiment</th><th scope=\"col\">family</th>"
                + "<th scope=\"col\">val_rmse</th><th scope=\"col\">complexity</th></tr></thead>"));
        assertTrue(html.contains("<tr><td>exp_001</td><td>linear</td><td class=\"number\">3.42</td>"
                + "<td class=\"number\">8</td></tr>"), "the winner's row");
        assertTrue(html.contains("<tr><td>exp_002</td><td>random_forest</td>"
                + "<td class=\"missing\" title=\"missing\">&mdash;</td><td class=\"number\">200000</td></tr>"),
                "the crashed run has no score, and says so");
        // cars.csv: the first car, and one of the cars whose horsepower is missing.
        assertTrue(html.contains("<td>chevrolet chevelle malibu</td><td class=\"number\">18</td>"), "first row");
        assertTrue(html.contains("<td>ford pinto</td><td class=\"number\">25</td><td class=\"number\">4</td>"
                + "<td class=\"number\">98</td><td class=\"missing\" title=\"missing\">&mdash;</td>"),
                "a car without horsepower");
    }

    @Test
    void aLongTableShowsItsFirstRowsAndSaysHowManyThereAre() {
        assertEquals(406, cars.cars.rowCount());
        assertTrue(html.contains("<p class=\"table-note\">Showing the first 100 of 406 rows.</p>"));
        String dataTable = html.substring(html.indexOf("<h2>The data</h2>"), html.indexOf("<p class=\"table-note\">"));
        assertEquals(1 + 100, count(dataTable, "<tr>"), "the header row and 100 rows");
    }

    @Test
    void textIsEscapedNeverReadAsHtml() {
        assertTrue(html.contains("<p>Rows with &lt;missing&gt; horsepower &amp; &quot;quoted&quot; names aren&#39;t "
                + "dropped: &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</p>"));
        assertFalse(html.contains("<missing>"));
        assertFalse(html.contains("<script>alert("));
    }

    @Test
    void nothingIsLoadedFromOutsideTheFile() {
        String lower = html.toLowerCase(Locale.ROOT);
        assertFalse(lower.contains("<script src"), "no script is fetched");
        assertFalse(lower.contains("<link"), "no style sheet or font is fetched");
        assertEquals(1, count(html, PlotlyLibrary.script()), "plotly.js itself is inside, once");
        String ours = html.replace(PlotlyLibrary.script(), "");
        assertFalse(Pattern.compile("(src|href)\\s*=\\s*[\"']?(https?:)?//").matcher(ours).find(), "no remote src/href");
        assertFalse(ours.contains("http://") || ours.contains("https://"),
                "outside plotly.js's own code there is no web address at all");
    }

    @Test
    void eachFigureCarriesItsSpecAndItsPngForReadersWithoutJavaScript() {
        List<Figure> figures = List.of(cars.mpgByOrigin, cars.correlation);
        Matcher m = FIGURE.matcher(html);
        for (int i = 0; i < figures.size(); i++) {
            assertTrue(m.find(), "figure " + (i + 1) + " is in the page");
            assertEquals(String.valueOf(i + 1), m.group(1));
            assertArrayEquals(figures.get(i).png(), Base64.getDecoder().decode(m.group(2)));
            assertEquals(figures.get(i).plotly(), JsonParser.parseString(m.group(3)));
        }
        assertFalse(m.find(), "two figures, no more");
        assertTrue(html.contains("<figcaption>Mean miles per gallon by origin: Cars from Europe, Japan, USA average"));
        assertTrue(html.contains("Plotly.newPlot(live, spec.data"), "the drawing script is inside");
    }

    @Test
    void aSpecCannotCloseItsScriptElement() {
        JsonObject trace = new JsonObject();
        trace.addProperty("type", "bar");
        trace.addProperty("name", "</script><script>alert(1)</script>");
        JsonArray data = new JsonArray();
        data.add(trace);
        JsonObject spec = new JsonObject();
        spec.add("data", data);
        Figure figure = new Figure("Tricky", spec, cars.mpgByOrigin.png(), "A bar with a hostile name.");
        String page = HtmlReport.html("T", List.of(new Section("S", List.of(), List.of(), List.of(figure))));
        String afterLibrary = page.substring(page.indexOf("<main>")).replace(PlotlyLibrary.script(), "");
        assertFalse(afterLibrary.contains("alert(1)</script>"), "the name stays inside the JSON");
        Matcher m = FIGURE.matcher(page);
        assertTrue(m.find());
        assertEquals(spec, JsonParser.parseString(m.group(3)));
    }

    @Test
    void aReportWithoutFiguresLeavesPlotlyOut() {
        String page = HtmlReport.html("Only words", List.of(
                new Section("Recommendation", List.of("Keep exp_001."), List.of(), List.of())));
        assertFalse(page.contains("<script"), "no figure, no script");
        assertFalse(page.contains("<nav"), "one section needs no contents list");
        assertTrue(page.length() < 10_000, page.length() + " characters");
    }

    @Test
    void writeMakesTheFolderAndWritesThePage() throws IOException {
        Path file = folder.resolve("reports/report.html");
        List<Section> sections = List.of(new Section("Recommendation", List.of("Keep exp_001."), List.of(),
                List.of()));
        assertEquals(file, HtmlReport.write(file, "Cars", sections));
        assertEquals(HtmlReport.html("Cars", sections), Files.readString(file));
    }

    @Test
    void badInputIsRefusedWithOneSentence() {
        List<Section> one = List.of(new Section("S", List.of("p"), List.of(), List.of()));
        assertEquals("The report file " + folder.resolve("report.txt") + " does not end in .html; name it such as "
                + "report.html so that a browser opens it.", assertThrows(IllegalArgumentException.class,
                () -> HtmlReport.write(folder.resolve("report.txt"), "T", one)).getMessage());
        assertEquals("The report needs a title; pass one such as \"Cars: what predicts mpg\".",
                assertThrows(IllegalArgumentException.class, () -> HtmlReport.html(" ", one)).getMessage());
        assertEquals("The report \"T\" needs at least one section and no null ones; pass the sections that have "
                + "something to show.", assertThrows(IllegalArgumentException.class,
                () -> HtmlReport.html("T", List.of())).getMessage());
        assertEquals("The report section \"Pareto front\" has no paragraphs, tables or figures; leave the section "
                + "out when there is nothing to show in it.", assertThrows(IllegalArgumentException.class,
                () -> new Section("Pareto front", List.of(), List.of(), List.of())).getMessage());
        assertEquals("The report section \"Leaderboard\" has a blank paragraph; leave it out or write the text.",
                assertThrows(IllegalArgumentException.class,
                        () -> new Section("Leaderboard", List.of(" "), List.of(), List.of())).getMessage());
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }
}
