package org.sealbook.kernel.wire;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.sealbook.kernel.Log;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Owns the iopub PUB socket on its own thread; every other thread hands messages to it through a queue,
 * so publishing never races and the order of calls is the order on the wire.
 */
public final class IopubPublisher {
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final ZMQ.Socket socket;
    private final WireCodec codec;

    public IopubPublisher(ZContext context, String endpoint, WireCodec codec) {
        this.codec = codec;
        this.socket = context.createSocket(SocketType.PUB);
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
}
