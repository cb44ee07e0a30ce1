package org.sealbook.kernel.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.HashMap;
import java.util.Map;
import org.sealbook.kernel.Log;
import org.sealbook.kernel.output.CellContext;
import org.sealbook.kernel.output.Iopub;
import org.sealbook.kernel.wire.Message;
import org.sealbook.kernel.wire.RouterChannel;

/**
 * One handler table per channel, by msg_type. The dispatcher alone publishes {@code busy} and {@code idle}, on
 * every path out, so no handler can forget them; a handler that throws still gets its request an error reply.
 */
public final class Dispatcher {
    private final Iopub iopub;
    private final Map<String, Handler> handlers = new HashMap<>();

    public Dispatcher(Iopub iopub) {
        this.iopub = iopub;
    }

    public Dispatcher on(String msgType, Handler handler) {
        handlers.put(msgType, handler);
        return this;
    }

    /** A copy with the same handlers, to which another channel adds its own. */
    public Dispatcher extend() {
        Dispatcher d = new Dispatcher(iopub);
        d.handlers.putAll(handlers);
        return d;
    }

    public void dispatch(Message m, RouterChannel channel) {
        JsonObject parent = m.header();
        iopub.status(parent, "busy");
        new CellContext(m, false).enter();
        try {
            Handler h = handlers.get(m.type());
            if (h == null) {
                Log.warn("Ignored a message of unknown type '" + m.type() + "' on " + channel.name() + ".");
                return;
            }
            h.handle(new Request(m, channel));
        } catch (Exception | StackOverflowError e) {
            Log.error("The " + m.type() + " handler failed", e);
            replyError(new Request(m, channel), e);
        } finally {
            CellContext.exit();
            iopub.status(parent, "idle");
        }
    }

    private static void replyError(Request r, Throwable e) {
        JsonObject c = new JsonObject();
        c.addProperty("status", "error");
        c.addProperty("ename", e.getClass().getSimpleName());
        c.addProperty("evalue", String.valueOf(e.getMessage()));
        JsonArray tb = new JsonArray();
        tb.add(e.toString());
        c.add("traceback", tb);
        try {
            r.reply(c);
        } catch (RuntimeException again) {
            Log.error("Could not send the error reply either", again);
        }
    }
}
