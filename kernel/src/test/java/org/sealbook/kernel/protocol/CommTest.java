package org.sealbook.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Comms opened by the front end to a target that notebook code registered, and comms the kernel opens. */
@ExtendWith(KernelLogOnFailure.class)
class CommTest {
    private static KernelClient client;

    @BeforeAll
    static void start() {
        client = KernelClient.launch();
        client.eval("org.sealbook.kernel.comm.CommManager.current().registerTarget(\"echo\", "
                + "(comm, data) -> comm.onMessage(d -> comm.send(d)));");
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @Test
    void anEchoCommOpensEchoesAndCloses() {
        String commId = UUID.randomUUID().toString();
        List<WireMessage> opened = send("comm_open", commContent(commId, "echo"));
        assertTrue(opened.stream().noneMatch(m -> m.type().equals("comm_close")), "a known target keeps the comm: " + opened);
        assertEquals("echo", listedComms(null).getAsJsonObject(commId).get("target_name").getAsString());
        assertTrue(listedComms("echo").has(commId), "listed under its target");
        assertFalse(listedComms("some-other-target").has(commId), "not listed under another target");

        JsonObject message = commContent(commId, null);
        JsonObject data = new JsonObject();
        data.addProperty("n", 1);
        data.addProperty("text", "h\u00e9llo \ud83d\ude00");
        message.add("data", data);
        List<WireMessage> echoed = send("comm_msg", message).stream().filter(m -> m.type().equals("comm_msg")).toList();
        assertEquals(1, echoed.size(), "one echo");
        assertEquals(commId, echoed.get(0).text("comm_id"));
        assertEquals(data, echoed.get(0).content().getAsJsonObject("data"));

        send("comm_close", commContent(commId, null));
        assertFalse(listedComms(null).has(commId), "closed comms are not listed");
    }

    @Test
    void openingAnUnknownTargetIsAnsweredWithClose() {
        String commId = UUID.randomUUID().toString();
        List<WireMessage> published = send("comm_open", commContent(commId, "no-such-target"));

        List<WireMessage> closes = published.stream().filter(m -> m.type().equals("comm_close")).toList();
        assertEquals(1, closes.size(), "comm_close for " + commId + " in " + published);
        assertEquals(commId, closes.get(0).text("comm_id"));
        assertFalse(listedComms(null).has(commId));
    }

    @Test
    void aMessageToAnUnknownCommIsIgnored() {
        List<WireMessage> published = send("comm_msg", commContent(UUID.randomUUID().toString(), null));
        assertEquals(2, published.size(), "only busy and idle: " + published);
        client.assertStillAnswers();
    }

    @Test
    void commsOpenedByCellsBelongToTheCell() {
        Exchange e = client.execute("var fromKernel = org.sealbook.kernel.comm.CommManager.current()"
                + ".open(\"kernel-side\", new com.google.gson.JsonObject(), new com.google.gson.JsonObject());\n"
                + "fromKernel.id()");

        assertEquals("ok", e.status());
        WireMessage open = e.only("comm_open");
        assertEquals("kernel-side", open.text("target_name"));
        String commId = open.text("comm_id");
        assertEquals(commId, e.result());
        assertTrue(listedComms("kernel-side").has(commId), "a kernel-side comm is listed");

        Exchange closing = client.execute("fromKernel.close();");
        assertEquals(commId, closing.only("comm_close").text("comm_id"));
        assertFalse(listedComms(null).has(commId));
    }

    /** Sends a comm message (no reply exists for these) and returns what iopub published for it. */
    private static List<WireMessage> send(String type, JsonObject content) {
        return client.busyToIdle(client.send(Channel.SHELL, type, content));
    }

    private static JsonObject commContent(String commId, String target) {
        JsonObject c = new JsonObject();
        c.addProperty("comm_id", commId);
        if (target != null) {
            c.addProperty("target_name", target);
        }
        c.add("data", new JsonObject());
        return c;
    }

    private static JsonObject listedComms(String targetName) {
        JsonObject content = new JsonObject();
        if (targetName != null) {
            content.addProperty("target_name", targetName);
        }
        Exchange e = client.request(Channel.SHELL, "comm_info_request", content);
        assertEquals("ok", e.status());
        return e.reply().content().getAsJsonObject("comms");
    }
}
