package org.sealbook.toolkit.workspace;

/**
 * A stage's gate said no: a record it reads is missing, changed since it was sealed, or stale. Its message is the
 * one sentence to show the user; nothing was written.
 */
public final class StageRefused extends RuntimeException {
    StageRefused(String sentence) {
        super(sentence);
    }

    StageRefused(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}
