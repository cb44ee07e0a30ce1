package org.sealbook.kernel.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.sealbook.kernel.Log;
import org.sealbook.kernel.eval.Evaluator;
import org.sealbook.kernel.magic.MagicRegistry;
import org.sealbook.kernel.output.Iopub;
import org.sealbook.kernel.wire.Message;

/** {@code kernel_info}, {@code shutdown} and {@code interrupt}: the kernel as a process. */
final class LifecycleHandlers {
    static final String VERSION = "0.1.0";

    private final Evaluator evaluator;
    private final MagicRegistry magics;
    private final Stdin stdin;
    private final Iopub iopub;
    private final Runnable exit;

    LifecycleHandlers(Evaluator evaluator, MagicRegistry magics, Stdin stdin, Iopub iopub, Runnable exit) {
        this.evaluator = evaluator;
        this.magics = magics;
        this.stdin = stdin;
        this.iopub = iopub;
        this.exit = exit;
    }

    void kernelInfo(Request r) {
        JsonObject language = new JsonObject();
        language.addProperty("name", "java");
        language.addProperty("version", Runtime.version().toString());
        language.addProperty("mimetype", "text/x-java");
        language.addProperty("file_extension", ".java");
        language.addProperty("codemirror_mode", "text/x-java");
        language.addProperty("pygments_lexer", "java");
        JsonArray links = new JsonArray();
        links.add(link("Java API", "https://docs.oracle.com/en/java/javase/17/docs/api/"));
        links.add(link("JShell guide", "https://docs.oracle.com/en/java/javase/17/jshell/"));
        links.add(link("Sealbook", "https://github.com/sealbook/sealbook"));
        JsonObject c = new JsonObject();
        c.addProperty("status", "ok");
        c.addProperty("protocol_version", Message.PROTOCOL_VERSION);
        c.addProperty("implementation", "sealbook");
        c.addProperty("implementation_version", VERSION);
        c.add("language_info", language);
        c.addProperty("banner", "Sealbook " + VERSION + " - Java " + Runtime.version().feature()
                + " in JShell. %lsmagic lists the magics; display(x) shows any value.");
        c.add("help_links", links);
        c.addProperty("debugger", false);
        r.reply(c);
    }

    void shutdown(Request r) {
        JsonObject c = new JsonObject();
        c.addProperty("status", "ok");
        c.addProperty("restart", r.flag("restart", false));
        r.reply(c);
        iopub.publishRaw(r.message().header(), "shutdown_reply", c);
        Log.info("Shutdown requested" + (r.flag("restart", false) ? " (restart)" : "") + ".");
        exit.run();
    }

    void interrupt(Request r) {
        if (stdin.waiting()) {
            stdin.cancel();
        } else {
            evaluator.interrupt();
        }
        try {
            magics.interrupted(); // e.g. a training batch in the background stops with a checkpoint
        } catch (RuntimeException e) {
            Log.error("An interrupt action failed", e);
        }
        JsonObject c = new JsonObject();
        c.addProperty("status", "ok");
        r.reply(c);
    }

    private static JsonObject link(String text, String url) {
        JsonObject o = new JsonObject();
        o.addProperty("text", text);
        o.addProperty("url", url);
        return o;
    }
}
