package org.sealbook.kernel.wire;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/** Echoes every heartbeat ping on its own thread, so a busy cell never looks like a dead kernel. */
public final class Heartbeat {
    private Heartbeat() {
    }

    public static void start(ZContext context, String endpoint) {
        ZMQ.Socket socket = context.createSocket(SocketType.REP);
        socket.setLinger(0);
        socket.bind(endpoint);
        Thread t = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    byte[] ping = socket.recv(0);
                    if (ping != null) {
                        socket.send(ping, 0);
                    }
                }
            } catch (ZMQException e) {
                // The context was closed: the kernel is shutting down.
            }
        }, "sealbook-heartbeat");
        t.setDaemon(true);
        t.start();
    }
}
