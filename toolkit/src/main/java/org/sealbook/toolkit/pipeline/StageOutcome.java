package org.sealbook.toolkit.pipeline;

import java.util.Objects;

/** A stage's closing status and the one sentence that explains it. */
public record StageOutcome(Status status, String sentence) {
    public StageOutcome {
        Objects.requireNonNull(status, "status");
        if (sentence == null || sentence.isBlank()) {
            throw new IllegalArgumentException("A stage outcome needs a sentence that explains its "
                    + status + " status; pass a non-empty sentence.");
        }
    }
}
