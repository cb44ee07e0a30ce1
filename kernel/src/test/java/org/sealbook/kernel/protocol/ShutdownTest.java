package org.sealbook.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** How the kernel process ends: asked to on control or shell, even with user threads left, or when its parent dies. */
@ExtendWith(KernelLogOnFailure.class)
class ShutdownTest {
    private static final Duration EXIT_AFTER_SHUTDOWN = Duration.ofSeconds(1);
    private static final Duration EXIT_AFTER_PARENT_DIED = Duration.ofSeconds(3);

    @Test
    void shutdownOnControlEchoesRestartAndEndsTheProcess() throws Exception {
        try (KernelClient client = KernelClient.launch()) {
            assertShutsDown(client, Channel.CONTROL, true);
        }
    }

    @Test
    void shutdownOnShellEndsTheProcess() throws Exception {
        try (KernelClient client = KernelClient.launch()) {
            assertShutsDown(client, Channel.SHELL, false);
        }
    }

    @Test
    void shutdownEndsTheProcessEvenWhenACellLeftANonDaemonThreadRunning() throws Exception {
        try (KernelClient client = KernelClient.launch()) {
            client.eval("Thread sleeper = new Thread(() -> {\n"
                    + "    try { Thread.sleep(Long.MAX_VALUE); } catch (InterruptedException e) { }\n"
                    + "});\n"
                    + "sleeper.setDaemon(false);\n"
                    + "sleeper.start();");
            assertEquals("true", client.eval("sleeper.isAlive() && !sleeper.isDaemon()"));

            assertShutsDown(client, Channel.CONTROL, false);
        }
    }

    @Test
    void theKernelExitsWhenTheProcessNamedByJpyParentPidDies() throws Exception {
        Process parent = new ProcessBuilder("sleep", "600").start();
        try {
            KernelProcess.Options options = KernelProcess.Options.defaults().withEnv("JPY_PARENT_PID", Long.toString(parent.pid()));
            try (KernelClient client = KernelClient.launch(options)) {
                client.assertStillAnswers();
                assertTrue(client.kernel().isAlive());

                parent.destroyForcibly().waitFor();

                assertTrue(client.kernel().awaitExit(EXIT_AFTER_PARENT_DIED),
                        "the kernel still runs " + EXIT_AFTER_PARENT_DIED.toSeconds() + " s after its parent died");
            }
        } finally {
            parent.destroyForcibly();
        }
    }

    private static void assertShutsDown(KernelClient client, Channel channel, boolean restart) throws InterruptedException {
        JsonObject content = new JsonObject();
        content.addProperty("restart", restart);
        long t0 = System.nanoTime();
        String id = client.send(channel, "shutdown_request", content);

        WireMessage reply = client.reply(channel, id, EXIT_AFTER_SHUTDOWN);
        assertEquals("shutdown_reply", reply.type());
        assertEquals("ok", reply.text("status"));
        assertEquals(restart, reply.content().get("restart").getAsBoolean(), "restart is echoed");
        Duration left = EXIT_AFTER_SHUTDOWN.minusNanos(System.nanoTime() - t0);
        assertTrue(client.kernel().awaitExit(left.isNegative() ? Duration.ZERO : left),
                "the kernel process still runs " + EXIT_AFTER_SHUTDOWN.toMillis() + " ms after shutdown_request");
        WireMessage broadcast = client.iopub.await(0, m -> m.type().equals("shutdown_reply") && id.equals(m.parentId()),
                Duration.ofMillis(200));
        assertNotNull(broadcast, "shutdown_reply is also published on iopub");
        assertEquals(restart, broadcast.content().get("restart").getAsBoolean());
    }
}
