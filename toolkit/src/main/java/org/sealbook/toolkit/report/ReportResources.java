package org.sealbook.toolkit.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The text files kept beside this package's classes: the schema, the report's style sheet and script. */
final class ReportResources {
    private ReportResources() {
    }

    /** A missing resource is a broken build, not bad input, so it says to rebuild. */
    static String text(String name) {
        try (InputStream in = ReportResources.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("The resource " + name + " is not on the class path next to "
                        + ReportResources.class.getPackageName() + "; rebuild the toolkit so its resources are "
                        + "packaged.");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the resource " + name + " (" + e.getMessage()
                    + "); rebuild the toolkit.", e);
        }
    }
}
