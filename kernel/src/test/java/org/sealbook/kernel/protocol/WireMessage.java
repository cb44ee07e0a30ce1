package org.sealbook.kernel.protocol;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;

/** A message as the test client sees it on the wire: identities, the four JSON parts and any buffers. */
record WireMessage(List<byte[]> identities, JsonObject header, JsonObject parentHeader, JsonObject metadata,
                   JsonObject content, List<byte[]> buffers) {

    String type() {
        return string(header, "msg_type");
    }

    String id() {
        return string(header, "msg_id");
    }

    /** The msg_id of the request this message answers or was published for; empty when it has none. */
    String parentId() {
        return string(parentHeader, "msg_id");
    }

    /** A string field of the content, or null. */
    String text(String key) {
        return string(content, key);
    }

    /** The {@code text/plain} of a result, display or inspection, or null. */
    String plainText() {
        JsonElement data = content.get("data");
        return data != null && data.isJsonObject() ? string(data.getAsJsonObject(), "text/plain") : null;
    }

    boolean isStatus(String state) {
        return type().equals("status") && state.equals(text("execution_state"));
    }

    private static String string(JsonObject o, String key) {
        JsonElement e = o == null ? null : o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    @Override
    public String toString() {
        return type() + " (parent " + parentId() + "): " + content;
    }
}
