package org.sealbook.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** kernel_info, the heartbeat, and what an editor asks while the user types: complete, inspect, is_complete. */
@ExtendWith(KernelLogOnFailure.class)
class EditorRequestsTest {
    private static KernelClient client;
    /** The first is_complete_request after start: it must not wait for the compiler to warm up. */
    private static Exchange firstIsComplete;
    private static long firstIsCompleteMillis;

    @BeforeAll
    static void start() {
        client = KernelClient.launch();
        long t0 = System.nanoTime();
        firstIsComplete = client.request(Channel.SHELL, "is_complete_request", code("int x = 1;"));
        firstIsCompleteMillis = (System.nanoTime() - t0) / 1_000_000;
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @ParameterizedTest
    @EnumSource(value = Channel.class, names = {"SHELL", "CONTROL"})
    void kernelInfoDescribesAJavaKernel(Channel channel) {
        Exchange e = client.request(channel, "kernel_info_request", new JsonObject());

        assertEquals("kernel_info_reply", e.reply().type());
        JsonObject c = e.reply().content();
        assertEquals("ok", e.status());
        assertEquals("5.4", c.get("protocol_version").getAsString());
        assertFalse(c.get("banner").getAsString().isBlank(), "banner");
        assertFalse(c.get("implementation").getAsString().isBlank(), "implementation");
        JsonObject language = c.getAsJsonObject("language_info");
        assertEquals("java", language.get("name").getAsString());
        assertEquals("text/x-java", language.get("mimetype").getAsString());
        assertEquals(".java", language.get("file_extension").getAsString());
        assertFalse(language.get("version").getAsString().isBlank(), "language version");
        assertTrue(language.has("codemirror_mode"), "codemirror_mode");
        assertEquals("java", language.get("pygments_lexer").getAsString());
        JsonArray links = c.getAsJsonArray("help_links");
        assertFalse(links.isEmpty(), "help_links");
        for (JsonElement link : links) {
            assertTrue(link.getAsJsonObject().get("url").getAsString().startsWith("https://"), "help link " + link);
            assertFalse(link.getAsJsonObject().get("text").getAsString().isBlank(), "help link " + link);
        }
    }

    @Test
    void heartbeatEchoesWhatItIsSent() {
        byte[] ping = "ping \u00e9 1".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(ping, client.ping(ping, Duration.ofSeconds(5)));
        byte[] second = {0, 1, 2, (byte) 0xff};
        assertArrayEquals(second, client.ping(second, Duration.ofSeconds(5)));
    }

    @Test
    void completesMethodNamesAfterADot() {
        JsonObject reply = complete("System.out.pri", 14);

        List<String> matches = matches(reply);
        assertTrue(matches.stream().anyMatch(m -> m.startsWith("println")), "println in " + matches);
        assertTrue(matches.stream().anyMatch(m -> m.startsWith("print") && !m.startsWith("println")
                && !m.startsWith("printf")), "print in " + matches);
        assertTrue(matches.stream().allMatch(m -> m.startsWith("pri")), "only what fits 'pri': " + matches);
        assertEquals(11, reply.get("cursor_start").getAsInt(), "replaces from after 'System.out.'");
        assertEquals(14, reply.get("cursor_end").getAsInt());
    }

    @Test
    void completesInTheSecondStatementOfACell() {
        String code = "int a = 1;\nlong b = Math.ab";
        JsonObject reply = complete(code, code.length());

        List<String> matches = matches(reply);
        assertTrue(matches.stream().anyMatch(m -> m.startsWith("abs")), "abs in " + matches);
        assertEquals(code.length() - 2, reply.get("cursor_start").getAsInt());
        assertEquals(code.length(), reply.get("cursor_end").getAsInt());
    }

    @Test
    void completesWithTheCursorInTheMiddleOfACell() {
        String code = "int c = 1;\nMath.ab\nint d = 2;";
        int cursor = code.indexOf("ab") + 2;
        JsonObject reply = complete(code, cursor);

        assertTrue(matches(reply).stream().anyMatch(m -> m.startsWith("abs")), "abs in " + matches(reply));
        assertEquals(cursor - 2, reply.get("cursor_start").getAsInt());
        assertEquals(cursor, reply.get("cursor_end").getAsInt());
    }

    @Test
    void completesLineAndCellMagicNames() {
        JsonObject line = complete("%ls", 3);
        assertTrue(matches(line).contains("%lsmagic"), "matches " + matches(line));
        assertEquals(0, line.get("cursor_start").getAsInt());
        assertEquals(3, line.get("cursor_end").getAsInt());

        JsonObject cell = complete("%%ht", 4);
        assertEquals(List.of("%%html"), matches(cell));
        assertEquals(0, cell.get("cursor_start").getAsInt());
        assertEquals(4, cell.get("cursor_end").getAsInt());
    }

    @Test
    void countsCursorPositionsInCodePoints() {
        client.eval("String s = \"h\u00e9llo\";");
        String code = "String t = \"h\u00e9llo\ud83d\ude00\"; s.len";
        int cursor = code.codePointCount(0, code.length());
        assertEquals(code.length() - 1, cursor, "the emoji is one code point and two UTF-16 units");

        JsonObject reply = complete(code, cursor);

        assertTrue(matches(reply).stream().anyMatch(m -> m.startsWith("length")), "length in " + matches(reply));
        assertEquals(cursor - 3, reply.get("cursor_start").getAsInt(), "start of 'len' in code points");
        assertEquals(cursor, reply.get("cursor_end").getAsInt());
    }

    @Test
    void inspectShowsTheSignatureOfAMethod() {
        JsonObject content = code("Math.max");
        content.addProperty("cursor_pos", 8);
        content.addProperty("detail_level", 0);
        Exchange e = client.request(Channel.SHELL, "inspect_request", content);

        assertEquals("ok", e.status());
        assertTrue(e.reply().content().get("found").getAsBoolean(), "found");
        String text = e.reply().plainText();
        assertTrue(text != null && text.contains("max("), "signature in " + e.reply());
    }

    @Test
    void inspectFindsNothingForAnUnknownName() {
        JsonObject content = code("qwertyNoSuchThing");
        content.addProperty("cursor_pos", 17);
        content.addProperty("detail_level", 0);
        Exchange e = client.request(Channel.SHELL, "inspect_request", content);

        assertEquals("ok", e.status());
        assertFalse(e.reply().content().get("found").getAsBoolean(), "found: " + e.reply());
    }

    @Test
    void firstIsCompleteAnswersWithoutWaitingForTheCompiler() {
        assertEquals("complete", firstIsComplete.reply().text("status"));
        assertTrue(firstIsCompleteMillis < 2000, "first is_complete took " + firstIsCompleteMillis + " ms");
    }

    @Test
    void isCompleteTellsCompleteIncompleteAndInvalid() {
        assertEquals("complete", isComplete("int x = 1;").text("status"));

        WireMessage open = isComplete("for (int i = 0; i < 3; i++) {");
        assertEquals("incomplete", open.text("status"));
        assertFalse(open.text("indent").isEmpty(), "an indent for the next line: " + open);

        assertEquals("invalid", isComplete(")").text("status"));
    }

    private static JsonObject code(String code) {
        JsonObject c = new JsonObject();
        c.addProperty("code", code);
        return c;
    }

    private static WireMessage isComplete(String code) {
        return client.request(Channel.SHELL, "is_complete_request", code(code)).reply();
    }

    private static JsonObject complete(String code, int cursorPos) {
        JsonObject content = code(code);
        content.addProperty("cursor_pos", cursorPos);
        Exchange e = client.request(Channel.SHELL, "complete_request", content);
        assertEquals("complete_reply", e.reply().type());
        assertEquals("ok", e.status());
        return e.reply().content();
    }

    private static List<String> matches(JsonObject reply) {
        List<String> out = new ArrayList<>();
        reply.getAsJsonArray("matches").forEach(m -> out.add(m.getAsString()));
        return out;
    }
}
