package org.sealbook.toolkit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sealbook.toolkit.view.PlotlyLibrary;

/**
 * The report in a real browser with no network: every figure is drawn by the inlined plotly.js, the PNGs step
 * aside, and the console stays silent. The files stay under target/report-browser-check for a person to look at.
 */
class HtmlReportBrowserTest {
    private static final Path OUT = Path.of("target", "report-browser-check");
    private static final Pattern HIDDEN_STILL = Pattern.compile("<img class=\"report-figure-still\"[^>]*\\shidden");

    private static HeadlessChromium chromium;
    private static String html;

    @BeforeAll
    static void needsChromium() throws IOException {
        assumeTrue(HeadlessChromium.installed(), "No Chromium at " + HeadlessChromium.EXECUTABLE + ", so the browser "
                + "check of the HTML report is skipped; install it with apt-get install chromium (bash "
                + "install/setup-machine.sh does) to run it.");
        Files.createDirectories(OUT);
        chromium = new HeadlessChromium(OUT);
        html = HtmlReport.html(CarsReport.TITLE, new CarsReport().sections());
    }

    @Test
    void everyFigureIsDrawnOfflineWithNoConsoleMessages() throws IOException, InterruptedException {
        Path report = Files.writeString(OUT.resolve("cars-report.html"), html);
        HeadlessChromium.Page page = chromium.open(report);

        assertEquals(List.of(), page.console(), "the browser console stays silent");
        List<String> figures = figures(page.dom());
        assertEquals(2, figures.size(), "both figures are in the page");
        for (int i = 0; i < figures.size(); i++) {
            assertTrue(figures.get(i).contains("class=\"main-svg\""), "plotly.js drew figure " + (i + 1));
            assertTrue(HIDDEN_STILL.matcher(figures.get(i)).find(), "figure " + (i + 1) + "'s PNG stepped aside");
        }
        assertTrue(page.dom().contains("<h2>Recommendation</h2>"), "the page rendered to its end");

        Path screenshot = chromium.screenshot(report, OUT.resolve("cars-report.png"), 1200, 2400);
        BufferedImage picture = ImageIO.read(screenshot.toFile());
        assertEquals(1200, picture.getWidth());
        System.out.println("Screenshot of the HTML report: " + screenshot.toAbsolutePath());
    }

    @Test
    void theCheckNoticesAPageWhoseFiguresCannotDraw() throws IOException, InterruptedException {
        // The same report without its plotly.js, as if it had relied on a CDN it cannot reach.
        Path broken = Files.writeString(OUT.resolve("cars-report-without-plotly.html"),
                html.replace(PlotlyLibrary.script(), ""));
        HeadlessChromium.Page page = chromium.open(broken);

        assertTrue(page.console().stream().anyMatch(line -> line.contains("Uncaught ReferenceError: Plotly is not "
                + "defined")), page.console().toString());
        List<String> figures = figures(page.dom());
        assertEquals(2, figures.size());
        for (String figure : figures) {
            assertFalse(figure.contains("main-svg"), "nothing was drawn");
            assertFalse(HIDDEN_STILL.matcher(figure).find(), "so the PNG is still shown");
        }
    }

    /** The DOM of each figure element, from its start to the next figure or the end of the page. */
    private static List<String> figures(String dom) {
        String[] parts = dom.split("<figure class=\"report-figure\"", -1);
        return List.of(parts).subList(1, parts.length).stream()
                .map(part -> part.contains("</figure>") ? part.substring(0, part.indexOf("</figure>")) : part)
                .toList();
    }
}
