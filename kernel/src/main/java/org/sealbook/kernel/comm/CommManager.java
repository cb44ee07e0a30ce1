package org.sealbook.kernel.comm;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.sealbook.kernel.Log;
import org.sealbook.kernel.output.CellContext;
import org.sealbook.kernel.output.Iopub;
import org.sealbook.kernel.wire.Message;

/**
 * The comms of this kernel: targets that front ends may open, and every comm open now. Messages from the kernel
 * side go out on iopub with the current cell as parent, so a widget's updates belong to the cell that made it.
 */
public final class CommManager {
    private static volatile CommManager current;

    private final Iopub iopub;
    private final Map<String, CommTarget> targets = new ConcurrentHashMap<>();
    private final Map<String, Comm> comms = new ConcurrentHashMap<>();

    public CommManager(Iopub iopub) {
        this.iopub = iopub;
        current = this;
    }

    /** The running kernel's comms, for notebook code and magics; null outside a kernel. */
    public static CommManager current() {
        return current;
    }

    public void registerTarget(String name, CommTarget target) {
        targets.put(name, target);
    }

    public void unregisterTarget(String name) {
        targets.remove(name);
    }

    /** Opens a comm from the kernel side, e.g. a widget model. */
    public Comm open(String targetName, JsonObject data, JsonObject metadata) {
        Comm comm = new Comm(UUID.randomUUID().toString().replace("-", ""), targetName, this);
        comms.put(comm.id(), comm);
        JsonObject c = new JsonObject();
        c.addProperty("comm_id", comm.id());
        c.addProperty("target_name", targetName);
        c.add("data", data);
        iopub.send(CellContext.current(), "comm_open", c, metadata, List.of());
        return comm;
    }

    /** The open comms, optionally only those of one target: what {@code comm_info_reply} lists. */
    public Map<String, String> info(String targetName) {
        Map<String, String> out = new java.util.TreeMap<>();
        comms.values().stream()
                .filter(c -> targetName == null || targetName.equals(c.targetName()))
                .forEach(c -> out.put(c.id(), c.targetName()));
        return out;
    }

    /** A front end opened a comm: hand it to its target, or close it at once when no target has that name. */
    public void handleOpen(Message m) {
        JsonObject content = m.content();
        String id = text(content, "comm_id");
        String target = text(content, "target_name");
        CommTarget handler = targets.get(target);
        if (id.isEmpty() || handler == null) {
            Log.warn("No comm target named '" + target + "'; closing comm " + id + ".");
            JsonObject c = new JsonObject();
            c.addProperty("comm_id", id);
            c.add("data", new JsonObject());
            iopub.send(CellContext.current(), "comm_close", c);
            return;
        }
        Comm comm = new Comm(id, target, this);
        comms.put(id, comm);
        handler.opened(comm, data(content));
    }

    public void handleMessage(Message m) {
        Comm comm = comms.get(text(m.content(), "comm_id"));
        if (comm == null) {
            Log.warn("comm_msg for unknown comm " + text(m.content(), "comm_id") + " ignored.");
            return;
        }
        comm.received(data(m.content()), m.buffers());
    }

    public void handleClose(Message m) {
        Comm comm = comms.remove(text(m.content(), "comm_id"));
        if (comm != null) {
            comm.closedByFrontEnd(data(m.content()));
        }
    }

    void publish(String type, Comm comm, JsonObject data, List<byte[]> buffers) {
        JsonObject c = new JsonObject();
        c.addProperty("comm_id", comm.id());
        c.add("data", data);
        iopub.send(CellContext.current(), type, c, new JsonObject(), buffers);
    }

    void close(Comm comm, JsonObject data) {
        if (comms.remove(comm.id()) != null) {
            publish("comm_close", comm, data, List.of());
        }
    }

    private static String text(JsonObject o, String key) {
        return o.has(key) && o.get(key).isJsonPrimitive() ? o.get(key).getAsString() : "";
    }

    private static JsonObject data(JsonObject content) {
        return content.has("data") && content.get("data").isJsonObject() ? content.getAsJsonObject("data") : new JsonObject();
    }
}
