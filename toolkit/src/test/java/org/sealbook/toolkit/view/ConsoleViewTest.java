package org.sealbook.toolkit.view;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealbook.toolkit.pipeline.StageOutcome;
import org.sealbook.toolkit.pipeline.Status;
import tech.tablesaw.api.Table;
import org.sealbook.toolkit.SharedData;

class ConsoleViewTest {
    @TempDir
    Path temp;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private Table cars() throws Exception {
        Path copy = temp.resolve("cars.csv");
        Files.copy(SharedData.file("cars.csv"), copy);
        return Table.read().csv(copy.toFile());
    }

    @Test
    void explainPrintsTheHeadingAndWrapsTheTextAtOneHundred() {
        ConsoleView view = new ConsoleView(out, temp.resolve("figures"));
        String text = "The data has 398 rows. " + "Each row is one car and each column is one thing measured about it. ".repeat(4)
                + "\nA second line stays a line of its own.";
        view.explain("What the data looks like", text);
        List<String> lines = printed().lines().toList();
        assertEquals(List.of("", "What the data looks like", "========================"), lines.subList(0, 3));
        assertTrue(lines.stream().allMatch(l -> l.length() <= ConsoleView.WIDTH), printed());
        assertTrue(lines.size() > 5, "the long paragraph was wrapped: " + printed());
        assertEquals("A second line stays a line of its own.", lines.get(lines.size() - 1));
        assertEquals(String.join(" ", text.replace("\n", " ").split("\\s+")),
                String.join(" ", lines.subList(3, lines.size())), "wrapping kept every word in order");
    }

    @Test
    void aTableShowsTwentyAlignedRowsAndSaysHowManyMore() throws Exception {
        Table cars = cars().selectColumns("Name", "Miles_per_Gallon", "Horsepower");
        new ConsoleView(out, temp.resolve("figures")).table("The first cars", cars);
        List<String> lines = printed().lines().toList();
        assertEquals("The first cars", lines.get(1));
        String header = lines.get(3);
        assertTrue(header.startsWith("Name ") && header.contains("Miles_per_Gallon  Horsepower"), header);
        List<String> rows = lines.subList(5, 5 + 20);
        int mpgEnd = header.indexOf("Miles_per_Gallon") + "Miles_per_Gallon".length();
        for (String row : rows) {
            assertTrue(Character.isDigit(row.charAt(mpgEnd - 1)) || row.startsWith("missing", mpgEnd - 7),
                    "numbers are right-aligned under their header: " + row);
        }
        assertTrue(rows.get(0).startsWith("chevrolet chevelle malibu "), rows.get(0));
        int more = cars.rowCount() - 20;
        assertEquals("… " + more + " more rows not shown (" + cars.rowCount() + " in all).", lines.get(25));
        assertEquals(26, lines.size());
    }

    @Test
    void aMissingValueIsShownAsTheWordMissing() throws Exception {
        Table cars = cars();
        Table withMissing = cars.where(cars.doubleColumn("Miles_per_Gallon").isMissing());
        assertTrue(withMissing.rowCount() > 0, "cars.csv has cars with no mileage");
        new ConsoleView(out, temp).table("No mileage", withMissing.selectColumns("Name", "Miles_per_Gallon"));
        assertTrue(printed().lines().skip(5).allMatch(l -> l.endsWith("missing")), printed());
    }

    @Test
    void aFigureIsWrittenAsHtmlAndPngAndItsPathsArePrinted() throws Exception {
        Path folder = temp.resolve("figures");
        byte[] png = png();
        JsonObject spec = new JsonObject();
        JsonArray data = new JsonArray();
        JsonObject bar = new JsonObject();
        bar.addProperty("type", "bar");
        bar.addProperty("name", "</script><b>");
        data.add(bar);
        spec.add("data", data);
        new ConsoleView(out, folder).figure(new Figure("Missing values per column", spec, png,
                "A bar for each column showing how many values are missing."));

        Path html = folder.resolve("missing-values-per-column.html");
        Path image = folder.resolve("missing-values-per-column.png");
        assertTrue(printed().contains("interactive: " + html.toAbsolutePath()), printed());
        assertTrue(printed().contains("image:       " + image.toAbsolutePath()), printed());
        assertArrayEquals(png, Files.readAllBytes(image));
        assertEquals(8, ImageIO.read(image.toFile()).getWidth());

        String page = Files.readString(html);
        assertTrue(page.contains("needs plotly.js"), page);
        assertTrue(page.contains("src=\"missing-values-per-column.png\""), page);
        String embedded = page.substring(page.indexOf("id=\"plotly-spec\">") + 17, page.indexOf("</script>"));
        assertEquals(spec, JsonParser.parseString(embedded), "the spec survives embedding, '</' included");
        try (var listing = Files.list(folder)) {
            assertEquals(2, listing.count(), "no temporary files are left behind");
        }
    }

    @Test
    void aFigureWithoutAStaticImageIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Figure("Target", new JsonObject(), new byte[0], "The target's spread."));
        assertEquals("The figure \"Target\" has no static image; pass its PNG bytes so that viewers without "
                + "JavaScript can show it.", e.getMessage());
    }

    @Test
    void theStatusIsPrintedWithItsSentence() {
        new ConsoleView(out, temp).status(new StageOutcome(Status.DONE_WITH_CONCERNS,
                "The data check found 6 rows with no mileage; they will be dropped."));
        assertTrue(printed().endsWith(System.lineSeparator()
                + "DONE_WITH_CONCERNS: The data check found 6 rows with no mileage; they will be dropped."
                + System.lineSeparator()), printed());
    }

    @Test
    void theProgressBarRedrawsAtMostAboutTenTimesASecondAndEndsComplete() {
        ConsoleView view = new ConsoleView(out, temp);
        long start = System.nanoTime();
        try (Progress progress = view.progress("Checking rows", 100_000)) {
            for (long done = 1; done <= 100_000; done++) {
                progress.update(done, "row " + done);
            }
        }
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        String text = printed();
        long redraws = text.chars().filter(c -> c == '\r').count();
        // One draw at the start, one per 100 ms, the final one, and the one on close.
        assertTrue(redraws <= 3 + elapsedMs / 100, redraws + " redraws in " + elapsedMs + " ms");
        String last = text.substring(text.lastIndexOf('\r') + 1);
        assertEquals("Checking rows [" + "#".repeat(30) + "] 100% 100000/100000  row 100000\n", last);
    }

    @Test
    void aShorterRedrawCoversTheLongerLineBeforeIt() throws Exception {
        ConsoleView view = new ConsoleView(out, temp);
        Progress progress = view.progress("Loading", 0);
        progress.update(5, "a long detail about the current file");
        Thread.sleep(ThrottledProgress.MIN_REDRAW_NANOS / 1_000_000 + 20);
        progress.update(6, "short");
        progress.close();
        progress.update(7, "ignored after close");
        String[] draws = printed().split("\r");
        assertEquals(4, draws.length, printed());
        assertTrue(draws[2].startsWith("Loading 6 done  short "), draws[2]);
        assertEquals(draws[1].length(), draws[2].length(), "the shorter line is padded over the longer one");
        assertEquals("Loading 6 done  short\n", draws[3].stripTrailing() + "\n");
    }

    private static byte[] png() throws Exception {
        BufferedImage image = new BufferedImage(8, 4, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return png.toByteArray();
    }
}
