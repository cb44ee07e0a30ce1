package org.sealbook.toolkit.report;

import java.util.List;
import java.util.Objects;
import org.sealbook.toolkit.view.Figure;
import tech.tablesaw.api.Table;

/**
 * One part of the HTML report: a heading, then its paragraphs, tables and figures in that order. A section exists
 * only when it has something to show, so the report has no empty headings.
 * Usage: {@code new Section("Leaderboard", List.of("exp_002 wins."), List.of(leaderboard), List.of())}.
 *
 * @param heading    what the section is about, such as "Leaderboard"
 * @param paragraphs plain text, one entry per paragraph (escaped, never read as HTML)
 * @param tables     tables shown with their name as caption
 * @param figures    figures drawn with plotly.js, with their PNG where JavaScript is off
 */
public record Section(String heading, List<String> paragraphs, List<Table> tables, List<Figure> figures) {

    public Section {
        if (heading == null || heading.isBlank()) {
            throw new IllegalArgumentException("A report section needs a heading; pass a short one such as "
                    + "\"Leaderboard\".");
        }
        String who = "The report section \"" + heading.strip() + "\"";
        if (paragraphs == null || tables == null || figures == null) {
            throw new IllegalArgumentException(who + " was given null instead of a list; pass List.of() for the "
                    + "paragraphs, tables or figures it does not have.");
        }
        if (paragraphs.stream().anyMatch(p -> p == null || p.isBlank())) {
            throw new IllegalArgumentException(who + " has a blank paragraph; leave it out or write the text.");
        }
        if (tables.stream().anyMatch(Objects::isNull) || figures.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException(who + " has a null table or figure; leave it out of the list.");
        }
        if (paragraphs.isEmpty() && tables.isEmpty() && figures.isEmpty()) {
            throw new IllegalArgumentException(who + " has no paragraphs, tables or figures; leave the section "
                    + "out when there is nothing to show in it.");
        }
        heading = heading.strip();
        paragraphs = List.copyOf(paragraphs);
        tables = List.copyOf(tables);
        figures = List.copyOf(figures);
    }
}
