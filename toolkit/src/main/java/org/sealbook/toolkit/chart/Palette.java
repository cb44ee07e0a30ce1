package org.sealbook.toolkit.chart;

import java.awt.Color;

/**
 * Colours every chart shares. Okabe-Ito blue, orange and vermillion for marks and a blue-white-red diverging scale, both readable
 * with the common forms of colour blindness; the same hex values go into the Plotly spec so both forms match.
 */
final class Palette {
    static final Color BACKGROUND = Color.WHITE;
    static final Color INK = new Color(0x22, 0x22, 0x22);
    static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
    static final Color BLUE = new Color(0x00, 0x72, 0xB2);
    static final Color ORANGE = new Color(0xE6, 0x9F, 0x00);
    static final Color VERMILLION = new Color(0xD5, 0x5E, 0x00);

    static final Color NEGATIVE = new Color(0x21, 0x66, 0xAC);
    static final Color ZERO = new Color(0xF7, 0xF7, 0xF7);
    static final Color POSITIVE = new Color(0xB2, 0x18, 0x2B);

    private Palette() {
    }

    /** The diverging colour for a value in -1..1; an undefined value (NaN) is grey. */
    static Color diverging(double r) {
        if (Double.isNaN(r)) {
            return GRID;
        }
        double t = Math.max(-1, Math.min(1, r));
        return t < 0 ? mix(ZERO, NEGATIVE, -t) : mix(ZERO, POSITIVE, t);
    }

    /** One stop of a Plotly colour scale: where it sits (0 to 1) and its colour. */
    static com.google.gson.JsonArray stop(double at, Color colour) {
        com.google.gson.JsonArray s = new com.google.gson.JsonArray();
        s.add(at);
        s.add(hex(colour));
        return s;
    }

    static String hex(Color c) {
        return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    private static Color mix(Color a, Color b, double t) {
        return new Color((int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * t),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
    }
}
