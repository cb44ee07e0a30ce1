package org.sealbook.kernel.output;

import com.google.gson.JsonObject;
import org.sealbook.kernel.wire.Message;

/**
 * The request a piece of work belongs to. Set on the thread that runs a cell and inherited by every thread
 * that cell starts, so output written later, from anywhere, still goes to the cell that caused it.
 */
public final class CellContext {
    private static final InheritableThreadLocal<CellContext> CURRENT = new InheritableThreadLocal<>();
    /** Where output goes from threads no cell started (kernel threads, pools made at start-up). */
    private static volatile CellContext latest;

    private final Message request;
    private final boolean allowStdin;

    public CellContext(Message request, boolean allowStdin) {
        this.request = request;
        this.allowStdin = allowStdin;
    }

    public Message request() {
        return request;
    }

    public JsonObject parentHeader() {
        return request.header();
    }

    public String session() {
        return request.session();
    }

    public boolean allowStdin() {
        return allowStdin;
    }

    /** The context of the calling thread, else that of the most recent request, else null. */
    public static CellContext current() {
        CellContext c = CURRENT.get();
        return c != null ? c : latest;
    }

    /** Makes this the calling thread's context until {@link #exit()}; threads started meanwhile inherit it. */
    public void enter() {
        CURRENT.set(this);
        latest = this;
    }

    public static void exit() {
        CURRENT.remove();
    }

    /** Wraps a task so it runs in this context on whatever thread a pool gives it. */
    public Runnable wrap(Runnable task) {
        return () -> {
            CellContext before = CURRENT.get();
            CURRENT.set(this);
            try {
                task.run();
            } finally {
                CURRENT.set(before);
            }
        };
    }
}
