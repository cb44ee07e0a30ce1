package org.sealbook.kernel.protocol;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Subscribes to everything on iopub and keeps it in arrival order. Its own thread uses the SUB socket until
 * {@link #close()}; tests read the record and wait on it.
 */
final class IopubRecorder implements AutoCloseable {
    private final List<WireMessage> received = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile AssertionError failure;

    IopubRecorder(ZContext context, String endpoint, Codec codec) {
        ZMQ.Socket socket = context.createSocket(SocketType.SUB);
        socket.setLinger(0);
        socket.subscribe(new byte[0]);
        socket.setReceiveTimeOut(50);
        socket.connect(endpoint);
        thread = new Thread(() -> run(socket, codec), "iopub-recorder");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(ZMQ.Socket socket, Codec codec) {
        while (running) {
            List<byte[]> frames = Codec.receiveFrames(socket);
            if (frames == null) {
                continue;
            }
            WireMessage m;
            try {
                m = codec.decode(frames, "iopub");
            } catch (AssertionError e) {
                failure = e;
                continue;
            }
            synchronized (received) {
                received.add(m);
                received.notifyAll();
            }
        }
    }

    /** Everything received so far. */
    List<WireMessage> all() {
        checkSignatures();
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** How many messages have arrived so far: a mark for "what came after this". */
    int size() {
        synchronized (received) {
            return received.size();
        }
    }

    /** Everything published with this request as parent so far. */
    List<WireMessage> forParent(String msgId) {
        return all().stream().filter(m -> msgId.equals(m.parentId())).toList();
    }

    /** The first message from index {@code from} on that matches, waiting up to the timeout; null if none came. */
    WireMessage await(int from, Predicate<WireMessage> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            int i = from;
            while (true) {
                for (; i < received.size(); i++) {
                    if (wanted.test(received.get(i))) {
                        checkSignatures();
                        return received.get(i);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                received.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** The position of this message in the record. */
    int indexOf(WireMessage m) {
        synchronized (received) {
            return received.indexOf(m);
        }
    }

    private void checkSignatures() {
        AssertionError e = failure;
        if (e != null) {
            throw e;
        }
    }

    /** Stops the recording thread; the socket is the context's to close once this returns. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
