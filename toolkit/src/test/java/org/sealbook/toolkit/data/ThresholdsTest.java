package org.sealbook.toolkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThresholdsTest {
    @TempDir
    Path dir;

    @Test
    void defaultsComeFromTheIssue() {
        Thresholds t = Thresholds.in(dir);
        assertEquals(0.05, t.value("missing.simple_max"));
        assertEquals(3.5, t.value("outliers.z"));
        assertEquals("default", t.get("correlation.auc_leak").source());
    }

    @Test
    void overrideNamesItsLine() throws IOException {
        Files.writeString(dir.resolve("data_check.properties"), "# stricter\n\noutliers.z = 3.0\n");
        Threshold z = Thresholds.in(dir).get("outliers.z");
        assertEquals(3.0, z.value());
        assertEquals("data_check.properties line 3", z.source());
    }

    @Test
    void badValueUnknownKeyAndMissingEqualsGetOneSentence() throws IOException {
        Path f = dir.resolve("data_check.properties");
        Files.writeString(f, "outliers.z = high\n");
        assertTrue(assertThrows(DataProblem.class, () -> Thresholds.from(f)).getMessage()
                .contains("line 1 gives outliers.z the value 'high', which is not a number"));
        Files.writeString(f, "outlier.z = 3\n");
        assertTrue(assertThrows(DataProblem.class, () -> Thresholds.from(f)).getMessage()
                .contains("unknown threshold 'outlier.z'; did you mean outliers.z?"));
        Files.writeString(f, "outliers.z 3\n");
        assertTrue(assertThrows(DataProblem.class, () -> Thresholds.from(f)).getMessage().contains("has no '='"));
        Files.writeString(f, "outliers.z = -1\n");
        assertTrue(assertThrows(DataProblem.class, () -> Thresholds.from(f)).getMessage().contains("not negative"));
    }
}
