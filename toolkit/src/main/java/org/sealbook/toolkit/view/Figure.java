package org.sealbook.toolkit.view;

import com.google.gson.JsonObject;
import java.util.Locale;

/**
 * One figure in two forms: a Plotly JSON spec for viewers that run JavaScript and a PNG for those
 * that do not, with alt text for readers who cannot see either.
 */
public record Figure(String title, JsonObject plotly, byte[] png, String altText) {
    public Figure {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("A figure needs a title; pass a short one such as "
                    + "\"Missing values per column\".");
        }
        if (plotly == null) {
            throw new IllegalArgumentException("The figure \"" + title + "\" has no Plotly spec; pass "
                    + "a JsonObject with its data and layout.");
        }
        if (png == null || png.length == 0) {
            throw new IllegalArgumentException("The figure \"" + title + "\" has no static image; pass "
                    + "its PNG bytes so that viewers without JavaScript can show it.");
        }
        if (altText == null || altText.isBlank()) {
            throw new IllegalArgumentException("The figure \"" + title + "\" has no alt text; pass a "
                    + "sentence that says what it shows.");
        }
        plotly = plotly.deepCopy();
        png = png.clone();
    }

    @Override
    public JsonObject plotly() {
        return plotly.deepCopy();
    }

    @Override
    public byte[] png() {
        return png.clone();
    }

    /** A file-name stem made from the title: lower case, letters and digits joined by dashes. */
    public String fileStem() {
        String stem = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-+|-+$)", "");
        return stem.isEmpty() ? "figure" : stem;
    }
}
