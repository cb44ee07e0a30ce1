package org.sealbook.kernel.output;

import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sealbook.kernel.Log;

/**
 * Replaces System.out and System.err with streams that buffer text per cell and send it as iopub
 * {@code stream} messages. A flusher thread sends buffered text after a short batching delay; it sleeps
 * with no timeout while nothing is pending, so an idle kernel costs no CPU.
 */
public final class StreamRouter {
    static final long BATCH_MS = 50;

    private final Iopub iopub;
    private final Map<CellContext, Buffers> pending = new LinkedHashMap<>();
    private final Object lock = new Object();
    /**
     * Held while buffered text is taken and published, so a {@link #flush} that finds nothing pending also knows
     * nothing is still on its way: the error or result published next cannot overtake the cell's output.
     */
    private final Object sending = new Object();

    private StreamRouter(Iopub iopub) {
        this.iopub = iopub;
    }

    /** Routes System.out and System.err through iopub from now on. */
    public static StreamRouter install(Iopub iopub) {
        StreamRouter router = new StreamRouter(iopub);
        iopub.attach(router);
        System.setOut(new PrintStream(router.new Routed("stdout"), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(router.new Routed("stderr"), true, StandardCharsets.UTF_8));
        Thread flusher = new Thread(router::flushLoop, "sealbook-stream-flush");
        flusher.setDaemon(true);
        flusher.start();
        return router;
    }

    /** Sends everything this cell has written so far, before the caller publishes anything else for it. */
    public void flush(CellContext cell) {
        synchronized (sending) {
            Buffers b;
            synchronized (lock) {
                b = pending.remove(cell);
            }
            if (b != null) {
                b.send(cell);
            }
        }
    }

    private void write(String stream, CellContext cell, byte[] bytes, int off, int len) {
        if (cell == null) {
            Log.info("Output from outside any request: " + new String(bytes, off, len, StandardCharsets.UTF_8).strip());
            return;
        }
        synchronized (lock) {
            Buffers b = pending.computeIfAbsent(cell, c -> new Buffers());
            (stream.equals("stdout") ? b.out : b.err).write(bytes, off, len);
            lock.notifyAll();
        }
    }

    private void flushLoop() {
        while (true) {
            synchronized (lock) {
                try {
                    while (pending.isEmpty()) {
                        lock.wait();
                    }
                    lock.wait(BATCH_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
            synchronized (sending) {
                List<Map.Entry<CellContext, Buffers>> ready;
                synchronized (lock) {
                    ready = new ArrayList<>(pending.entrySet());
                    pending.clear();
                }
                for (Map.Entry<CellContext, Buffers> e : ready) {
                    e.getValue().send(e.getKey());
                }
            }
        }
    }

    /** Text one cell wrote to each stream and has not been sent yet. */
    private final class Buffers {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();

        void send(CellContext cell) {
            sendOne(cell, "stdout", out);
            sendOne(cell, "stderr", err);
        }

        private void sendOne(CellContext cell, String name, ByteArrayOutputStream bytes) {
            if (bytes.size() == 0) {
                return;
            }
            JsonObject c = new JsonObject();
            c.addProperty("name", name);
            c.addProperty("text", bytes.toString(StandardCharsets.UTF_8));
            iopub.publishRaw(cell.parentHeader(), "stream", c);
        }
    }

    /** One of the two process streams; the thread's cell decides where each write goes. */
    private final class Routed extends OutputStream {
        private final String stream;

        Routed(String stream) {
            this.stream = stream;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            StreamRouter.this.write(stream, CellContext.current(), b, off, len);
        }
    }
}
