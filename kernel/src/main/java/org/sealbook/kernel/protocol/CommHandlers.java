package org.sealbook.kernel.protocol;

import com.google.gson.JsonObject;
import java.util.Map;
import org.sealbook.kernel.comm.CommManager;

/** {@code comm_info}, {@code comm_open}, {@code comm_msg} and {@code comm_close} from the front end. */
final class CommHandlers {
    private final CommManager comms;

    CommHandlers(CommManager comms) {
        this.comms = comms;
    }

    void info(Request r) {
        String target = r.text("target_name", null);
        JsonObject list = new JsonObject();
        for (Map.Entry<String, String> e : comms.info(target).entrySet()) {
            JsonObject c = new JsonObject();
            c.addProperty("target_name", e.getValue());
            list.add(e.getKey(), c);
        }
        JsonObject reply = new JsonObject();
        reply.addProperty("status", "ok");
        reply.add("comms", list);
        r.reply(reply);
    }

    void open(Request r) {
        comms.handleOpen(r.message());
    }

    void message(Request r) {
        comms.handleMessage(r.message());
    }

    void close(Request r) {
        comms.handleClose(r.message());
    }
}
