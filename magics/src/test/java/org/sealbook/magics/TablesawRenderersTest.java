package org.sealbook.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.kernel.display.MimeBundle;
import org.sealbook.kernel.display.RendererRegistry;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TablesawRenderersTest {
    @TempDir
    static Path work;
    private static Table iris;

    @BeforeAll
    static void readIris() throws Exception {
        // A copy, so a test can never change the shared data set.
        Path csv = Files.copy(Path.of(System.getProperty("sealbook.shared.data"), "iris.csv"), work.resolve("iris.csv"));
        iris = Table.read().csv(csv.toFile());
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    @Test
    void theRegistryFindsTheTableRendererThroughServiceLoader() {
        MimeBundle bundle = RendererRegistry.withDefaults().render(iris);
        assertTrue(bundle.has("text/html") && bundle.has("text/plain"), bundle.data().keySet().toString());
    }

    @Test
    void htmlHasTheNameAsCaptionAndEveryColumnHeader() {
        String html = TablesawRenderers.html(iris);
        assertTrue(html.contains("<caption>iris.csv</caption>"), html);
        assertTrue(html.contains("<thead><tr><th>sepal length (cm)</th><th>sepal width (cm)</th><th>petal length (cm)</th>"
                + "<th>petal width (cm)</th><th>species</th></tr></thead>"), html);
    }

    @Test
    void htmlShowsTheFirstAndLastTenRowsOfALongTable() {
        String html = TablesawRenderers.html(iris);
        assertEquals(150, iris.rowCount());
        // 20 data rows plus the row saying how many are hidden
        assertEquals(21, count(html, "<tr><td"));
        assertTrue(html.contains("<td colspan=\"5\" style=\"text-align:center\">… 130 more rows</td>"), html);
        assertTrue(html.indexOf("<td>setosa</td>") < html.indexOf("… 130 more rows"), "head before the gap");
        assertTrue(html.lastIndexOf("<td>virginica</td>") > html.indexOf("… 130 more rows"), "tail after the gap");
        assertFalse(html.contains("versicolor"), "the middle rows are left out");
    }

    @Test
    void aShortTableIsShownWhole() {
        Table few = iris.first(20);
        String html = TablesawRenderers.html(few);
        assertEquals(20, count(html, "<tr><td>"));
        assertFalse(html.contains("more rows"), html);
        assertFalse(TablesawRenderers.text(few).contains("more rows"));
    }

    @Test
    void htmlEscapesNamesHeadersAndCells() {
        Table t = Table.create("<b>&'sales'",
                StringColumn.create("\"region\"", "<script>alert(1)</script>", "A & B"),
                DoubleColumn.create("a<b", 1.5, 2.0));
        String html = TablesawRenderers.html(t);
        assertTrue(html.contains("<caption>&lt;b&gt;&amp;&#39;sales&#39;</caption>"), html);
        assertTrue(html.contains("<th>&quot;region&quot;</th><th>a&lt;b</th>"), html);
        assertTrue(html.contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"), html);
        assertTrue(html.contains("<td>A &amp; B</td>"), html);
        assertFalse(html.contains("<script>"), html);
    }

    @Test
    void textIsTablesawsLayoutCappedWithACount() {
        String text = TablesawRenderers.text(iris);
        assertTrue(text.lines().findFirst().orElse("").strip().equals("iris.csv"), text);
        assertTrue(text.contains("species"), text);
        assertTrue(text.endsWith("… 130 more rows (150 in all)"), text);
        // title, header, rule, 10 rows, "...", 10 rows, the count
        assertEquals(25, text.lines().count(), text);
    }
}
