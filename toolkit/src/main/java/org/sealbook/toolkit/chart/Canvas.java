package org.sealbook.toolkit.chart;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.DoubleFunction;
import javax.imageio.ImageIO;

/**
 * A headless Java2D drawing surface for one static chart: title, a plot area, value axes and category labels,
 * then PNG bytes. Charts draw their marks inside {@link #plot()}.
 */
final class Canvas {
    static final int WIDTH = 720;
    static final int HEIGHT = 400;
    private static final int LEFT = 70;
    private static final int RIGHT = 24;
    private static final int TOP = 44;
    private static final int BOTTOM = 90;

    static {
        // charts are drawn in servers and CI with no display attached; a caller's own choice wins
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private final BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    final Graphics2D g = image.createGraphics();
    private Rectangle plot = new Rectangle(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);

    Canvas(String title) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Palette.BACKGROUND);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Palette.INK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        FontMetrics fm = g.getFontMetrics();
        String shown = fit(title, WIDTH - 20);
        g.drawString(shown, (WIDTH - fm.stringWidth(shown)) / 2, 26);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    }

    /** The rectangle the marks go in. */
    Rectangle plot() {
        return plot;
    }

    /** Replaces the plot area, for charts (the heatmap) that lay themselves out. */
    void plot(Rectangle area) {
        plot = area;
    }

    /** Draws a vertical value axis for [axis.min, axis.max] with grid lines and a rotated axis label. */
    void valueAxis(Axis axis, String label) {
        valueAxis(axis, label, axis::format);
    }

    /** The same vertical axis with tick labels of the chart's choosing (e.g. powers of ten on a log axis). */
    void valueAxis(Axis axis, String label, DoubleFunction<String> tickText) {
        FontMetrics fm = g.getFontMetrics();
        for (double tick : axis.ticks()) {
            int y = y(axis, tick);
            g.setColor(Palette.GRID);
            g.setStroke(new BasicStroke(1f));
            g.drawLine(plot.x, y, plot.x + plot.width, y);
            g.setColor(Palette.INK);
            String text = tickText.apply(tick);
            g.drawString(text, plot.x - 6 - fm.stringWidth(text), y + fm.getAscent() / 2 - 1);
        }
        g.drawLine(plot.x, plot.y, plot.x, plot.y + plot.height);
        g.drawLine(plot.x, plot.y + plot.height, plot.x + plot.width, plot.y + plot.height);
        rotated(label, 16, plot.y + plot.height / 2);
    }

    /** The pixel row of a value on a vertical axis. */
    int y(Axis axis, double value) {
        return plot.y + plot.height - (int) Math.round(axis.fraction(value) * plot.height);
    }

    /**
     * Draws a horizontal value axis under the plot: vertical grid lines, tick labels and a centred title. Drawn
     * after {@link #valueAxis} when both are numeric, for scatter and line charts.
     */
    void valueAxisBelow(Axis axis, String label) {
        valueAxisBelow(axis, label, axis::format);
    }

    /** A horizontal value axis whose tick labels {@code tickText} writes (powers of ten on a log axis). */
    void valueAxisBelow(Axis axis, String label, DoubleFunction<String> tickText) {
        FontMetrics fm = g.getFontMetrics();
        g.setStroke(new BasicStroke(1f));
        for (double tick : axis.ticks()) {
            int x = x(axis, tick);
            g.setColor(Palette.GRID);
            g.drawLine(x, plot.y, x, plot.y + plot.height);
            g.setColor(Palette.INK);
            g.drawLine(x, plot.y + plot.height, x, plot.y + plot.height + 4);
            centred(tickText.apply(tick), x, plot.y + plot.height + 6 + fm.getAscent());
        }
        g.drawLine(plot.x, plot.y, plot.x, plot.y + plot.height);
        g.drawLine(plot.x, plot.y + plot.height, plot.x + plot.width, plot.y + plot.height);
        centred(label, plot.x + plot.width / 2, plot.y + plot.height + 40);
    }

    /** The pixel column of a value on a horizontal axis. */
    int x(Axis axis, double value) {
        return plot.x + (int) Math.round(axis.fraction(value) * plot.width);
    }

    /** Writes a label under the plot centred at x, slanted when the category slots are narrow. */
    void categoryLabel(String text, int x, int slotWidth) {
        FontMetrics fm = g.getFontMetrics();
        g.setColor(Palette.INK);
        if (fm.stringWidth(text) <= slotWidth - 4) {
            g.drawString(text, x - fm.stringWidth(text) / 2, plot.y + plot.height + fm.getAscent() + 4);
            return;
        }
        // slanted at 45 degrees, a label of this length still ends above the bottom edge
        String shown = fit(text, (int) ((BOTTOM - 16) * 1.4));
        AffineTransform saved = g.getTransform();
        g.translate(x + fm.getAscent() / 2.0, plot.y + plot.height + 6);
        g.rotate(Math.toRadians(-45));
        g.drawString(shown, -fm.stringWidth(shown), 0);
        g.setTransform(saved);
    }

    /** Text centred horizontally at x below the plot, e.g. an axis title. */
    void centred(String text, int x, int y) {
        FontMetrics fm = g.getFontMetrics();
        g.setColor(Palette.INK);
        g.drawString(text, x - fm.stringWidth(text) / 2, y);
    }

    void rotated(String text, int x, int centreY) {
        FontMetrics fm = g.getFontMetrics();
        AffineTransform saved = g.getTransform();
        g.setColor(Palette.INK);
        g.translate(x, centreY);
        g.rotate(-Math.PI / 2);
        g.drawString(text, -fm.stringWidth(text) / 2, 0);
        g.setTransform(saved);
    }

    /** Shortens text with an ellipsis so it fits in the given width at the current font. */
    String fit(String text, int width) {
        FontMetrics fm = g.getFontMetrics();
        if (fm.stringWidth(text) <= width) {
            return text;
        }
        String cut = text;
        while (!cut.isEmpty() && fm.stringWidth(cut + "…") > width) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "…";
    }

    byte[] png() {
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("This Java runtime has no PNG writer; use a JDK with the "
                        + "java.desktop module to draw static figures.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not encode the chart as PNG in memory; " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
