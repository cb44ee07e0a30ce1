package org.sealbook.toolkit.view;

/**
 * The redraw rule every progress display shares: at most about ten redraws a second, so a fast loop cannot
 * flood a console or a notebook, and the last state is always drawn when the work finishes or the handle closes.
 * A display says only how to draw.
 */
public abstract class ThrottledProgress implements Progress {
    public static final long MIN_REDRAW_NANOS = 100_000_000L;

    private final long total;
    private long done;
    private String detail = "";
    private boolean drawn;
    private long lastDraw;
    private boolean closed;

    protected ThrottledProgress(long total) {
        this.total = total;
    }

    /** The number of steps in all; 0 or less when unknown. */
    protected final long total() {
        return total;
    }

    /** Shows the current state. Called with this handle's lock held. */
    protected abstract void draw(long done, String detail);

    /** What a display does once after its last drawing, e.g. end the console line. */
    protected void finish() {
    }

    /** For a display that showed its starting state itself: the next update counts as a redraw. */
    protected final synchronized void startedNow() {
        drawn = true;
        lastDraw = System.nanoTime();
    }

    @Override
    public final synchronized void update(long done, String detail) {
        if (closed) {
            return;
        }
        this.done = done;
        this.detail = detail == null ? "" : detail;
        long now = System.nanoTime();
        boolean finished = total > 0 && done >= total;
        if (!drawn || finished || now - lastDraw >= MIN_REDRAW_NANOS) {
            draw(done, this.detail);
            drawn = true;
            lastDraw = now;
        }
    }

    @Override
    public final synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        draw(done, detail); // the final state, whatever the throttle held back
        finish();
    }
}
