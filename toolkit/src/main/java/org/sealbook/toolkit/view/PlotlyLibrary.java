package org.sealbook.toolkit.view;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * plotly.js, read once from the class path and kept, so figures draw with no internet: in a notebook (the magics'
 * NotebookView) and in the self-contained HTML report. It is the minified cartesian bundle (about 1.5 MB: scatter,
 * bar, box, heatmap, histogram), which the toolkit's build fetches at the root pom's pinned version and SHA-256 and
 * puts in {@code plotly/} beside this class with its MIT license; nothing is fetched at run time.
 * Usage: {@code html.append("<script>").append(PlotlyLibrary.script()).append("</script>");}
 */
public final class PlotlyLibrary {
    private static final String FOLDER = "plotly/";
    private static final String CODE = "plotly-cartesian.min.js";
    private static final String LICENSE = "LICENSE";
    private static final String VERSION = "version";

    private static final Pattern CLOSING_SCRIPT = Pattern.compile("</(script)", Pattern.CASE_INSENSITIVE);

    private static volatile String script;

    private PlotlyLibrary() {
    }

    /**
     * The library's source, led by its MIT license in a comment (the license asks that its notice travel with every
     * copy), safe to place inside a {@code <script>} element. Running it sets {@code window.Plotly}.
     */
    public static String script() {
        String s = script;
        if (s == null) {
            synchronized (PlotlyLibrary.class) {
                s = script;
                if (s == null) {
                    String license = text(LICENSE).strip().replace("*/", "* /");
                    s = scriptSafe("/*! plotly.js " + version() + " (cartesian, minified), from the npm package "
                            + "plotly.js-cartesian-dist-min.\n" + license + "\n*/\n" + text(CODE));
                    script = s;
                }
            }
        }
        return s;
    }

    /** The plotly.js version the build put on the class path, such as 4.1.1. */
    public static String version() {
        String version = text(VERSION).strip();
        if (version.isEmpty()) {
            throw new IllegalStateException("The resource " + where(VERSION) + " names no plotly.js version; rebuild "
                    + "the toolkit (mvn -pl toolkit package) so that its plotly.js step writes it.");
        }
        return version;
    }

    private static String where(String name) {
        return PlotlyLibrary.class.getPackageName().replace('.', '/') + "/" + FOLDER + name;
    }

    private static String text(String name) {
        try (InputStream in = PlotlyLibrary.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("plotly.js's " + name + " was not found on the class path at "
                        + where(name) + "; rebuild the toolkit (mvn -pl toolkit package, which fetches and checks "
                        + "plotly.js) and reinstall Sealbook.");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + where(name) + " (" + e.getMessage() + "); rebuild the "
                    + "toolkit and reinstall Sealbook.", e);
        }
    }

    /** "</script" in any case inside the code would end the element early; "<\/" means the same in JavaScript. */
    private static String scriptSafe(String code) {
        return CLOSING_SCRIPT.matcher(code).replaceAll("<\\\\/$1");
    }
}
