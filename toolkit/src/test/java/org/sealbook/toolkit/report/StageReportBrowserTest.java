package org.sealbook.toolkit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.toolkit.Sessions;
import org.sealbook.toolkit.SharedData;
import org.sealbook.toolkit.stage.ReportStage;
import org.sealbook.toolkit.workspace.Workspace;

/** The report.html that %report writes for a real trained batch, opened in headless Chromium with no internet. */
class StageReportBrowserTest {
    private static final Path OUT = Path.of("target", "report-browser-check");

    @TempDir
    Path temp;

    @Test
    void theReportOfARealBatchRendersEveryFigureOfflineWithASilentConsole() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "No Chromium at " + HeadlessChromium.EXECUTABLE + ", so the browser "
                + "check of the HTML report is skipped; bash install/setup-machine.sh installs it.");
        Sessions session = Sessions.in(temp);
        Files.copy(SharedData.file("wine.csv"), temp.resolve("wine.csv"));
        session.run("data_check", "wine.csv", "--target", "cultivar");
        session.run("hypothesize");
        session.run("design_experiments", "--drop", "exp_003,exp_005,exp_006");
        Workspace workspace = session.workspace();
        session.run("train", "--wait");
        session.run("report");

        Files.createDirectories(OUT);
        Path report = Files.copy(workspace.folder().resolve(ReportStage.REPORT_FILE), OUT.resolve("wine-report.html"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        HeadlessChromium chromium = new HeadlessChromium(OUT);
        HeadlessChromium.Page page = chromium.open(report);

        assertEquals(List.of(), page.console(), "the browser console stays silent");
        String[] figures = page.dom().split("<figure class=\"report-figure\"", -1);
        assertTrue(figures.length - 1 >= 3, "learning curves, the winner's mistakes and its columns at least");
        for (int i = 1; i < figures.length; i++) {
            assertTrue(figures[i].contains("class=\"main-svg\""), "plotly.js drew figure " + i);
        }
        assertTrue(page.dom().contains("<h2>Recommendation</h2>"), "the page rendered to its end");
        Path screenshot = chromium.screenshot(report, OUT.resolve("wine-report.png"), 1200, 4000);
        System.out.println("Screenshot of the report: " + screenshot.toAbsolutePath());
    }
}
