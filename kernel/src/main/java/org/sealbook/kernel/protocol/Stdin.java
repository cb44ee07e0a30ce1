package org.sealbook.kernel.protocol;

import com.google.gson.JsonObject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.sealbook.kernel.output.CellContext;
import org.sealbook.kernel.output.StreamRouter;
import org.sealbook.kernel.wire.Message;
import org.sealbook.kernel.wire.RouterChannel;

/**
 * System.in for notebook code: each line read is asked of the front end with {@code input_request} on the stdin
 * channel. A cell whose front end does not allow input gets a clear error instead of a hang.
 */
public final class Stdin extends InputStream {
    private final RouterChannel channel;
    private final StreamRouter streams;
    private final Object lock = new Object();
    private byte[] buffer = new byte[0];
    private int position;
    private volatile boolean waiting;
    private volatile boolean cancelled;

    public Stdin(RouterChannel channel, StreamRouter streams) {
        this.channel = channel;
        this.streams = streams;
    }

    /** True while a cell waits for the user to type; an interrupt then cancels the wait. */
    public boolean waiting() {
        return waiting;
    }

    public void cancel() {
        cancelled = true;
    }

    @Override
    public int read() {
        synchronized (lock) {
            if (!fill()) {
                return -1;
            }
            return buffer[position++] & 0xff;
        }
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        synchronized (lock) {
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, buffer.length - position);
            System.arraycopy(buffer, position, b, off, n);
            position += n;
            return n;
        }
    }

    @Override
    public int available() {
        synchronized (lock) {
            return buffer.length - position;
        }
    }

    private boolean fill() {
        if (position < buffer.length) {
            return true;
        }
        CellContext cell = CellContext.current();
        if (cell == null || !cell.allowStdin()) {
            throw new IllegalStateException("This front end does not accept typed input, so System.in cannot be read"
                    + " here; run the notebook in a front end that allows input, or put the value in the code.");
        }
        streams.flush(cell); // a prompt printed just before reading must be visible while the user types
        JsonObject request = new JsonObject();
        request.addProperty("prompt", "");
        request.addProperty("password", false);
        Message asked = cell.request().reply("input_request", request);
        cancelled = false;
        waiting = true;
        try {
            channel.send(asked);
            while (true) {
                Message answer = channel.receive(100);
                if (cancelled) {
                    throw new IllegalStateException("Input was interrupted before a line was typed.");
                }
                if (answer != null && answer.type().equals("input_reply")) {
                    String value = answer.content().has("value") ? answer.content().get("value").getAsString() : "";
                    buffer = (value + "\n").getBytes(StandardCharsets.UTF_8);
                    position = 0;
                    return true;
                }
            }
        } finally {
            waiting = false;
        }
    }
}
