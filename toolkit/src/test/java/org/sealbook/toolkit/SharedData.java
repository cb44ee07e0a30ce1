package org.sealbook.toolkit;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project's real data sets, in the {@code shared/data} folder beside the checkout (see its README); the
 * parent pom passes its place to the tests as {@code sealbook.shared.data}. Read-only: tests copy a file to a
 * temporary folder before anything could write beside it.
 */
public final class SharedData {
    private SharedData() {
    }

    public static Path file(String name) {
        Path file = Path.of(System.getProperty("sealbook.shared.data", "../../shared/data"), name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("No " + file.toAbsolutePath().normalize()
                    + "; the tests need the project's shared folder beside the repository.");
        }
        return file;
    }
}
