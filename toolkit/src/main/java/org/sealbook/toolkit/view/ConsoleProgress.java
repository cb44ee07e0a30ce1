package org.sealbook.toolkit.view;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * A one-line text progress bar that redraws itself with '\r', at most about ten times a second, with a sparkline of
 * the run's validation loss (or its only curve) beside it when the work reports one.
 */
final class ConsoleProgress extends ThrottledProgress {
    private static final int BAR = 30;
    /** The sparkline's most characters: a long history is averaged into this many. */
    static final int SPARKLINE = 20;

    private final PrintStream out;
    private final String label;
    private int width;

    ConsoleProgress(PrintStream out, String label, long total) {
        this(out, label, total, System::nanoTime);
    }

    ConsoleProgress(PrintStream out, String label, long total, LongSupplier clock) {
        super(total, clock);
        this.out = out;
        this.label = label;
    }

    @Override
    protected void draw(long done, String detail) {
        String line = render(done, detail);
        // Pad over the previous line's tail, which '\r' alone would leave visible.
        String padded = line + " ".repeat(Math.max(0, width - line.length()));
        width = line.length();
        out.print('\r');
        out.print(padded);
        out.flush();
    }

    @Override
    protected void finish() {
        out.print('\n');
        out.flush();
    }

    String render(long done, String detail) {
        StringBuilder line = new StringBuilder(label).append(' ');
        long total = total();
        if (total > 0) {
            long clamped = Math.max(0, Math.min(done, total));
            int filled = (int) (BAR * clamped / total);
            line.append('[').append("#".repeat(filled)).append(".".repeat(BAR - filled)).append("] ")
                    .append(String.format("%3d%%", 100 * clamped / total))
                    .append(' ').append(done).append('/').append(total);
        } else {
            line.append(done).append(" done");
        }
        LossCurves curves = shownCurves();
        if (curves.drawable()) {
            line.append("  ").append(curves.sparklineCurve()).append(' ').append(curves.sparkline(SPARKLINE));
        }
        if (!detail.isBlank()) {
            line.append("  ").append(detail);
        }
        return line.toString();
    }
}
