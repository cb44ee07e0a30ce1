package org.sealbook.toolkit.view;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * plotly.js from the webjar on the class path, read once and kept, so figures draw with no internet: in a notebook
 * (the magics' NotebookView) and in the self-contained HTML report.
 * Usage: {@code html.append("<script>").append(PlotlyLibrary.script()).append("</script>");}
 */
public final class PlotlyLibrary {
    // The webjar names its own version, so the root pom's plotlyjs.version is the only place it is written.
    private static final String WEBJAR_PROPERTIES = "META-INF/maven/org.webjars.npm/plotly.js-dist/pom.properties";

    private static final Pattern CLOSING_SCRIPT = Pattern.compile("</(script)", Pattern.CASE_INSENSITIVE);

    private static volatile String script;

    private PlotlyLibrary() {
    }

    /** The library's source, safe to place inside a {@code <script>} element. */
    public static String script() {
        String s = script;
        if (s == null) {
            synchronized (PlotlyLibrary.class) {
                s = script;
                if (s == null) {
                    s = scriptSafe(new String(read(resource()), StandardCharsets.UTF_8));
                    script = s;
                }
            }
        }
        return s;
    }

    /** The plotly.js version the webjar on the class path carries, such as 3.3.1. */
    public static String version() {
        Properties properties = new Properties();
        try (InputStream in = new ByteArrayInputStream(read(WEBJAR_PROPERTIES))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + WEBJAR_PROPERTIES + "; reinstall Sealbook so that "
                    + "its plotly.js-dist webjar is intact.", e);
        }
        String version = properties.getProperty("version");
        if (version == null || version.isBlank()) {
            throw new IllegalStateException(WEBJAR_PROPERTIES + " names no version; reinstall Sealbook so that its "
                    + "plotly.js-dist webjar is intact.");
        }
        return version.strip();
    }

    private static String resource() {
        return "META-INF/resources/webjars/plotly.js-dist/" + version() + "/plotly.js";
    }

    private static byte[] read(String resource) {
        ClassLoader loader = PlotlyLibrary.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("plotly.js was not found on the class path at " + resource
                        + "; reinstall Sealbook so that the plotly.js-dist webjar is in its lib folder.");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + resource + " from the plotly.js-dist webjar; "
                    + "reinstall Sealbook so that the webjar is intact.", e);
        }
    }

    /** "</script" in any case inside the code would end the element early; "<\/" means the same in JavaScript. */
    private static String scriptSafe(String code) {
        return CLOSING_SCRIPT.matcher(code).replaceAll("<\\\\/$1");
    }
}
