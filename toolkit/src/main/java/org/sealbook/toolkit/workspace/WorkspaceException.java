package org.sealbook.toolkit.workspace;

/** The workspace folder or its history could not be used; the message says why and what to do. */
public final class WorkspaceException extends RuntimeException {
    WorkspaceException(String sentence) {
        super(sentence);
    }

    WorkspaceException(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}
