package org.sealbook.toolkit.workspace;

/**
 * How a sentence writes a stage for the reader's front end, e.g. {@code %hypothesize} in a notebook and
 * {@code hypothesize()} in JShell; the workspace's refusals name stages through it.
 */
public interface StageNames {
    /** The stage alone, e.g. {@code %data_check} or {@code dataCheck()}. */
    String stage(String name);

    /** The stage with placeholders for what it needs, e.g. {@code %data_check PATH --target COL}. */
    String usage(String name);

    /** A call of the stage with {@code words} as they follow the magic, e.g. {@code %train --resume}. */
    String call(String name, String... words);
}
