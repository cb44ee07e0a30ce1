package org.sealbook.kernel.comm;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** One open comm: a two-way channel between kernel code and a front-end object such as a widget. */
public final class Comm {
    private final String id;
    private final String targetName;
    private final CommManager manager;
    private volatile BiConsumer<JsonObject, List<byte[]>> onMessage = (data, buffers) -> { };
    private volatile Consumer<JsonObject> onClose = data -> { };

    Comm(String id, String targetName, CommManager manager) {
        this.id = id;
        this.targetName = targetName;
        this.manager = manager;
    }

    public String id() {
        return id;
    }

    public String targetName() {
        return targetName;
    }

    public void send(JsonObject data) {
        send(data, List.of());
    }

    public void send(JsonObject data, List<byte[]> buffers) {
        manager.publish("comm_msg", this, data, buffers);
    }

    /** Closes the comm from the kernel side and tells the front end. */
    public void close() {
        manager.close(this, new JsonObject());
    }

    public void onMessage(Consumer<JsonObject> handler) {
        this.onMessage = (data, buffers) -> handler.accept(data);
    }

    public void onMessage(BiConsumer<JsonObject, List<byte[]>> handler) {
        this.onMessage = handler;
    }

    public void onClose(Consumer<JsonObject> handler) {
        this.onClose = handler;
    }

    void received(JsonObject data, List<byte[]> buffers) {
        onMessage.accept(data, buffers);
    }

    void closedByFrontEnd(JsonObject data) {
        onClose.accept(data);
    }
}
