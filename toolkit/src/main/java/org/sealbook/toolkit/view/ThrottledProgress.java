package org.sealbook.toolkit.view;

import java.util.function.LongSupplier;

/**
 * The redraw rule every progress display shares: at most about ten redraws a second, so a fast loop cannot
 * flood a console or a notebook, and the last state is always drawn when the work finishes or the handle closes.
 * The curves beside the bar (a run's losses) change what is drawn at most twice a second, since a plot redrawn
 * faster than that only flickers; their last state too is always drawn. A display says only how to draw.
 */
public abstract class ThrottledProgress implements Progress {
    public static final long MIN_REDRAW_NANOS = 100_000_000L;
    public static final long MIN_CURVE_NANOS = 500_000_000L;

    private final long total;
    private final LongSupplier clock;
    private long done;
    private String detail = "";
    private boolean drawn;
    private long lastDraw;
    private boolean closed;
    private final LossCurves curves = new LossCurves();
    /** What the display draws: a copy of the curves taken at most twice a second. */
    private LossCurves shownCurves = new LossCurves();
    private boolean curvesChanged;
    private boolean curvesShown;
    private long lastCurves;

    protected ThrottledProgress(long total) {
        this(total, System::nanoTime);
    }

    /** With another clock in nanoseconds, e.g. a test's. */
    protected ThrottledProgress(long total, LongSupplier clock) {
        this.total = total;
        this.clock = clock;
    }

    /** The number of steps in all; 0 or less when unknown. */
    protected final long total() {
        return total;
    }

    /** The curves as the display should show them now (a copy it may keep); empty when none were given. */
    protected final synchronized LossCurves shownCurves() {
        return shownCurves;
    }

    /** Shows the current state. Called with this handle's lock held. */
    protected abstract void draw(long done, String detail);

    /** What a display does once after its last drawing, e.g. end the console line. */
    protected void finish() {
    }

    /** For a display that showed its starting state itself: the next update counts as a redraw. */
    protected final synchronized void startedNow() {
        drawn = true;
        lastDraw = clock.getAsLong();
    }

    @Override
    public final synchronized void curve(String name, long step, double value) {
        if (closed) {
            return;
        }
        curves.add(name, step, value);
        curvesChanged = true;
    }

    @Override
    public final synchronized void update(long done, String detail) {
        if (closed) {
            return;
        }
        this.done = done;
        this.detail = detail == null ? "" : detail;
        long now = clock.getAsLong();
        boolean finished = total > 0 && done >= total;
        if (!drawn || finished || now - lastDraw >= MIN_REDRAW_NANOS) {
            if (curvesChanged && (!curvesShown || finished || now - lastCurves >= MIN_CURVE_NANOS)) {
                takeCurves(now);
            }
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
        if (curvesChanged) {
            takeCurves(clock.getAsLong());
        }
        draw(done, detail); // the final state, whatever the throttle held back
        finish();
    }

    private void takeCurves(long now) {
        shownCurves = curves.copy();
        curvesChanged = false;
        curvesShown = true;
        lastCurves = now;
    }
}
