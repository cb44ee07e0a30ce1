package org.sealbook.toolkit.pipeline;

/** How a stage ended; every stage ends with exactly one. */
public enum Status {
    /** The stage did what was asked and found nothing to worry about. */
    DONE,
    /** The stage finished, but found things the user should look at. */
    DONE_WITH_CONCERNS,
    /** The stage refused to go on; nothing was sealed. */
    BLOCKED,
    /** The stage needs something from the user (an argument, a choice) before it can go on. */
    NEEDS_CONTEXT
}
