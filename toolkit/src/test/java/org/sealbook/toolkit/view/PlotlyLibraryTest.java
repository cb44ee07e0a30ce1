package org.sealbook.toolkit.view;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class PlotlyLibraryTest {

    @Test
    void theVersionIsTheOneTheRootPomPins() throws Exception {
        // The module's tests run in toolkit/, so the root pom is one folder up.
        String pom = Files.readString(Path.of("..", "pom.xml"));
        assertTrue(pom.contains("<plotlyjs.version>" + PlotlyLibrary.version() + "</plotlyjs.version>"),
                "the webjar on the class path is " + PlotlyLibrary.version());
    }

    @Test
    void theLibraryIsReadOnceFromTheWebjarAndCannotEndItsScriptElement() {
        String script = PlotlyLibrary.script();
        assertTrue(script.length() > 1_000_000, "the whole library: " + script.length() + " characters");
        assertTrue(script.contains("plotly.js v" + PlotlyLibrary.version()), "the code's banner names its version");
        assertFalse(script.toLowerCase(Locale.ROOT).contains("</script"), "no closing tag inside the code");
        assertSame(script, PlotlyLibrary.script(), "cached, not read again");
    }
}
