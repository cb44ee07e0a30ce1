package org.sealbook.toolkit.view;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PlotlyLibraryTest {
    private static final Pattern TRACE = Pattern.compile("PlotlySpec\\.trace\\(\"([a-z0-9]+)\"\\)");

    @Test
    void theVersionIsTheOneTheRootPomPins() throws Exception {
        // The module's tests run in toolkit/, so the root pom is one folder up.
        String pom = Files.readString(Path.of("..", "pom.xml"));
        assertTrue(pom.contains("<plotlyjs.version>" + PlotlyLibrary.version() + "</plotlyjs.version>"),
                "the build put plotly.js " + PlotlyLibrary.version() + " on the class path");
    }

    @Test
    void theLibraryIsTheMinifiedCartesianBundleWithItsLicenseReadOnce() {
        String script = PlotlyLibrary.script();
        assertTrue(script.length() > 1_000_000 && script.length() < 2_000_000,
                "the minified cartesian bundle, not the full 11 MB source: " + script.length() + " characters");
        assertTrue(script.contains("plotly.js (cartesian - minified) v" + PlotlyLibrary.version()),
                "the code's banner names its version");
        assertTrue(script.startsWith("/*! plotly.js " + PlotlyLibrary.version()), script.substring(0, 200));
        assertTrue(script.contains("MIT License") && script.contains("Copyright (c) 2016-2024 Plotly Technologies Inc.")
                && script.contains("The above copyright notice and this permission notice shall be included"),
                "plotly's MIT license travels with the code");
        assertTrue(script.contains("window.Plotly = Plotly"), "running it defines window.Plotly");
        assertFalse(script.toLowerCase(Locale.ROOT).contains("</script"), "no closing tag inside the code");
        assertSame(script, PlotlyLibrary.script(), "cached, not read again");
    }

    @Test
    void everyTraceTypeOurChartsDrawIsInTheBundle() throws Exception {
        // The charts name their trace types as PlotlySpec.trace("..."); each trace module in the bundle registers
        // itself as name:"...". A chart that starts using a type the cartesian bundle lacks fails here.
        Set<String> types = new TreeSet<>();
        try (Stream<Path> sources = Files.list(Path.of("src", "main", "java", "org", "sealbook", "toolkit", "chart"))) {
            for (Path source : sources.toList()) {
                Matcher m = TRACE.matcher(Files.readString(source));
                while (m.find()) {
                    types.add(m.group(1));
                }
            }
        }
        assertTrue(types.containsAll(List.of("scatter", "bar", "box", "heatmap")), types.toString());
        String script = PlotlyLibrary.script();
        for (String type : types) {
            assertTrue(script.contains("name:\"" + type + "\""), "the bundle has the " + type + " trace module");
        }
    }
}
