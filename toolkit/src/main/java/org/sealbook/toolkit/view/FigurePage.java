package org.sealbook.toolkit.view;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/** A standalone HTML page for one figure: its Plotly spec, embedded, and the static image beside it. */
final class FigurePage {
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private FigurePage() {
    }

    static String html(Figure figure, String pngName) {
        // "</" inside a script element would end it early; JSON allows the escaped form "<\/".
        String spec = GSON.toJson(figure.plotly()).replace("</", "<\\/");
        String title = Html.escape(figure.title());
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + title
                + "</title>\n</head>\n<body>\n<h1>" + title + "</h1>\n"
                + "<div id=\"figure\"><img src=\"" + Html.escape(pngName) + "\" alt=\"" + Html.escape(figure.altText())
                + "\"></div>\n"
                + "<p>The interactive view needs plotly.js, which this page does not load; the picture above is "
                + "the static image. The figure's Plotly spec is embedded below.</p>\n"
                + "<script type=\"application/json\" id=\"plotly-spec\">" + spec + "</script>\n"
                + "<script>\nif (window.Plotly) {\n  var spec = JSON.parse(document.getElementById('plotly-spec')"
                + ".textContent);\n  Plotly.newPlot('figure', spec.data, spec.layout || {});\n}\n</script>\n"
                + "</body>\n</html>\n";
    }
}
