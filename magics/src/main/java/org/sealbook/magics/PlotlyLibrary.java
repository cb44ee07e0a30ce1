package org.sealbook.magics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * plotly.js from the webjar on the class path, read once and kept, so figures draw with no internet.
 */
final class PlotlyLibrary {
    static final String VERSION = "3.3.1";
    static final String RESOURCE = "META-INF/resources/webjars/plotly.js-dist/" + VERSION + "/plotly.js";

    private static volatile String script;

    private PlotlyLibrary() {
    }

    /** The library's source, safe to place inside a {@code <script>} element. */
    static String script() {
        String s = script;
        if (s == null) {
            synchronized (PlotlyLibrary.class) {
                s = script;
                if (s == null) {
                    s = scriptSafe(read());
                    script = s;
                }
            }
        }
        return s;
    }

    private static String read() {
        ClassLoader loader = PlotlyLibrary.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("plotly.js was not found on the class path at " + RESOURCE
                        + "; reinstall Sealbook so that the plotly.js-dist " + VERSION + " webjar is in its lib folder.");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read plotly.js from " + RESOURCE
                    + "; reinstall Sealbook so that its webjar is intact.", e);
        }
    }

    /** A literal "</script" inside the code would end the element early; "<\/" means the same in JavaScript strings. */
    static String scriptSafe(String code) {
        return code.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT");
    }
}
