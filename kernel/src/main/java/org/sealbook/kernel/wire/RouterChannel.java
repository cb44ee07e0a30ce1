package org.sealbook.kernel.wire;

import java.util.ArrayList;
import java.util.List;
import org.sealbook.kernel.Log;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A ROUTER socket (shell, control or stdin) and the codec that reads and writes it.
 * Receiving blocks inside ZeroMQ; nothing here sleeps. Only one thread uses a channel at a time.
 */
public final class RouterChannel {
    private final String name;
    private final ZMQ.Socket socket;
    private final WireCodec codec;

    public RouterChannel(ZContext context, String name, String endpoint, WireCodec codec) {
        this.name = name;
        this.codec = codec;
        this.socket = context.createSocket(SocketType.ROUTER);
        socket.setLinger(1000);
        socket.bind(endpoint);
    }

    public String name() {
        return name;
    }

    /** Blocks until a well-formed, correctly signed message arrives; refused ones are logged and skipped. */
    public Message receive() {
        while (true) {
            Message m = receive(0);
            if (m != null) {
                return m;
            }
        }
    }

    /** The next valid message if one is already waiting, else null. */
    public Message receiveNow() {
        return receive(ZMQ.DONTWAIT);
    }

    /** Waits up to {@code timeoutMs} for a valid message; null when none came. */
    public Message receive(long timeoutMs) {
        socket.setReceiveTimeOut((int) timeoutMs);
        try {
            return receive(0);
        } finally {
            socket.setReceiveTimeOut(-1);
        }
    }

    private Message receive(int flags) {
        byte[] first = socket.recv(flags);
        if (first == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>();
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv(0));
        }
        try {
            return codec.decode(frames);
        } catch (WireCodec.RejectedMessage e) {
            Log.warn("Dropped a message on " + name + ": " + e.getMessage() + ".");
            return null;
        }
    }

    public void send(Message m) {
        List<byte[]> frames = codec.encode(m);
        for (int i = 0; i < frames.size(); i++) {
            socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }
}
