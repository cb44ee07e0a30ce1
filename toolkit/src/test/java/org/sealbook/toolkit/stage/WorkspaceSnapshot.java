package org.sealbook.toolkit.stage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.sealbook.toolkit.workspace.CanonicalJson;

/**
 * Every file of a workspace by path and SHA-256, and the commit its history is at: two equal snapshots mean a stage
 * wrote nothing and committed nothing. Usage: {@code var before = WorkspaceSnapshot.of(folder); ...;
 * assertEquals(before, WorkspaceSnapshot.of(folder));}
 */
record WorkspaceSnapshot(Map<String, String> files, String head) {
    static WorkspaceSnapshot of(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.filter(Files::isRegularFile).filter(p -> !folder.relativize(p).startsWith(".git"))
                    .toList()) {
                files.put(folder.relativize(p).toString(), CanonicalJson.sha256(Files.readAllBytes(p)));
            }
        }
        try (Git git = Git.open(folder.toFile())) {
            return new WorkspaceSnapshot(files, git.getRepository().resolve("HEAD").name());
        }
    }
}
