package org.sealbook.kernel;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/**
 * The kernel's own log: the process's original stderr, which Jupyter shows in its terminal.
 * Captured before user-visible System.err is routed to cells, so kernel diagnostics never land in a notebook.
 */
public final class Log {
    private static final PrintStream OUT = System.err;
    private static volatile boolean debug = System.getenv("SEALBOOK_DEBUG") != null;

    private Log() {
    }

    public static void info(String message) {
        write("INFO", message, null);
    }

    public static void debug(String message) {
        if (debug) {
            write("DEBUG", message, null);
        }
    }

    public static void warn(String message) {
        write("WARN", message, null);
    }

    /** Logs the sentence and the whole stack trace. */
    public static void error(String message, Throwable cause) {
        write("ERROR", message, cause);
    }

    /**
     * Sends what libraries log through the JDK's logging (the toolkit's System.Logger among them) here too, so a
     * stage's stack trace lands in the kernel's log, never in a notebook cell through the routed System.err.
     */
    public static void routeLibraryLogging() {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        for (java.util.logging.Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        root.addHandler(new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                int level = r.getLevel().intValue();
                if (level >= java.util.logging.Level.INFO.intValue() || debug) {
                    String said = r.getMessage() == null ? "" : new java.util.logging.SimpleFormatter().formatMessage(r);
                    write(level >= java.util.logging.Level.SEVERE.intValue() ? "ERROR"
                            : level >= java.util.logging.Level.WARNING.intValue() ? "WARN" : "INFO",
                            r.getLoggerName() + ": " + said, r.getThrown());
                }
            }

            @Override
            public void flush() {
                OUT.flush();
            }

            @Override
            public void close() {
                flush();
            }
        });
    }

    private static void write(String level, String message, Throwable cause) {
        synchronized (OUT) {
            OUT.println("[sealbook " + level + " " + LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + "] " + message);
            if (cause != null) {
                cause.printStackTrace(OUT);
            }
            OUT.flush();
        }
    }
}
