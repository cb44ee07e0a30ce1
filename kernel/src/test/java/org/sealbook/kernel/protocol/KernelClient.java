package org.sealbook.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A Jupyter client for one {@link KernelProcess}: DEALER sockets for shell, control and stdin (shell and stdin
 * share an identity, so input requests find us), a SUB on iopub and a REQ for the heartbeat. Every wait has a
 * timeout; running out of time fails with the kernel's thread dump.
 */
final class KernelClient implements AutoCloseable {
    static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final KernelProcess kernel;
    private final Codec codec;
    private final ZContext context = new ZContext();
    private final Map<Channel, ZMQ.Socket> sockets = new EnumMap<>(Channel.class);
    /** Messages received on a channel while waiting for a different one; claimed by later waits. */
    private final Map<Channel, List<WireMessage>> unclaimed = new EnumMap<>(Channel.class);
    private final ZMQ.Socket heartbeat;
    final IopubRecorder iopub;
    private boolean ownsKernel;

    /** Starts a kernel and connects to it; closing the client then kills the kernel too. */
    static KernelClient launch(KernelProcess.Options options) {
        KernelProcess process = KernelProcess.start(options);
        try {
            KernelClient client = connect(process);
            client.ownsKernel = true;
            return client;
        } catch (RuntimeException | Error e) {
            process.close();
            throw e;
        }
    }

    static KernelClient launch() {
        return launch(KernelProcess.Options.defaults());
    }

    /** Connects and waits until the kernel answers on shell and its iopub reaches us. */
    static KernelClient connect(KernelProcess kernel) {
        KernelClient client = new KernelClient(kernel);
        try {
            client.awaitReady();
            return client;
        } catch (RuntimeException | Error e) {
            client.close();
            throw e;
        }
    }

    private KernelClient(KernelProcess kernel) {
        this.kernel = kernel;
        this.codec = new Codec(kernel.key);
        byte[] identity = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
        sockets.put(Channel.SHELL, dealer(identity, kernel.shellPort));
        sockets.put(Channel.CONTROL, dealer(UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII), kernel.controlPort));
        sockets.put(Channel.STDIN, dealer(identity, kernel.stdinPort));
        for (Channel c : Channel.values()) {
            unclaimed.put(c, new ArrayList<>());
        }
        heartbeat = context.createSocket(SocketType.REQ);
        heartbeat.setLinger(0);
        heartbeat.connect(endpoint(kernel.hbPort));
        iopub = new IopubRecorder(context, endpoint(kernel.iopubPort), codec);
    }

    private ZMQ.Socket dealer(byte[] identity, int port) {
        ZMQ.Socket s = context.createSocket(SocketType.DEALER);
        s.setIdentity(identity);
        s.setLinger(0);
        s.connect(endpoint(port));
        return s;
    }

    private static String endpoint(int port) {
        return "tcp://127.0.0.1:" + port;
    }

    KernelProcess kernel() {
        return kernel;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String id = send(Channel.SHELL, "kernel_info_request", new JsonObject());
            if (receive(Channel.SHELL, id, Duration.ofSeconds(1)) == null) {
                continue;
            }
            // The SUB socket joins late: only once our own busy/idle arrives is iopub known to reach us.
            try {
                if (iopub.await(0, m -> id.equals(m.parentId()) && m.isStatus("idle"), Duration.ofMillis(500)) != null) {
                    unclaimed.values().forEach(List::clear);
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for the kernel", e);
            }
        }
        throw timeout("The kernel did not answer kernel_info_request (with its status on iopub)", READY_TIMEOUT);
    }

    /** A new request's frames, signed, from the delimiter on; the header's msg_id identifies it. */
    List<byte[]> frames(String msgType, JsonObject content) {
        return codec.frames(codec.header(msgType), content);
    }

    Codec codec() {
        return codec;
    }

    /** Sends a request and returns its msg_id. */
    String send(Channel channel, String msgType, JsonObject content) {
        JsonObject header = codec.header(msgType);
        sendFrames(channel, codec.frames(header, content));
        return header.get("msg_id").getAsString();
    }

    /** Sends frames as they are: forged, malformed or replayed messages. */
    void sendFrames(Channel channel, List<byte[]> frames) {
        Codec.sendFrames(sockets.get(channel), frames);
    }

    /** The reply whose parent is this request; fails with a thread dump when none comes in time. */
    WireMessage reply(Channel channel, String msgId) {
        return reply(channel, msgId, REPLY_TIMEOUT);
    }

    WireMessage reply(Channel channel, String msgId, Duration timeout) {
        WireMessage m = receive(channel, msgId, timeout);
        if (m == null) {
            throw timeout("No reply on " + channel + " to request " + msgId, timeout);
        }
        return m;
    }

    /** The reply to this request if it comes within the timeout, else null. */
    WireMessage pollReply(Channel channel, String msgId, Duration timeout) {
        return receive(channel, msgId, timeout);
    }

    /** The next message on the channel whatever its parent (an input_request, say), or null after the timeout. */
    WireMessage next(Channel channel, Duration timeout) {
        return receive(channel, null, timeout);
    }

    private WireMessage receive(Channel channel, String parentId, Duration timeout) {
        for (Iterator<WireMessage> it = unclaimed.get(channel).iterator(); it.hasNext(); ) {
            WireMessage m = it.next();
            if (parentId == null || parentId.equals(m.parentId())) {
                it.remove();
                return m;
            }
        }
        ZMQ.Socket socket = sockets.get(channel);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return null;
            }
            // Short slices, so a kernel that died fails the test now rather than at the end of the timeout.
            socket.setReceiveTimeOut((int) Math.min(left, 250));
            List<byte[]> frames = Codec.receiveFrames(socket);
            if (frames == null) {
                kernel.assertAlive("waiting on " + channel);
                continue;
            }
            WireMessage m = codec.decode(frames, channel.name());
            if (parentId == null || parentId.equals(m.parentId())) {
                return m;
            }
            unclaimed.get(channel).add(m);
        }
    }

    /**
     * What iopub published for one request, up to and including its {@code idle}: the one place that checks that
     * every request is bracketed by {@code busy} first and {@code idle} last.
     */
    List<WireMessage> busyToIdle(String msgId) {
        WireMessage idle = null;
        long deadline = System.nanoTime() + REPLY_TIMEOUT.toNanos();
        try {
            while (idle == null && System.nanoTime() < deadline) {
                idle = iopub.await(0, m -> msgId.equals(m.parentId()) && m.isStatus("idle"), Duration.ofMillis(250));
                if (idle == null) {
                    kernel.assertAlive("waiting on iopub for the idle of " + msgId);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for iopub", e);
        }
        if (idle == null) {
            throw timeout("No idle status on iopub for request " + msgId + " (saw " + iopub.forParent(msgId) + ")", REPLY_TIMEOUT);
        }
        int end = iopub.indexOf(idle);
        List<WireMessage> published = iopub.all().subList(0, end + 1).stream().filter(m -> msgId.equals(m.parentId())).toList();
        assertTrue(published.get(0).isStatus("busy"), "iopub for " + msgId + " must start with busy: " + published);
        assertEquals(1, published.stream().filter(m -> m.isStatus("busy")).count(), "one busy per request: " + published);
        return published;
    }

    /** Sends a request, waits for its reply and for its busy → ... → idle on iopub. */
    Exchange request(Channel channel, String msgType, JsonObject content) {
        String id = send(channel, msgType, content);
        WireMessage reply = reply(channel, id);
        return new Exchange(reply, busyToIdle(id));
    }

    /** An execute_request's content with the defaults a notebook sends. */
    static JsonObject executeContent(String code) {
        JsonObject c = new JsonObject();
        c.addProperty("code", code);
        c.addProperty("silent", false);
        c.addProperty("store_history", true);
        c.add("user_expressions", new JsonObject());
        c.addProperty("allow_stdin", true);
        c.addProperty("stop_on_error", true);
        return c;
    }

    Exchange execute(String code) {
        return execute(executeContent(code));
    }

    Exchange execute(JsonObject content) {
        return request(Channel.SHELL, "execute_request", content);
    }

    /** Runs code that must succeed and returns its result's text/plain (null when it shows nothing). */
    String eval(String code) {
        Exchange e = execute(code);
        assertEquals("ok", e.status(), () -> "cell failed: " + code + "\n" + e.reply());
        List<WireMessage> results = e.published("execute_result");
        return results.isEmpty() ? null : results.get(0).plainText();
    }

    /** Sends a ping on the heartbeat channel and returns what came back. */
    byte[] ping(byte[] payload, Duration timeout) {
        heartbeat.setReceiveTimeOut((int) timeout.toMillis());
        heartbeat.send(payload, 0);
        byte[] echo = heartbeat.recv(0);
        if (echo == null) {
            throw timeout("No heartbeat echo", timeout);
        }
        return echo;
    }

    /** Fails unless the kernel still answers kernel_info_request on shell, with busy and idle on iopub. */
    void assertStillAnswers() {
        Exchange e = request(Channel.SHELL, "kernel_info_request", new JsonObject());
        assertEquals("ok", e.status(), "kernel_info_reply status");
    }

    /**
     * Fails if the kernel replied to the request with this msg_id. A kernel_info round trip on the same channel comes
     * first: the channel is served in order, so a reply would have arrived by then.
     */
    void assertNoReply(Channel channel, String msgId) {
        Exchange probe = request(channel, "kernel_info_request", new JsonObject());
        assertEquals("ok", probe.status(), "kernel_info_reply after the dropped message");
        List<WireMessage> replies = unclaimed.get(channel).stream().filter(m -> msgId.equals(m.parentId())).toList();
        assertEquals(List.of(), replies, "the kernel answered a message it should have dropped");
    }

    /** Fails unless the kernel dropped the message: no reply, and nothing on iopub for it since {@code iopubMark}. */
    void assertDropped(Channel channel, String msgId, int iopubMark) {
        assertNoReply(channel, msgId);
        List<WireMessage> all = iopub.all();
        List<WireMessage> published = all.subList(iopubMark, all.size()).stream().filter(m -> msgId.equals(m.parentId())).toList();
        assertEquals(List.of(), published, "the kernel published for a message it should have dropped");
    }

    /** An AssertionError whose message carries the kernel's thread dump. */
    AssertionError timeout(String what, Duration timeout) {
        return new AssertionError(what + " within " + timeout.toMillis() + " ms.\n--- thread dump of " + kernel + " ---\n"
                + kernel.threadDump());
    }

    @Override
    public void close() {
        iopub.close();
        context.close();
        if (ownsKernel) {
            kernel.close();
        }
    }
}
