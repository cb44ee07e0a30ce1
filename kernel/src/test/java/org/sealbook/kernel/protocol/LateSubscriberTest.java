package org.sealbook.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A client whose iopub subscription reaches a freshly started kernel after its first cell, as jupyter_console's does
 * (it sends the first cell once kernel_info is answered, without checking iopub, then waits for that cell's idle).
 */
class LateSubscriberTest {
    @Test
    void aFirstCellSentBeforeIopubConnectsStillShowsItsOutputAndIdle() throws Exception {
        try (KernelProcess kernel = KernelProcess.start(); ZContext context = new ZContext()) {
            Codec codec = new Codec(kernel.key);
            ZMQ.Socket shell = context.createSocket(SocketType.DEALER);
            shell.setLinger(0);
            shell.setReceiveTimeOut((int) KernelClient.REPLY_TIMEOUT.toMillis());
            shell.connect("tcp://127.0.0.1:" + kernel.shellPort);

            Codec.sendFrames(shell, codec.frames(codec.header("kernel_info_request"), new JsonObject()));
            assertNotNull(Codec.receiveFrames(shell), "no kernel_info_reply");
            JsonObject execute = codec.header("execute_request");
            // a magic that runs no Java answers at once, while JShell may still be starting, as `exit` does
            Codec.sendFrames(shell, codec.frames(execute, KernelClient.executeContent("%classpath")));
            Thread.sleep(300); // the cell is published (or dropped) before anyone listens on iopub

            try (IopubRecorder iopub = new IopubRecorder(context, "tcp://127.0.0.1:" + kernel.iopubPort, codec)) {
                String id = execute.get("msg_id").getAsString();
                WireMessage idle = iopub.await(0, m -> id.equals(m.parentId()) && m.isStatus("idle"), Duration.ofSeconds(10));
                assertNotNull(idle, "the first cell's idle never reached a subscriber that joined after it was sent: " + iopub.all());
                List<WireMessage> cell = iopub.forParent(id);
                assertTrue(cell.get(0).isStatus("busy"), "the first cell's iopub must start with busy: " + cell);
                assertTrue(cell.stream().anyMatch(m -> m.type().equals("stream")), "the first cell's output was lost: " + cell);
            }
        }
    }
}
