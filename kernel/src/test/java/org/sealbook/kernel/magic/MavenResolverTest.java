package org.sealbook.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolution with a remote that refuses every connection, so these tests pass with no network. */
class MavenResolverTest {
    static final String UNREACHABLE = "http://127.0.0.1:9/";

    @Test
    void resolvesFromTheLocalRepositoryWhenTheRemoteIsUnreachable() {
        Path local = MavenResolver.defaultLocalRepository();
        // The build itself puts gson 2.11.0 there, as the kernel depends on it.
        assumeTrue(Files.exists(local.resolve("com/google/code/gson/gson/2.11.0/gson-2.11.0.jar")), "gson 2.11.0 is not in " + local);

        List<Path> jars = new MavenResolver(local, UNREACHABLE).resolve(List.of("com.google.code.gson:gson:2.11.0"));

        assertEquals("gson-2.11.0.jar", jars.get(0).getFileName().toString(), jars.toString());
        assertTrue(jars.stream().anyMatch(j -> j.getFileName().toString().startsWith("error_prone_annotations-")),
                "gson's runtime dependency is missing from " + jars);
        jars.forEach(j -> assertTrue(Files.isRegularFile(j), j + " is not a file"));
    }

    @Test
    void anArtifactNeitherLocalNorReachableGetsOneSentence(@TempDir Path emptyLocal) {
        MavenResolver resolver = new MavenResolver(emptyLocal, UNREACHABLE);

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> resolver.resolve(List.of("org.sealbook.nothing:absent:9.9")));

        String m = e.getMessage();
        assertTrue(m.startsWith("Could not get org.sealbook.nothing:absent:9.9: it is not in your local Maven repository ("), m);
        assertTrue(m.contains(emptyLocal.getFileName() + ") and the repository " + UNREACHABLE + " could not be reached; "), m);
        assertTrue(m.endsWith("connect to the internet, or install the jar and use %jars."), m);
        assertTrue(e.getCause() != null, "the resolver's exception is kept as the cause");
    }

    @Test
    void aMalformedCoordinateIsNamed(@TempDir Path emptyLocal) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MavenResolver(emptyLocal, UNREACHABLE).resolve(List.of("gson")));
        assertEquals("'gson' is not a Maven coordinate; write it as group:artifact:version, e.g. com.google.code.gson:gson:2.11.0.",
                e.getMessage());
    }
}
