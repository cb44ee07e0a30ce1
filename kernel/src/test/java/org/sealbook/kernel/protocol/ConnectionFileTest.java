package org.sealbook.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the kernel does with the transport a connection file names. */
@ExtendWith(KernelLogOnFailure.class)
class ConnectionFileTest {
    @Test
    void ipcIsRefusedAtOnceWithTheReasonAndTheFix() throws Exception {
        try (KernelProcess kernel = KernelProcess.start(KernelProcess.Options.defaults().withTransport("ipc"))) {
            assertTrue(kernel.awaitExit(Duration.ofSeconds(20)), "the kernel should exit instead of waiting for clients it cannot reach");
            assertEquals(2, kernel.exitStatus());
            assertTrue(kernel.log().contains("cannot serve (JeroMQ 0.6.0 has no Unix-socket ipc); start it with the tcp transport"),
                    kernel.log());
        }
    }
}
