package org.sealbook.kernel.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireCodecTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void signatureMatchesWhatJupyterClientComputes() {
        // Computed with Python: hmac.new(b'secret', header+parent+metadata+content, hashlib.sha256).hexdigest()
        Signer signer = new Signer("secret");
        String expected = "0aade2b613919c135b3893a0875ca7c0efb0b38bd72ef786605464553b3a23e6";
        assertEquals(expected, signer.sign(b("{\"a\":1}"), b("{}"), b("{}"), b("{\"code\":\"1+1\"}")));
        assertTrue(signer.verify(b(expected), b("{\"a\":1}"), b("{}"), b("{}"), b("{\"code\":\"1+1\"}")));
        assertFalse(signer.verify(b(expected), b("{\"a\":2}"), b("{}"), b("{}"), b("{\"code\":\"1+1\"}")));
    }

    @Test
    void emptyKeyMeansNoSigning() {
        Signer signer = new Signer("");
        assertFalse(signer.enabled());
        assertEquals("", signer.sign(b("{}")));
        assertTrue(signer.verify(b(""), b("{}")));
    }

    @Test
    void encodedMessageDecodesToTheSameParts() throws Exception {
        WireCodec codec = new WireCodec(new Signer("k"), 1 << 20);
        JsonObject content = new JsonObject();
        content.addProperty("code", "System.out.println(\"héllo\")");
        Message m = new Message(List.of(b("peer")), Message.newHeader("execute_request", "s1", null), new JsonObject(),
                new JsonObject(), content, List.of(b("buffer")));
        Message back = codec.decode(codec.encode(m));
        assertArrayEquals(b("peer"), back.identities().get(0));
        assertEquals("execute_request", back.type());
        assertEquals(content, back.content());
        assertArrayEquals(b("buffer"), back.buffers().get(0));
    }

    @Test
    void replayedMessageIsRefused() throws Exception {
        WireCodec codec = new WireCodec(new Signer("k"), 1 << 20);
        List<byte[]> frames = codec.encode(Message.broadcast("kernel_info_request", null, "s", new JsonObject()));
        codec.decode(frames);
        WireCodec.RejectedMessage e = assertThrows(WireCodec.RejectedMessage.class, () -> codec.decode(frames));
        assertTrue(e.getMessage().contains("replayed"), e.getMessage());
    }

    @Test
    void forgedOrUnsignedMessagesAreRefused() {
        WireCodec codec = new WireCodec(new Signer("k"), 1 << 20);
        WireCodec other = new WireCodec(new Signer("not-k"), 1 << 20);
        List<byte[]> forged = other.encode(Message.broadcast("execute_request", null, "s", new JsonObject()));
        assertTrue(assertThrows(WireCodec.RejectedMessage.class, () -> codec.decode(forged)).getMessage().contains("does not match"));
        List<byte[]> unsigned = new ArrayList<>(forged);
        unsigned.set(1, new byte[0]);
        assertTrue(assertThrows(WireCodec.RejectedMessage.class, () -> codec.decode(unsigned)).getMessage().contains("not signed"));
    }

    @Test
    void malformedFramesAreRefusedWithTheReason() {
        WireCodec codec = new WireCodec(new Signer(""), 1 << 20);
        assertTrue(assertThrows(WireCodec.RejectedMessage.class, () -> codec.decode(List.of(b("x"), b("{}"))))
                .getMessage().contains("delimiter"));
        assertTrue(assertThrows(WireCodec.RejectedMessage.class, () -> codec.decode(List.of(b("<IDS|MSG>"), b(""), b("{}"))))
                .getMessage().contains("frames after the delimiter"));
        assertTrue(assertThrows(WireCodec.RejectedMessage.class,
                () -> codec.decode(List.of(b("<IDS|MSG>"), b(""), b("{not json"), b("{}"), b("{}"), b("{}"))))
                .getMessage().contains("not valid JSON"));
        assertTrue(assertThrows(WireCodec.RejectedMessage.class,
                () -> codec.decode(List.of(b("<IDS|MSG>"), b(""), b("{}"), b("{}"), b("{}"), b("{}"))))
                .getMessage().contains("msg_type"));
    }

    @Test
    void oversizedMessageIsRefusedBeforeParsing() {
        WireCodec codec = new WireCodec(new Signer(""), 100);
        List<byte[]> frames = List.of(b("<IDS|MSG>"), b(""), b("{}"), b("{}"), b("{}"), new byte[200]);
        assertTrue(assertThrows(WireCodec.RejectedMessage.class, () -> codec.decode(frames)).getMessage().contains("over the limit"));
    }

    @Test
    void connectionFileGivesEndpointsForBothTransports() {
        String json = "{\"transport\":\"%s\",\"ip\":\"%s\",\"shell_port\":1,\"control_port\":2,\"iopub_port\":3,"
                + "\"stdin_port\":4,\"hb_port\":5,\"key\":\"abc\",\"signature_scheme\":\"hmac-sha256\",\"kernel_name\":\"sealbook\"}";
        ConnectionInfo tcp = ConnectionInfo.parse(String.format(json, "tcp", "127.0.0.1"));
        assertEquals("tcp://127.0.0.1:1", tcp.endpoint(tcp.shellPort()));
        assertEquals("abc", tcp.key());
        ConnectionInfo ipc = ConnectionInfo.parse(String.format(json, "ipc", "/tmp/kernel-x"));
        assertEquals("ipc:///tmp/kernel-x-5", ipc.endpoint(ipc.hbPort()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConnectionInfo.parse("{\"transport\":\"tcp\",\"ip\":\"127.0.0.1\"}"));
        assertTrue(e.getMessage().contains("shell_port"), e.getMessage());
    }
}
