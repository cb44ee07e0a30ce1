package org.sealbook.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Messages the kernel must refuse: forged, unsigned, replayed, malformed, of unknown type or too big. None may run
 * code or crash the kernel; each is checked by running a counter increment and reading the counter afterwards.
 */
@ExtendWith(KernelLogOnFailure.class)
class RefusedMessagesTest {
    private static final int MAX_MESSAGE_BYTES = 100_000;

    private static KernelClient client;

    @BeforeAll
    static void start() {
        client = KernelClient.launch(KernelProcess.Options.defaults()
                .withEnv("SEALBOOK_MAX_MESSAGE_BYTES", Integer.toString(MAX_MESSAGE_BYTES)));
        client.eval("int hits = 0;");
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @Test
    void aMessageSignedWithAnotherKeyIsNotRun() {
        List<byte[]> frames = client.frames("execute_request", KernelClient.executeContent("hits++;"));
        frames.set(1, new Codec("not-the-key").sign(frames.get(2), frames.get(3), frames.get(4), frames.get(5))
                .getBytes(StandardCharsets.US_ASCII));
        assertRefused(frames);
    }

    @Test
    void anUnsignedMessageIsNotRun() {
        List<byte[]> frames = client.frames("execute_request", KernelClient.executeContent("hits++;"));
        frames.set(1, new byte[0]);
        assertRefused(frames);
    }

    @Test
    void aMessageChangedAfterSigningIsNotRun() {
        List<byte[]> frames = client.frames("execute_request", KernelClient.executeContent("hits--;"));
        frames.set(5, Codec.json(KernelClient.executeContent("hits++;")));
        assertRefused(frames);
    }

    @Test
    void aReplayedMessageIsNotRunAgain() {
        int before = hits();
        List<byte[]> frames = client.frames("execute_request", KernelClient.executeContent("hits++;"));
        String id = msgId(frames);
        client.sendFrames(Channel.SHELL, frames);
        assertEquals("ok", client.reply(Channel.SHELL, id).text("status"));
        client.busyToIdle(id);
        assertEquals(before + 1, hits(), "the original message runs");

        int mark = client.iopub.size();
        client.sendFrames(Channel.SHELL, frames);
        client.assertDropped(Channel.SHELL, id, mark);
        client.sendFrames(Channel.CONTROL, frames);
        client.assertDropped(Channel.CONTROL, id, mark);

        assertEquals(before + 1, hits(), "the replays on shell and control must not run");
    }

    @Test
    void framesWithoutDelimiterAreDropped() {
        client.sendFrames(Channel.SHELL, List.of(bytes("hello"), bytes("world")));
        client.assertStillAnswers();
        client.sendFrames(Channel.CONTROL, List.of(bytes("just one frame")));
        assertEquals("ok", client.request(Channel.CONTROL, "kernel_info_request", new JsonObject()).status());
    }

    @Test
    void tooFewFramesAreDropped() {
        List<byte[]> frames = client.frames("execute_request", KernelClient.executeContent("hits++;"));
        int before = hits();
        client.sendFrames(Channel.SHELL, new ArrayList<>(frames.subList(0, 4)));
        client.assertNoReply(Channel.SHELL, msgId(frames));
        assertEquals(before, hits());
    }

    @Test
    void invalidJsonIsDropped() {
        byte[] empty = bytes("{}");
        client.sendFrames(Channel.SHELL, client.codec().frames(bytes("{not json"), empty, empty, empty));
        client.assertStillAnswers();

        JsonObject header = client.codec().header("execute_request");
        String id = header.get("msg_id").getAsString();
        int before = hits();
        int mark = client.iopub.size();
        client.sendFrames(Channel.SHELL, client.codec().frames(Codec.json(header), empty, empty, bytes("{\"code\": \"hits++;\"")));
        client.assertDropped(Channel.SHELL, id, mark);

        JsonObject noType = client.codec().header("execute_request");
        noType.remove("msg_type");
        client.sendFrames(Channel.SHELL, client.codec().frames(Codec.json(noType), empty, empty,
                Codec.json(KernelClient.executeContent("hits++;"))));
        client.sendFrames(Channel.SHELL, client.codec().frames(Codec.json(header), empty, empty, bytes("[\"hits++;\"]")));
        client.assertStillAnswers();
        assertEquals(before, hits());
    }

    @Test
    void anUnknownMessageTypeGetsNoReplyAndChangesNothing() {
        String id = client.send(Channel.SHELL, "no_such_request", new JsonObject());
        client.assertNoReply(Channel.SHELL, id);
        client.busyToIdle(id);
        String onControl = client.send(Channel.CONTROL, "no_such_request", new JsonObject());
        client.assertNoReply(Channel.CONTROL, onControl);
        assertEquals("2", client.eval("1 + 1"));
    }

    @Test
    void aMessageOverTheSizeLimitIsDroppedAndOneUnderItRuns() {
        int before = hits();
        String underCode = "hits++; // " + "u".repeat(MAX_MESSAGE_BYTES / 2);
        Exchange under = client.execute(underCode);
        assertEquals("ok", under.status(), "a 50 KB message is under the limit");
        assertEquals(before + 1, hits());

        List<byte[]> over = client.frames("execute_request", KernelClient.executeContent("hits++; // " + "o".repeat(2 * MAX_MESSAGE_BYTES)));
        int mark = client.iopub.size();
        client.sendFrames(Channel.SHELL, over);
        client.assertDropped(Channel.SHELL, msgId(over), mark);
        assertEquals(before + 1, hits(), "a 200 KB message must not run");
    }

    /** Sends the frames, checks the kernel dropped them and that the counter they would change is unchanged. */
    private static void assertRefused(List<byte[]> frames) {
        int before = hits();
        int mark = client.iopub.size();
        client.sendFrames(Channel.SHELL, frames);
        client.assertDropped(Channel.SHELL, msgId(frames), mark);
        assertEquals(before, hits(), "the refused message must not run");
    }

    private static int hits() {
        return Integer.parseInt(client.eval("hits"));
    }

    private static String msgId(List<byte[]> frames) {
        return JsonParser.parseString(new String(frames.get(2), StandardCharsets.UTF_8)).getAsJsonObject().get("msg_id").getAsString();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
