package org.sealbook.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Cells that work: what iopub shows for them, what the reply says, and what later cells still see. */
@ExtendWith(KernelLogOnFailure.class)
class ExecuteTest {
    private static KernelClient client;

    @BeforeAll
    static void start() {
        client = KernelClient.launch();
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @Test
    void publishesTheInputWithItsCountAndTheResultAsText() {
        Exchange e = client.execute("1+1");

        assertEquals("execute_reply", e.reply().type());
        assertEquals("ok", e.status());
        int count = e.executionCount();
        assertTrue(count >= 1, "execution_count " + count);
        WireMessage input = e.only("execute_input");
        assertEquals("1+1", input.text("code"));
        assertEquals(count, input.content().get("execution_count").getAsInt());
        WireMessage result = e.only("execute_result");
        assertEquals("2", result.plainText());
        assertEquals(count, result.content().get("execution_count").getAsInt());
        assertTrue(e.iopub().indexOf(input) < e.iopub().indexOf(result), "execute_input comes before the result");
        assertTrue(e.iopub().get(e.iopub().size() - 1).isStatus("idle"));
    }

    @Test
    void countsUpByOnePerCell() {
        int first = client.execute("int countedA = 1;").executionCount();
        int second = client.execute("int countedB = 2;").executionCount();
        assertEquals(first + 1, second);
    }

    @Test
    void printsToStdoutAndStderrAsStreams() {
        Exchange e = client.execute("System.out.println(\"to out\");\nSystem.err.println(\"to err\");");

        assertEquals("ok", e.status());
        assertEquals("to out\n", e.stream("stdout"));
        assertEquals("to err\n", e.stream("stderr"));
        assertTrue(e.published("execute_result").isEmpty(), "statements show no result");
    }

    @Test
    void displayShowsRichOutputAndATrailingSemicolonHidesTheResult() {
        Exchange e = client.execute("display(html(\"<b>x</b>\"));");

        assertEquals("ok", e.status());
        WireMessage shown = e.only("display_data");
        JsonObject data = shown.content().getAsJsonObject("data");
        assertEquals("<b>x</b>", data.get("text/html").getAsString());
        String id = shown.content().getAsJsonObject("transient").get("display_id").getAsString();
        assertFalse(id.isBlank(), "display_id");
        assertTrue(e.published("execute_result").isEmpty(), "display(...); shows no execute_result: " + e.iopub());
    }

    @Test
    void updateDisplayReplacesAnEarlierDisplayById() {
        Exchange shown = client.execute("String shownId = display(html(\"<b>before</b>\"));");
        String id = shown.only("display_data").content().getAsJsonObject("transient").get("display_id").getAsString();

        Exchange update = client.execute("updateDisplay(shownId, html(\"<b>after</b>\"));");

        assertEquals("ok", update.status());
        WireMessage u = update.only("update_display_data");
        assertEquals(id, u.content().getAsJsonObject("transient").get("display_id").getAsString());
        assertEquals("<b>after</b>", u.content().getAsJsonObject("data").get("text/html").getAsString());
        assertTrue(update.published("display_data").isEmpty(), "an update is not a new display");
    }

    @Test
    void stateAndImportsPersistAcrossCells() {
        client.eval("int persisted = 41;");
        assertEquals("42", client.eval("persisted + 1"));

        client.eval("import java.time.LocalDate;");
        assertEquals("1", client.eval("LocalDate.of(2024, 1, 31).getMonthValue()"));

        client.eval("String greet(String who) { return \"hi \" + who; }");
        assertEquals("hi you", client.eval("greet(\"you\")"), "strings show as their text");
    }

    @Test
    void runsEverySnippetOfACellAndShowsTheLastValue() {
        Exchange e = client.execute("import java.time.Duration;\nint p = 2;\nint q = 3;\nSystem.out.println(p + q);\np * q");

        assertEquals("ok", e.status());
        assertEquals("5\n", e.stream("stdout"));
        assertEquals("6", e.result());
        assertEquals("60", client.eval("Duration.ofMinutes(1).getSeconds()"));
    }

    @Test
    void silentCellsPublishNothingAndAreNotCounted() {
        int before = client.execute("int silentBefore = 1;").executionCount();
        JsonObject content = KernelClient.executeContent("System.out.println(\"quiet\");\n1 + 2");
        content.addProperty("silent", true);

        Exchange silent = client.execute(content);

        assertEquals("ok", silent.status());
        assertTrue(silent.published("execute_input").isEmpty(), "no execute_input: " + silent.iopub());
        assertTrue(silent.published("execute_result").isEmpty(), "no execute_result: " + silent.iopub());
        assertEquals(before + 1, client.execute("int silentAfter = 1;").executionCount(), "silent cells are not counted");
    }

    @Test
    void cellsOutsideHistoryAreNotCounted() {
        int before = client.execute("int unstoredBefore = 1;").executionCount();
        JsonObject content = KernelClient.executeContent("3 * 3");
        content.addProperty("store_history", false);

        Exchange e = client.execute(content);

        assertEquals("ok", e.status());
        assertEquals("9", e.result());
        assertEquals(before + 1, client.execute("int unstoredAfter = 1;").executionCount());
    }

    @Test
    void evaluatesUserExpressionsAfterTheCell() {
        JsonObject content = KernelClient.executeContent("int expressed = 20;");
        JsonObject expressions = new JsonObject();
        expressions.addProperty("sum", "expressed + 1");
        expressions.addProperty("broken", "noSuchVariable + 1");
        content.add("user_expressions", expressions);

        Exchange e = client.execute(content);

        assertEquals("ok", e.status());
        JsonObject results = e.reply().content().getAsJsonObject("user_expressions");
        JsonObject sum = results.getAsJsonObject("sum");
        assertEquals("ok", sum.get("status").getAsString(), "sum: " + sum);
        assertEquals("21", sum.getAsJsonObject("data").get("text/plain").getAsString());
        JsonObject broken = results.getAsJsonObject("broken");
        assertEquals("error", broken.get("status").getAsString(), "broken: " + broken);
        assertFalse(broken.get("ename").getAsString().isBlank(), "ename of the failed expression");
        assertTrue(broken.has("evalue") && broken.has("traceback"), "error fields: " + broken);
    }

    @Test
    void outputOfAThreadACellStartedGoesToThatCellEvenAfterItsIdle() throws InterruptedException {
        // The thread prints only once cell B opens the gate, so certainly after cell A's idle, while B runs.
        String code = "var gate = new CountDownLatch(1);\n"
                + "new Thread(() -> {\n"
                + "    try { gate.await(); } catch (InterruptedException e) { }\n"
                + "    System.out.println(\"late from A\");\n"
                + "}).start();";
        Exchange a = client.execute(code);
        assertEquals("ok", a.status());
        String cellA = a.reply().parentId();

        Exchange b = client.execute("gate.countDown();\nThread.sleep(300);\n\"B done\"");

        assertEquals("B done", b.result());
        assertFalse(b.stream("stdout").contains("late from A"), "A's thread's text must not go to cell B: " + b.iopub());
        int afterIdleOfA = client.iopub.indexOf(a.iopub().get(a.iopub().size() - 1)) + 1;
        WireMessage late = client.iopub.await(afterIdleOfA,
                m -> m.type().equals("stream") && m.text("text").contains("late from A"), Duration.ofSeconds(10));
        assertNotNull(late, "the thread's output never arrived");
        assertEquals(cellA, late.parentId(), "parent of the thread's output");
        assertEquals("stdout", late.text("name"));
    }

    @Test
    void anExceptionAThreadACellStartedLeftUncaughtIsShownOnThatCellsStderr() {
        Exchange e = client.execute("Thread failing = new Thread(() -> { throw new IllegalStateException(\"boom in the background\"); });\n"
                + "failing.start();\n"
                + "failing.join();");

        assertEquals("ok", e.status(), "the cell itself did not fail: " + e.reply());
        String err = e.stream("stderr");
        assertTrue(err.contains("Exception in thread") && err.contains("IllegalStateException: boom in the background"),
                "stderr shows the thread's exception: " + e.iopub());
    }
}
