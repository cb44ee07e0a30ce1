package org.sealbook.toolkit.view;

/** A handle on a running piece of work, updated as it goes and closed when it ends. */
public interface Progress extends AutoCloseable {
    /** Says that {@code done} of the total steps are finished, with a short detail. */
    void update(long done, String detail);

    /** Ends the progress display; later updates are ignored. */
    @Override
    void close();
}
