package org.sealbook.toolkit.view;

import java.io.PrintStream;

/** A one-line text progress bar that redraws itself with '\r', at most about ten times a second. */
final class ConsoleProgress implements Progress {
    static final long MIN_REDRAW_NANOS = 100_000_000L;
    private static final int BAR = 30;

    private final PrintStream out;
    private final String label;
    private final long total;
    private long lastDraw;
    private boolean drawn;
    private boolean closed;
    private long done;
    private String detail = "";
    private int width;

    ConsoleProgress(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = total;
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
        if (!drawn || finished || now - lastDraw >= MIN_REDRAW_NANOS) {
            draw();
            lastDraw = now;
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        draw();
        out.print('\n');
        out.flush();
    }

    private void draw() {
        String line = render();
        // Pad over the previous line's tail, which '\r' alone would leave visible.
        String padded = line + " ".repeat(Math.max(0, width - line.length()));
        width = line.length();
        out.print('\r');
        out.print(padded);
        out.flush();
        drawn = true;
    }

    String render() {
        StringBuilder line = new StringBuilder(label).append(' ');
        if (total > 0) {
            long clamped = Math.max(0, Math.min(done, total));
            int filled = (int) (BAR * clamped / total);
            line.append('[').append("#".repeat(filled)).append(".".repeat(BAR - filled)).append("] ")
                    .append(String.format("%3d%%", 100 * clamped / total))
                    .append(' ').append(done).append('/').append(total);
        } else {
            line.append(done).append(" done");
        }
        if (!detail.isBlank()) {
            line.append("  ").append(detail);
        }
        return line.toString();
    }
}
