package org.sealbook.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Reading System.in through the front end, and interrupting cells that loop or wait for input. */
@ExtendWith(KernelLogOnFailure.class)
class StdinAndInterruptTest {
    private static final String READ_LINE = "new java.util.Scanner(System.in).nextLine()";
    /** How soon an interrupted cell must answer. */
    private static final Duration PROMPTLY = Duration.ofSeconds(5);
    /** Linux's USER_HZ, what `getconf CLK_TCK` prints on every mainstream kernel. */
    private static final double TICKS_PER_SECOND = 100;

    private static KernelClient client;

    @BeforeAll
    static void start() {
        client = KernelClient.launch();
        client.eval("int warmedUp = 1;");
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @Test
    void readingSystemInAsksTheFrontEndForALine() {
        String id = client.send(Channel.SHELL, "execute_request", KernelClient.executeContent(READ_LINE));

        WireMessage asked = awaitInputRequest(id);
        assertEquals(Boolean.FALSE, asked.content().get("password").getAsBoolean());
        assertTrue(asked.content().has("prompt"), "prompt: " + asked);
        JsonObject answer = new JsonObject();
        answer.addProperty("value", "hello");
        client.send(Channel.STDIN, "input_reply", answer);

        WireMessage reply = client.reply(Channel.SHELL, id);
        assertEquals("ok", reply.text("status"), "reply: " + reply);
        Exchange e = new Exchange(reply, client.busyToIdle(id));
        assertEquals("hello", e.result());
    }

    @Test
    void readingSystemInWithoutAllowStdinFailsAtOnceWithAnExplanation() {
        JsonObject content = KernelClient.executeContent(READ_LINE);
        content.addProperty("allow_stdin", false);
        String id = client.send(Channel.SHELL, "execute_request", content);

        WireMessage reply = client.reply(Channel.SHELL, id, PROMPTLY);

        assertEquals("error", reply.text("status"));
        assertTrue(reply.text("evalue").contains("input"), "evalue explains that input is not available: " + reply);
        assertNull(client.next(Channel.STDIN, Duration.ofMillis(200)), "no input_request when stdin is not allowed");
        client.busyToIdle(id);
    }

    @Test
    void theKernelRunsOnTheJavaTheTestsChose() throws Exception {
        // CI reruns these tests with -Dsealbook.test.java pointing at Java 25; they must really run the kernel there.
        Path expected = Path.of(KernelProcess.javaBinary()).toRealPath().getParent().getParent();
        String javaHome = client.eval("System.getProperty(\"java.home\")");
        assertEquals(expected.toString(), Path.of(javaHome.replace("\"", "")).toRealPath().toString(),
                "the kernel's java.home (it runs Java " + client.eval("Runtime.version().feature()") + ")");
    }

    @Test
    void interruptStopsAnEndlessLoopAndTheKernelGoesIdle() throws Exception {
        String id = client.send(Channel.SHELL, "execute_request", KernelClient.executeContent("while (true) { }"));
        assertNull(client.pollReply(Channel.SHELL, id, Duration.ofSeconds(1)), "the loop is still running");
        byte[] ping = {42};
        assertArrayEquals(ping, client.ping(ping, Duration.ofSeconds(5)), "heartbeat answers during a busy cell");

        interruptAndExpectItStopped(id);

        assertNothingSpins();
        assertEquals("2", client.eval("1+1"));
    }

    @Test
    void anInterruptThatComesWhileTheCellIsStillCompilingStopsItsLoop() throws Exception {
        // A class with many methods takes JShell a while to compile, so the interrupt comes before any code runs.
        StringBuilder code = new StringBuilder("class ManyMethods {\n");
        for (int i = 0; i < 300; i++) {
            code.append("    int m").append(i).append("(int x) { return x * ").append(i).append(" + m").append(Math.max(0, i - 1))
                    .append("(x - 1); }\n");
        }
        code.append("}\nwhile (true) { }");
        int mark = client.iopub.size();
        String id = client.send(Channel.SHELL, "execute_request", KernelClient.executeContent(code.toString()));
        assertNotNull(client.iopub.await(mark, m -> id.equals(m.parentId()) && m.type().equals("execute_input"),
                KernelClient.REPLY_TIMEOUT), "execute_input");

        interruptAndExpectItStopped(id);

        assertNothingSpins();
        assertEquals("2", client.eval("1+1"));
    }

    @Test
    void interruptStopsALoopInAMethodAnEarlierCellDeclared() throws Exception {
        client.eval("long spinForever(long seed) {\n    long x = seed;\n    while (x != -7) { x = x * 31 + 1; }\n    return x;\n}");

        interruptWhileRunning("spinForever(1)");
    }

    @Test
    void interruptStopsALoopInsideAClassTheUserWrote() throws Exception {
        client.eval("class Spinner {\n    int turns;\n    void spin() { for (;;) { turns++; } }\n}");

        interruptWhileRunning("new Spinner().spin();");
    }

    @Test
    void interruptStopsASleepingLoopThatSwallowsInterruption() throws Exception {
        // Interrupting the thread is not enough here: the loop catches InterruptedException and goes on.
        interruptWhileRunning("while (true) {\n    try { Thread.sleep(20); } catch (InterruptedException ignored) { }\n}");
    }

    @Test
    void interruptStopsASleepAndSaysTheCellWasInterrupted() throws Exception {
        String id = client.send(Channel.SHELL, "execute_request", KernelClient.executeContent("Thread.sleep(600_000);"));
        assertNull(client.pollReply(Channel.SHELL, id, Duration.ofSeconds(1)), "the sleep is still running");

        List<WireMessage> published = interruptAndExpectItStopped(id);

        WireMessage error = published.stream().filter(m -> m.type().equals("error")).findFirst().orElse(null);
        if (error != null) { // the user asked to stop, so the cell says so rather than showing an InterruptedException
            assertEquals("Interrupted", error.text("ename"), "the error shown: " + error);
        }
        assertEquals("5", client.eval("2+3"));
    }

    @Test
    void interruptKeepsTheKernelAliveWhenAnEarlierCellLeftAThreadLooping() throws Exception {
        // What happens to the looping thread depends on the JDK (see CellExecutionControl); the kernel must go on.
        assertEquals("true", client.eval("var keepSpinning = new java.util.concurrent.atomic.AtomicBoolean(true);\n"
                + "Thread spinner = new Thread(() -> { long n = 0; while (keepSpinning.get()) { n++; } });\n"
                + "spinner.setDaemon(true);\n"
                + "spinner.start();\n"
                + "spinner.isAlive()"));
        try {
            String id = client.send(Channel.SHELL, "execute_request", KernelClient.executeContent("while (true) { }"));
            assertNull(client.pollReply(Channel.SHELL, id, Duration.ofSeconds(1)), "the loop is still running");

            interruptAndExpectItStopped(id);

            assertEquals("2", client.eval("1+1"));
        } finally {
            // the other tests measure the kernel's CPU, so the thread must end whatever happened above
            assertEquals("false", client.eval("keepSpinning.set(false);\nspinner.join(10_000);\nspinner.isAlive()"));
        }
        assertNothingSpins();
    }

    /** Runs the code, checks it is still running after a second, interrupts it, and checks the kernel is idle and usable. */
    private static void interruptWhileRunning(String code) throws Exception {
        String id = client.send(Channel.SHELL, "execute_request", KernelClient.executeContent(code));
        assertNull(client.pollReply(Channel.SHELL, id, Duration.ofSeconds(1)), "the cell is still running: " + code);

        interruptAndExpectItStopped(id);

        assertNothingSpins();
        assertEquals("2", client.eval("1+1"));
    }

    /** Sends interrupt_request on control; the running cell must then answer promptly, as interrupted. */
    private static List<WireMessage> interruptAndExpectItStopped(String executeId) {
        Exchange interrupt = client.request(Channel.CONTROL, "interrupt_request", new JsonObject());
        assertEquals("interrupt_reply", interrupt.reply().type());
        assertEquals("ok", interrupt.status());

        WireMessage reply = client.reply(Channel.SHELL, executeId, PROMPTLY);
        List<WireMessage> published = client.busyToIdle(executeId);
        assertInterrupted(reply, published);
        return published;
    }

    /**
     * A loop that survived the interrupt keeps one thread at a whole core. The JIT compiler and the garbage collector
     * may still be busy for a moment after it (on a fresh kernel they can take more than a core between them), so both
     * checks leave their threads out: no other thread may use half a core, and all of them together less than one.
     */
    private static void assertNothingSpins() throws Exception {
        KernelProcess kernel = client.kernel();
        Map<String, Long> threadsBefore = kernel.cpuTicksByThread();
        long t0 = System.nanoTime();
        Thread.sleep(1500);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Long> busiest = busiestThreads(threadsBefore, kernel.cpuTicksByThread());
        long busiestApplicationThread = busiest.entrySet().stream()
                .filter(e -> !isJvmServiceThread(e.getKey()))
                .mapToLong(Map.Entry::getValue).max().orElse(0);
        long applicationThreads = busiest.entrySet().stream()
                .filter(e -> !isJvmServiceThread(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        double applicationShare = applicationThreads / TICKS_PER_SECOND / seconds;
        double share = busiestApplicationThread / TICKS_PER_SECOND / seconds;
        assertTrue(share < 0.5, String.format("a kernel thread still used %.0f%% of a core after the interrupt; ticks by thread: %s",
                share * 100, busiest));
        assertTrue(applicationShare < 1.0, String.format("the kernel's threads still used %.0f%% of a core after the interrupt; ticks by thread: %s",
                applicationShare * 100, busiest));
    }

    @Test
    void interruptCancelsAWaitForInput() {
        String id = client.send(Channel.SHELL, "execute_request", KernelClient.executeContent(READ_LINE));
        awaitInputRequest(id);

        Exchange interrupt = client.request(Channel.CONTROL, "interrupt_request", new JsonObject());
        assertEquals("ok", interrupt.status());

        WireMessage reply = client.reply(Channel.SHELL, id, PROMPTLY);
        assertInterrupted(reply, client.busyToIdle(id));
        assertEquals("3", client.eval("1+2"));
    }

    /** An interrupted cell answers error (with the error shown on iopub) or aborted, never ok. */
    private static void assertInterrupted(WireMessage reply, List<WireMessage> published) {
        String status = reply.text("status");
        assertTrue(Set.of("error", "aborted").contains(status), "interrupted cell's reply: " + reply);
        if (status.equals("error")) {
            assertEquals(1, published.stream().filter(m -> m.type().equals("error")).count(), "the error on iopub: " + published);
        }
    }

    private static boolean isJvmServiceThread(String name) {
        return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre") || name.startsWith("G1 ")
                || name.startsWith("GC Thread") || name.startsWith("VM Thread") || name.startsWith("VM Periodic");
    }

    /** Threads that used CPU between the two samples, busiest first. */
    private static Map<String, Long> busiestThreads(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> used = new LinkedHashMap<>();
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> used.put(e.getKey(), e.getValue()));
        return used;
    }

    private static WireMessage awaitInputRequest(String executeId) {
        WireMessage asked = client.next(Channel.STDIN, KernelClient.REPLY_TIMEOUT);
        assertNotNull(asked, "no input_request on stdin");
        assertEquals("input_request", asked.type());
        assertEquals(executeId, asked.parentId(), "the input_request's parent is the execute_request");
        return asked;
    }
}
