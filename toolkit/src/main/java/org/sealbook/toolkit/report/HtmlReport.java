package org.sealbook.toolkit.report;

import com.google.gson.Gson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.sealbook.toolkit.view.Figure;
import org.sealbook.toolkit.view.Html;
import org.sealbook.toolkit.view.PlotlyLibrary;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * One self-contained HTML file: the style sheet, plotly.js, every figure's spec and its PNG are inside it, so it
 * opens from a disk or an e-mail with no internet. Where JavaScript is off, each figure shows as its PNG.
 * Usage: {@code HtmlReport.write(workspace.folder().resolve("report.html"), "Cars: what predicts mpg", sections)}.
 */
public final class HtmlReport {
    /** Longer tables show their first rows and say how many there are; a report is read, not searched. */
    static final int MAX_TABLE_ROWS = 100;

    // Gson by default writes <, >, & and = as JSON escape sequences, so a spec cannot end its script element.
    private static final Gson SAFE_JSON = new Gson();

    private HtmlReport() {
    }

    /** Writes the report to {@code file} (an .html name; folders are made) and returns the file. */
    public static Path write(Path file, String title, List<Section> sections) {
        Path name = file == null ? null : file.getFileName();
        if (name == null || !name.toString().toLowerCase(Locale.ROOT).endsWith(".html")) {
            throw new IllegalArgumentException("The report file " + file + " does not end in .html; name it such as "
                    + "report.html so that a browser opens it.");
        }
        String html = html(title, sections);
        try {
            Path folder = file.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            Files.writeString(file, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the report " + file + " (" + e.getMessage()
                    + "); make its folder writable and make the report again.", e);
        }
        return file;
    }

    /** The whole page as text. */
    public static String html(String title, List<Section> sections) {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("The report needs a title; pass one such as \"Cars: what predicts "
                    + "mpg\".");
        }
        if (sections == null || sections.isEmpty() || sections.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("The report \"" + title.strip() + "\" needs at least one section and "
                    + "no null ones; pass the sections that have something to show.");
        }
        StringBuilder page = new StringBuilder(1 << 16);
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Html.escape(title.strip())).append("</title>\n")
                .append("<style>\n").append(ReportResources.text("report.css")).append("</style>\n")
                .append("</head>\n<body>\n<main>\n<h1>").append(Html.escape(title.strip())).append("</h1>\n");
        if (sections.size() > 1) {
            page.append("<nav aria-label=\"Contents\">\n<ol>\n");
            for (int i = 0; i < sections.size(); i++) {
                page.append("<li><a href=\"#section-").append(i + 1).append("\">")
                        .append(Html.escape(sections.get(i).heading())).append("</a></li>\n");
            }
            page.append("</ol>\n</nav>\n");
        }
        int figures = 0;
        for (int i = 0; i < sections.size(); i++) {
            figures = section(page, sections.get(i), i + 1, figures);
        }
        page.append("<footer><p>Made by Sealbook. This file holds everything it shows and needs no internet; "
                + "without JavaScript each figure shows as a picture.</p></footer>\n</main>\n");
        if (figures > 0) {
            // Only a page with figures carries plotly.js (its minified cartesian bundle, about 1.5 MB), once.
            page.append("<script>\n").append(PlotlyLibrary.script()).append("\n</script>\n")
                    .append("<script>\n").append(ReportResources.text("report.js")).append("</script>\n");
        }
        return page.append("</body>\n</html>\n").toString();
    }

    /** Appends one section and returns how many figures the page has after it. */
    private static int section(StringBuilder page, Section section, int number, int figuresBefore) {
        page.append("<section id=\"section-").append(number).append("\">\n<h2>").append(Html.escape(section.heading()))
                .append("</h2>\n");
        for (String paragraph : section.paragraphs()) {
            page.append("<p>").append(Html.escape(paragraph.strip())).append("</p>\n");
        }
        for (Table table : section.tables()) {
            table(page, table);
        }
        int figures = figuresBefore;
        for (Figure figure : section.figures()) {
            figures++;
            figure(page, figure, figures);
        }
        page.append("</section>\n");
        return figures;
    }

    private static void table(StringBuilder page, Table table) {
        page.append("<table>\n");
        if (table.name() != null && !table.name().isBlank()) {
            page.append("<caption>").append(Html.escape(table.name())).append("</caption>\n");
        }
        page.append("<thead><tr>");
        for (String name : table.columnNames()) {
            page.append("<th scope=\"col\">").append(Html.escape(name)).append("</th>");
        }
        page.append("</tr></thead>\n<tbody>\n");
        int shown = Math.min(table.rowCount(), MAX_TABLE_ROWS);
        for (int row = 0; row < shown; row++) {
            page.append("<tr>");
            for (Column<?> column : table.columns()) {
                if (column.isMissing(row)) {
                    page.append("<td class=\"missing\" title=\"missing\">&mdash;</td>");
                } else {
                    page.append(column instanceof NumericColumn<?> ? "<td class=\"number\">" : "<td>")
                            .append(Html.escape(column.getString(row))).append("</td>");
                }
            }
            page.append("</tr>\n");
        }
        page.append("</tbody>\n</table>\n");
        if (shown < table.rowCount()) {
            page.append("<p class=\"table-note\">Showing the first ").append(shown).append(" of ")
                    .append(table.rowCount()).append(" rows.</p>\n");
        }
    }

    private static void figure(StringBuilder page, Figure figure, int number) {
        String alt = Html.escape(figure.altText());
        page.append("<figure class=\"report-figure\" id=\"figure-").append(number).append("\">\n")
                .append("<img class=\"report-figure-still\" alt=\"").append(alt)
                .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(figure.png()))
                .append("\">\n")
                .append("<div class=\"report-figure-live\" role=\"img\" aria-label=\"").append(alt).append("\"></div>\n")
                .append("<figcaption>").append(Html.escape(figure.title())).append(": ").append(Html.escape(figure.altText()))
                .append("</figcaption>\n")
                .append("<script type=\"application/json\" class=\"report-figure-spec\">")
                .append(SAFE_JSON.toJson(figure.plotly())).append("</script>\n")
                .append("</figure>\n");
    }

    /** Text as HTML shows it, safe in element content and in quoted attributes. */}
