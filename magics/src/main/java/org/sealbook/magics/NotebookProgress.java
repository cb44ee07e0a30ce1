package org.sealbook.magics;

import org.sealbook.kernel.display.Display;
import org.sealbook.kernel.display.MimeBundle;
import org.sealbook.toolkit.view.Progress;

/**
 * A progress bar in the cell: one display, updated in place by its id, at most about ten times a second so a
 * fast loop does not flood the front end; the last state is always drawn.
 */
final class NotebookProgress implements Progress {
    static final long MIN_UPDATE_NANOS = 100_000_000L;

    private final String label;
    private final long total;
    private final String displayId;
    private long lastDraw;
    private long done;
    private String detail = "";
    private boolean pending;
    private boolean closed;

    NotebookProgress(String label, long total) {
        this.label = label;
        this.total = total;
        this.displayId = Display.display(bundle(label, total, 0, ""));
        this.lastDraw = System.nanoTime();
    }

    @Override
    public synchronized void update(long done, String detail) {
        if (closed) {
            return;
        }
        this.done = done;
        this.detail = detail == null ? "" : detail;
        long now = System.nanoTime();
        boolean finished = total > 0 && done >= total;
        if (finished || now - lastDraw >= MIN_UPDATE_NANOS) {
            Display.updateDisplay(displayId, bundle(label, total, done, this.detail));
            lastDraw = now;
            pending = false;
        } else {
            pending = true;
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (pending) {
            Display.updateDisplay(displayId, bundle(label, total, done, detail));
        }
    }

    static MimeBundle bundle(String label, long total, long done, String detail) {
        String counts = total > 0 ? done + "/" + total + " (" + NotebookView.percent(done, total) + ")" : done + " done";
        String plain = label + " " + counts + (detail.isBlank() ? "" : "  " + detail);
        String bar = total > 0
                ? "<progress value=\"" + Math.max(0, Math.min(done, total)) + "\" max=\"" + total + "\"></progress>"
                : "<progress></progress>";
        String html = "<div class=\"sealbook-progress\">" + NotebookView.escape(label) + " " + bar + " "
                + NotebookView.escape(counts) + (detail.isBlank() ? "" : " " + NotebookView.escape(detail)) + "</div>";
        return MimeBundle.of("text/plain", plain).with("text/html", html);
    }
}
