package org.sealbook.kernel.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Map;
import java.util.function.Consumer;
import org.sealbook.kernel.display.Display;
import org.sealbook.kernel.display.MimeBundle;
import org.sealbook.kernel.eval.CellError;
import org.sealbook.kernel.eval.Evaluator;
import org.sealbook.kernel.history.History;
import org.sealbook.kernel.magic.CellParts;
import org.sealbook.kernel.magic.MagicCall;
import org.sealbook.kernel.magic.MagicRegistry;
import org.sealbook.kernel.magic.MagicSession;
import org.sealbook.kernel.output.CellContext;
import org.sealbook.kernel.output.Iopub;
import org.sealbook.kernel.output.StreamRouter;
import org.sealbook.kernel.wire.RouterChannel;

/**
 * {@code execute_request}: counts, publishes the input, runs the cell's parts in order (Java through the
 * evaluator, magics through the registry), publishes the result or the error, and replies.
 */
final class ExecuteHandler implements Handler {
    private final Evaluator evaluator;
    private final MagicRegistry magics;
    private final History history;
    private final Iopub iopub;
    private final StreamRouter streams;
    private int executionCount;
    /** Answers the executes already queued behind a failed cell 'aborted', before that cell goes idle. */
    private final Consumer<RouterChannel> abortQueued;

    ExecuteHandler(Evaluator evaluator, MagicRegistry magics, History history, Iopub iopub, StreamRouter streams,
                   Consumer<RouterChannel> abortQueued) {
        this.abortQueued = abortQueued;
        this.evaluator = evaluator;
        this.magics = magics;
        this.history = history;
        this.iopub = iopub;
        this.streams = streams;
    }

    /** The reply to an execute that was queued behind a failed cell. */
    void abort(Request r) {
        JsonObject reply = new JsonObject();
        reply.addProperty("status", "aborted");
        reply.addProperty("execution_count", executionCount);
        r.reply(reply);
    }

    @Override
    public void handle(Request r) {
        String code = r.text("code", "");
        boolean silent = r.flag("silent", false);
        boolean storeHistory = !silent && r.flag("store_history", true);
        if (storeHistory) {
            executionCount++;
        }
        int count = executionCount;
        CellContext cell = new CellContext(r.message(), r.flag("allow_stdin", true));
        cell.enter();
        if (!silent) {
            JsonObject input = new JsonObject();
            input.addProperty("code", code);
            input.addProperty("execution_count", count);
            iopub.send(cell, "execute_input", input);
        }
        String label = storeHistory ? "cell [" + count + "]" : "cell";
        JsonObject reply = new JsonObject();
        String output = null;
        boolean abort = false;
        try {
            Evaluator.Outcome outcome = run(code, label);
            streams.flush(cell);
            if (outcome.hasValue() && !silent) {
                MimeBundle bundle = Display.render(outcome.value());
                output = bundle.get("text/plain");
                JsonObject result = new JsonObject();
                result.addProperty("execution_count", count);
                result.add("data", bundle.data());
                result.add("metadata", bundle.metadata());
                iopub.send(cell, "execute_result", result);
            }
            reply.addProperty("status", "ok");
            reply.add("user_expressions", userExpressions(r.content()));
            reply.add("payload", payload(code));
        } catch (CellError e) {
            streams.flush(cell);
            JsonObject error = errorContent(e);
            iopub.send(cell, "error", error);
            reply.addProperty("status", "error");
            error.entrySet().forEach(en -> reply.add(en.getKey(), en.getValue()));
            abort = r.flag("stop_on_error", true);
        } finally {
            streams.flush(cell);
        }
        reply.addProperty("execution_count", count);
        if (storeHistory) {
            history.add(count, code, output);
        }
        r.reply(reply);
        if (abort) {
            abortQueued.accept(r.channel()); // the channel this cell came on, read by the thread that owns it
        }
    }

    /** A console ends its session when told to: {@code exit} or {@code quit} alone in a cell, as in IPython. */
    private static JsonArray payload(String code) {
        JsonArray payload = new JsonArray();
        if (isExitCommand(code)) {
            JsonObject exit = new JsonObject();
            exit.addProperty("source", "ask_exit");
            exit.addProperty("keepkernel", false);
            payload.add(exit);
        }
        return payload;
    }

    private static boolean isExitCommand(String code) {
        String c = code.strip();
        return c.equals("exit") || c.equals("quit") || c.equals("exit()") || c.equals("quit()");
    }

    private Evaluator.Outcome run(String code, String label) throws CellError {
        if (isExitCommand(code)) {
            return new Evaluator.Outcome(false, null);
        }
        Evaluator.Outcome outcome = new Evaluator.Outcome(false, null);
        MagicSession session = new Session(label);
        for (CellParts.Part part : CellParts.parse(code)) {
            if (part instanceof CellParts.Code c) {
                outcome = evaluator.eval(c.code(), label, c.line());
            } else if (part instanceof CellParts.LineMagic m) {
                outcome = runMagic(magics.findLine(m.name()), m.name(), new MagicCall(m.name(), m.args(), null, m.line(), session), label);
            } else if (part instanceof CellParts.CellMagic m) {
                outcome = runMagic(magics.findCell(m.name()), m.name(), new MagicCall(m.name(), m.args(), m.body(), m.line(), session), label);
            }
        }
        return outcome;
    }

    private Evaluator.Outcome runMagic(MagicRegistry.Entry entry, String name, MagicCall call, String label) throws CellError {
        String shown = (call.isCellMagic() ? "%%" : "%") + name;
        if (entry == null) {
            String sentence = magics.unknown(name, call.isCellMagic());
            throw new CellError("UnknownMagic", sentence, java.util.List.of(sentence));
        }
        try {
            Object value = entry.magic().run(call);
            return value == null ? new Evaluator.Outcome(false, null) : new Evaluator.Outcome(true, value);
        } catch (CellError e) {
            throw e;
        } catch (Exception e) {
            String sentence = e.getMessage() == null ? e.toString() : e.getMessage();
            org.sealbook.kernel.Log.error(shown + " failed in " + label, e);
            throw new CellError(e.getClass().getSimpleName(), sentence, java.util.List.of(shown + ": " + sentence));
        }
    }

    private JsonObject userExpressions(JsonObject content) {
        JsonObject out = new JsonObject();
        JsonElement asked = content.get("user_expressions");
        if (asked == null || !asked.isJsonObject()) {
            return out;
        }
        for (Map.Entry<String, JsonElement> e : asked.getAsJsonObject().entrySet()) {
            JsonObject value = new JsonObject();
            try {
                Evaluator.Outcome o = evaluator.eval(e.getValue().getAsString(), "user expression " + e.getKey(), 1);
                MimeBundle b = o.hasValue() ? Display.render(o.value()) : MimeBundle.text("");
                value.addProperty("status", "ok");
                value.add("data", b.data());
                value.add("metadata", b.metadata());
            } catch (CellError err) {
                value = errorContent(err);
                value.addProperty("status", "error");
            }
            out.add(e.getKey(), value);
        }
        return out;
    }

    private static JsonObject errorContent(CellError e) {
        JsonObject c = new JsonObject();
        c.addProperty("ename", e.name());
        c.addProperty("evalue", e.value());
        JsonArray tb = new JsonArray();
        e.traceback().forEach(tb::add);
        c.add("traceback", tb);
        return c;
    }

    /** What the magics of one cell may use. */
    private final class Session implements MagicSession {
        private final String label;

        Session(String label) {
            this.label = label;
        }

        @Override
        public Evaluator evaluator() {
            return evaluator;
        }

        @Override
        public MagicRegistry magics() {
            return magics;
        }

        @Override
        public String cellLabel() {
            return label;
        }
    }
}
