package org.sealbook.kernel.display;

import com.google.gson.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.sealbook.kernel.output.Iopub;

/**
 * The display functions notebook code calls (imported statically into every cell): show a value now, update it
 * later by its display id, clear the cell's output, and wrap text as HTML, Markdown, LaTeX or SVG.
 * Outside a kernel (plain jshell) they print the value's text form instead.
 */
public final class Display {
    private static volatile Iopub iopub;
    private static volatile RendererRegistry renderers = RendererRegistry.withDefaults();

    private Display() {
    }

    /** Called once by the kernel, so display calls publish to the notebook. */
    public static void connect(Iopub kernelIopub, RendererRegistry registry) {
        iopub = kernelIopub;
        renderers = registry;
    }

    public static RendererRegistry renderers() {
        return renderers;
    }

    /** Shows the value in the current cell's output; the returned id can update it later. */
    public static String display(Object value) {
        return show(render(value));
    }

    /** Shows only the listed forms; a string is taken to be content of each listed type. */
    public static String display(Object value, String... mimeTypes) {
        return show(render(value, mimeTypes));
    }

    /** Replaces what an earlier {@code display} showed, wherever it is in the notebook. */
    public static void updateDisplay(String displayId, Object value) {
        publish("update_display_data", render(value), displayId);
    }

    public static void updateDisplay(String displayId, Object value, String... mimeTypes) {
        publish("update_display_data", render(value, mimeTypes), displayId);
    }

    /** The value in every form its renderer gives, without showing it. */
    public static MimeBundle render(Object value) {
        return renderers.render(value);
    }

    public static MimeBundle render(Object value, String... mimeTypes) {
        List<String> wanted = Arrays.asList(mimeTypes);
        if (value instanceof CharSequence text) {
            MimeBundle b = new MimeBundle();
            wanted.forEach(m -> b.with(m, text.toString()));
            return b;
        }
        return renderers.render(value).only(wanted);
    }

    /** Clears the current cell's output now. */
    public static void clearOutput() {
        clearOutput(false);
    }

    /** Clears the current cell's output; with {@code wait}, only once new output arrives, to avoid flicker. */
    public static void clearOutput(boolean wait) {
        Iopub io = iopub;
        if (io != null) {
            JsonObject c = new JsonObject();
            c.addProperty("wait", wait);
            io.send("clear_output", c);
        }
    }

    public static MimeBundle html(String html) {
        return MimeBundle.of("text/html", html);
    }

    public static MimeBundle markdown(String markdown) {
        return MimeBundle.of("text/markdown", markdown);
    }

    public static MimeBundle latex(String latex) {
        return MimeBundle.of("text/latex", latex);
    }

    public static MimeBundle svg(String svg) {
        return MimeBundle.of("image/svg+xml", svg);
    }

    private static String show(MimeBundle bundle) {
        String id = UUID.randomUUID().toString();
        publish("display_data", bundle, id);
        return id;
    }

    private static void publish(String type, MimeBundle bundle, String displayId) {
        Iopub io = iopub;
        if (io == null) {
            System.out.println(bundle);
            return;
        }
        JsonObject content = new JsonObject();
        content.add("data", bundle.data());
        content.add("metadata", bundle.metadata());
        JsonObject transientPart = new JsonObject();
        transientPart.addProperty("display_id", displayId);
        content.add("transient", transientPart);
        io.send(type, content);
    }
}
