package org.sealbook.kernel.output;

import com.google.gson.JsonObject;
import java.util.List;
import org.sealbook.kernel.wire.IopubPublisher;
import org.sealbook.kernel.wire.Message;

/**
 * Publishing on iopub in the name of a request. Display, comms and streams all come through here, so pending
 * stream text is always sent before the display or comm message that followed it in the cell.
 */
public final class Iopub {
    private final IopubPublisher publisher;
    private final String session;
    private volatile StreamRouter streams;

    public Iopub(IopubPublisher publisher, String session) {
        this.publisher = publisher;
        this.session = session;
    }

    void attach(StreamRouter router) {
        this.streams = router;
    }

    public String session() {
        return session;
    }

    /** Publishes to the calling thread's cell, after that cell's pending stream output. */
    public void send(String type, JsonObject content) {
        send(CellContext.current(), type, content);
    }

    public void send(CellContext cell, String type, JsonObject content) {
        send(cell, type, content, new JsonObject(), List.of());
    }

    /** Publishes with metadata and binary buffers (comm messages of widgets carry both). */
    public void send(CellContext cell, String type, JsonObject content, JsonObject metadata, List<byte[]> buffers) {
        if (cell != null && streams != null) {
            streams.flush(cell);
        }
        publisher.publish(Message.broadcast(type, cell == null ? null : cell.parentHeader(), session, content, metadata, buffers));
    }

    /** Publishes with this parent header and no stream flush (status messages, streams themselves). */
    public void publishRaw(JsonObject parentHeader, String type, JsonObject content) {
        publisher.publish(Message.broadcast(type, parentHeader, session, content));
    }

    public void status(JsonObject parentHeader, String state) {
        JsonObject c = new JsonObject();
        c.addProperty("execution_state", state);
        publishRaw(parentHeader, "status", c);
    }

    public void drain(long timeoutMs) {
        publisher.drain(timeoutMs);
    }
}
