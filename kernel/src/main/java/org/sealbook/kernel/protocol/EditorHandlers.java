package org.sealbook.kernel.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sealbook.kernel.eval.Analysis;
import org.sealbook.kernel.magic.MagicRegistry;

/** What an editor asks while the user types: {@code complete}, {@code inspect} and {@code is_complete}. */
final class EditorHandlers {
    /** A magic's line up to the cursor that ends in an option being typed: {@code %hypothesize --se}. */
    private static final Pattern OPTION = Pattern.compile("(%%?)([A-Za-z0-9_]+)\\s.*?(--[A-Za-z0-9_-]*)");
    private final Analysis analysis;
    private final MagicRegistry magics;

    EditorHandlers(Analysis analysis, MagicRegistry magics) {
        this.analysis = analysis;
        this.magics = magics;
    }

    void complete(Request r) {
        String code = r.text("code", "");
        int cursor = Cursor.toIndex(code, r.number("cursor_pos", code.codePointCount(0, code.length())));
        int lineStart = code.lastIndexOf('\n', cursor - 1) + 1;
        String line = code.substring(lineStart, cursor);
        JsonArray matches = new JsonArray();
        int start;
        if (line.matches("%%?[A-Za-z0-9_]*")) {
            boolean cell = line.startsWith("%%");
            String prefix = cell ? "%%" : "%";
            String typed = line.substring(prefix.length());
            for (MagicRegistry.Entry e : cell ? magics.cellMagics() : magics.lineMagics()) {
                if (e.name().startsWith(typed)) {
                    matches.add(prefix + e.name());
                }
            }
            start = lineStart;
        } else if (line.startsWith("%")) {
            // inside a magic's arguments: only its declared options, after "--"
            Matcher m = OPTION.matcher(line);
            start = cursor;
            if (m.matches()) {
                boolean cell = m.group(1).length() == 2;
                MagicRegistry.Entry entry = cell ? magics.findCell(m.group(2)) : magics.findLine(m.group(2));
                if (entry != null) {
                    entry.options().stream().filter(o -> o.startsWith(m.group(3))).forEach(matches::add);
                    start = cursor - m.group(3).length();
                }
            }
        } else {
            Analysis.Completion c = analysis.complete(code, cursor);
            c.matches().forEach(matches::add);
            start = c.start();
        }
        JsonObject reply = new JsonObject();
        reply.addProperty("status", "ok");
        reply.add("matches", matches);
        reply.addProperty("cursor_start", Cursor.toCodePoints(code, start));
        reply.addProperty("cursor_end", Cursor.toCodePoints(code, cursor));
        reply.add("metadata", new JsonObject());
        r.reply(reply);
    }

    void inspect(Request r) {
        String code = r.text("code", "");
        int cursor = Cursor.toIndex(code, r.number("cursor_pos", code.codePointCount(0, code.length())));
        boolean detail = r.number("detail_level", 0) > 0;
        List<Analysis.Documentation> docs = analysis.inspect(code, cursor, detail);
        JsonObject reply = new JsonObject();
        reply.addProperty("status", "ok");
        reply.addProperty("found", !docs.isEmpty());
        JsonObject data = new JsonObject();
        if (!docs.isEmpty()) {
            StringBuilder text = new StringBuilder();
            for (Analysis.Documentation d : docs) {
                text.append(d.signature()).append('\n');
                if (detail && !d.javadoc().isBlank()) {
                    text.append('\n').append(d.javadoc().strip()).append("\n\n");
                }
            }
            data.addProperty("text/plain", text.toString().stripTrailing());
        }
        reply.add("data", data);
        reply.add("metadata", new JsonObject());
        r.reply(reply);
    }

    void isComplete(Request r) {
        String code = r.text("code", "");
        JsonObject reply = new JsonObject();
        String status;
        String indent = "";
        if (code.stripLeading().startsWith("%%")) {
            // A cell magic's body can be anything: it ends with an empty line, as in IPython.
            String[] lines = code.split("\n", -1);
            boolean endsWithEmptyLine = lines.length >= 3 && lines[lines.length - 1].isBlank() && lines[lines.length - 2].isBlank();
            status = endsWithEmptyLine ? "complete" : "incomplete";
        } else {
            Analysis.Completeness c = analysis.isComplete(withoutLineMagics(code));
            status = c.status();
            indent = c.indent();
        }
        reply.addProperty("status", status);
        if (status.equals("incomplete")) {
            reply.addProperty("indent", indent);
        }
        r.reply(reply);
    }

    /** Line magics are complete on their own line, so only the Java around them decides. */
    private static String withoutLineMagics(String code) {
        StringBuilder java = new StringBuilder();
        for (String line : code.split("\n", -1)) {
            java.append(line.stripLeading().startsWith("%") ? "" : line).append('\n');
        }
        return java.substring(0, java.length() - 1);
    }
}
