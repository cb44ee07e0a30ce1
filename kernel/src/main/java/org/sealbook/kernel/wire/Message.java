package org.sealbook.kernel.wire;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * One Jupyter message: routing identities, the four JSON parts and any binary buffers.
 * Immutable apart from the JSON objects, which handlers treat as read-only.
 */
public record Message(List<byte[]> identities, JsonObject header, JsonObject parentHeader, JsonObject metadata,
                      JsonObject content, List<byte[]> buffers) {

    public static final String PROTOCOL_VERSION = "5.4";

    public String type() {
        return header.has("msg_type") ? header.get("msg_type").getAsString() : "";
    }

    public String id() {
        return header.has("msg_id") ? header.get("msg_id").getAsString() : "";
    }

    public String session() {
        return header.has("session") ? header.get("session").getAsString() : "";
    }

    /** A new message of the given type whose parent is this one, routed back to the same peer. */
    public Message reply(String type, JsonObject content) {
        return new Message(identities, newHeader(type, session(), header), header, new JsonObject(), content, List.of());
    }

    /** A message with no routing identities, for iopub, whose parent is {@code parent} (may be null). */
    public static Message broadcast(String type, JsonObject parent, String session, JsonObject content) {
        return broadcast(type, parent, session, content, new JsonObject(), List.of());
    }

    /** The same with metadata and binary buffers, which widget comm messages carry. */
    public static Message broadcast(String type, JsonObject parent, String session, JsonObject content,
                                    JsonObject metadata, List<byte[]> buffers) {
        JsonObject parentHeader = parent == null ? new JsonObject() : parent;
        return new Message(List.of(), newHeader(type, session, parentHeader), parentHeader, metadata, content, buffers);
    }

    static JsonObject newHeader(String type, String session, JsonObject parent) {
        JsonObject h = new JsonObject();
        h.addProperty("msg_id", UUID.randomUUID().toString());
        h.addProperty("session", session);
        h.addProperty("username", parent != null && parent.has("username") ? parent.get("username").getAsString() : "kernel");
        h.addProperty("date", Instant.now().truncatedTo(ChronoUnit.MICROS).toString());
        h.addProperty("msg_type", type);
        h.addProperty("version", PROTOCOL_VERSION);
        return h;
    }
}
