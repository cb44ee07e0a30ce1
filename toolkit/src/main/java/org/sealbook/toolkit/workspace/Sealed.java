package org.sealbook.toolkit.workspace;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A stage's artifact as it was sealed: its file name, the SHA-256 of the whole file, when, and
 * the later stages whose artifacts this seal made stale.
 */
public record Sealed(Stage stage, String name, String sha256, Instant sealedAt, List<Stage> stale) {
    public Sealed {
        stale = List.copyOf(stale);
    }

    /** A sentence telling the user which later stages must run again; empty when none went stale. */
    public Optional<String> staleNotice() {
        if (stale.isEmpty()) {
            return Optional.empty();
        }
        String names = stale.stream().map(s -> s.title() + " (" + s.artifactName() + ")")
                .collect(Collectors.joining(", "));
        String count = stale.size() == 1 ? "1 later stage" : stale.size() + " later stages";
        return Optional.of("Sealing " + stage.title() + " again made " + count + " stale: " + names
                + "; run " + stale.get(0).magic() + " again next.");
    }
}
