package org.sealbook.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;

/** One request's reply and everything iopub published for it, from {@code busy} to {@code idle}. */
record Exchange(WireMessage reply, List<WireMessage> iopub) {

    String status() {
        return reply.text("status");
    }

    List<WireMessage> published(String type) {
        return iopub.stream().filter(m -> m.type().equals(type)).toList();
    }

    /** The single message of this type on iopub; fails when there are none or several. */
    WireMessage only(String type) {
        List<WireMessage> found = published(type);
        assertEquals(1, found.size(), "expected exactly one " + type + " on iopub, got " + iopub);
        return found.get(0);
    }

    /** All text of one stream ({@code stdout} or {@code stderr}), in order. */
    String stream(String name) {
        return published("stream").stream()
                .filter(m -> name.equals(m.text("name")))
                .map(m -> m.text("text"))
                .collect(Collectors.joining());
    }

    /** The text/plain of the execute_result; fails when there is none. */
    String result() {
        return only("execute_result").plainText();
    }

    int executionCount() {
        return reply.content().get("execution_count").getAsInt();
    }
}
