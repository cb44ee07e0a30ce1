package org.sealbook.toolkit.workspace;

import java.time.Instant;
import java.util.List;

/**
 * A record as it was sealed: its file name, the SHA-256 of the whole file, when, and the ids of the later records
 * this seal made stale (their files rest on the one replaced), nearest first.
 */
public record Sealed(Artifact<?> artifact, String name, String sha256, Instant sealedAt, List<String> stale) {
    public Sealed {
        stale = List.copyOf(stale);
    }
}
