package org.sealbook.kernel.wire;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.sealbook.kernel.Log;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * Owns the iopub socket on its own thread; every other thread hands messages to it through a queue,
 * so publishing never races and the order of calls is the order on the wire.
 *
 * <p>A publisher drops what it sends before a subscriber has connected, and a client's subscription can arrive after
 * its first request: jupyter_console sends a cell as soon as kernel_info is answered, without checking iopub, and then
 * waits forever for a busy/idle it never gets (seen in CI once the kernel started faster). So the socket is an XPUB,
 * which hears subscriptions, and the first message waits for the first subscriber, for at most
 * {@link #FIRST_SUBSCRIBER_WAIT_MS}; after that, messages go out as they come. The wait counts from the first message,
 * not from binding: a kernel whose JVM starts slowly (no start-up archive, a busy machine) may publish its first
 * message seconds after binding, and the client that asked for it subscribes only then.
 */
public final class IopubPublisher {
    static final long FIRST_SUBSCRIBER_WAIT_MS = 2000;

    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final ZMQ.Socket socket;
    private final WireCodec codec;
    /** Owned by the publishing thread: a subscriber came, or the wait for one is over. */
    private boolean waitedForSubscriber;

    public IopubPublisher(ZContext context, String endpoint, WireCodec codec) {
        this.codec = codec;
        this.socket = context.createSocket(SocketType.XPUB);
        socket.setLinger(1000);
        socket.bind(endpoint);
        Thread t = new Thread(this::run, "sealbook-iopub");
        t.setDaemon(true);
        t.start();
    }

    public void publish(Message m) {
        queue.add(m);
    }

    /** Waits until everything published before this call is on the socket. */
    public void drain(long timeoutMs) {
        CountDownLatch done = new CountDownLatch(1);
        queue.add(done);
        try {
            done.await(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (true) {
            Object next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (next instanceof CountDownLatch latch) {
                latch.countDown();
                continue;
            }
            if (!waitedForSubscriber) {
                awaitFirstSubscriber();
            }
            try {
                List<byte[]> frames = codec.encode((Message) next);
                for (int i = 0; i < frames.size(); i++) {
                    socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
                }
            } catch (RuntimeException e) {
                Log.error("Could not publish an iopub message", e);
            }
        }
    }

    /** Blocks until a subscription arrives (XPUB passes it up as a frame starting with 1) or the wait is over. */
    private void awaitFirstSubscriber() {
        long start = System.nanoTime();
        while (true) {
            long left = FIRST_SUBSCRIBER_WAIT_MS - (System.nanoTime() - start) / 1_000_000;
            if (left <= 0) {
                break;
            }
            socket.setReceiveTimeOut((int) left);
            byte[] frame;
            try {
                frame = socket.recv();
            } catch (ZMQException e) {
                break; // the kernel is closing its sockets
            }
            if (frame == null || (frame.length > 0 && frame[0] == 1)) {
                break; // timed out, or someone subscribed
            }
        }
        waitedForSubscriber = true;
    }
}
