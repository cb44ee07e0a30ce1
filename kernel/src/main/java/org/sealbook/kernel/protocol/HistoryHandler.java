package org.sealbook.kernel.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import org.sealbook.kernel.history.History;

/** {@code history_request}: tail, range and glob search over this and earlier sessions. */
final class HistoryHandler implements Handler {
    private final History history;

    HistoryHandler(History history) {
        this.history = history;
    }

    @Override
    public void handle(Request r) {
        boolean output = r.flag("output", false);
        List<History.Entry> entries = switch (r.text("hist_access_type", "tail")) {
            case "range" -> history.range(r.number("session", 0), r.number("start", 1), r.number("stop", 0));
            case "search" -> history.search(r.text("pattern", "*"), r.number("n", 0), r.flag("unique", false));
            default -> history.tail(r.number("n", 10));
        };
        JsonArray list = new JsonArray();
        for (History.Entry e : entries) {
            JsonArray row = new JsonArray();
            row.add(e.session());
            row.add(e.line());
            if (output) {
                JsonArray io = new JsonArray();
                io.add(e.input());
                io.add(e.output());
                row.add(io);
            } else {
                row.add(e.input());
            }
            list.add(row);
        }
        JsonObject reply = new JsonObject();
        reply.addProperty("status", "ok");
        reply.add("history", list);
        r.reply(reply);
    }
}
