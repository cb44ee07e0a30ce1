package org.sealbook.toolkit.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Rectangle;
import java.awt.Stroke;
import java.util.List;

/**
 * A legend in a column on the right of a static chart: a sample of each mark and its name. It narrows the plot
 * area, so a chart draws it before its axes.
 */
final class Legend {
    /** How an entry's sample is drawn. */
    enum Mark { LINE, DASHED, DOT, FADED_DOT, DOT_AND_LINE }

    record Entry(String name, Color colour, Mark mark) {
    }

    private static final int MAX_WIDTH = 170;
    private static final int SAMPLE = 22;
    private static final int ROW = 15;
    static final float[] DASH = {6f, 4f};
    /** Other points behind a highlighted set: light enough to read as background. */
    static final Color FADED = new Color(0xAA, 0xAA, 0xAA);

    private Legend() {
    }

    static Stroke line(boolean dashed) {
        return dashed
                ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, DASH, 0f)
                : new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    /** Narrows the plot to leave a column for the entries and draws them there, top down. */
    static void draw(Canvas c, List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        FontMetrics fm = c.g.getFontMetrics();
        int textWidth = 0;
        for (Entry e : entries) {
            textWidth = Math.max(textWidth, fm.stringWidth(e.name()));
        }
        int width = Math.min(MAX_WIDTH, SAMPLE + 12 + textWidth);
        Rectangle plot = c.plot();
        c.plot(new Rectangle(plot.x, plot.y, plot.width - width - 12, plot.height));
        int left = plot.x + plot.width - width;
        int rows = plot.height / ROW;
        // entries beyond the column's height are counted in a last line rather than cut off silently
        int shown = entries.size() <= rows ? entries.size() : rows - 1;
        for (int i = 0; i < shown; i++) {
            Entry e = entries.get(i);
            int middle = plot.y + i * ROW + ROW / 2;
            sample(c, e, left, middle);
            c.g.setColor(Palette.INK);
            c.g.drawString(c.fit(e.name(), width - SAMPLE - 6), left + SAMPLE + 6, middle + fm.getAscent() / 2 - 1);
        }
        if (shown < entries.size()) {
            c.g.setColor(Palette.INK);
            c.g.drawString("… and " + (entries.size() - shown) + " more", left,
                    plot.y + shown * ROW + ROW / 2 + fm.getAscent() / 2 - 1);
        }
    }

    private static void sample(Canvas c, Entry e, int left, int middle) {
        c.g.setColor(e.mark() == Mark.FADED_DOT ? FADED : e.colour());
        switch (e.mark()) {
            case LINE, DASHED -> {
                c.g.setStroke(line(e.mark() == Mark.DASHED));
                c.g.drawLine(left, middle, left + SAMPLE, middle);
            }
            case DOT, FADED_DOT -> c.g.fillOval(left + SAMPLE / 2 - 4, middle - 4, 8, 8);
            case DOT_AND_LINE -> {
                c.g.setStroke(line(false));
                c.g.drawLine(left, middle, left + SAMPLE, middle);
                c.g.fillOval(left + SAMPLE / 2 - 4, middle - 4, 8, 8);
            }
        }
        c.g.setStroke(new BasicStroke(1f));
    }
}
