package org.sealbook.magics;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.sealbook.kernel.comm.Comm;
import org.sealbook.kernel.comm.CommManager;

/**
 * An ipywidgets progress bar with a line of text beside it (an HBox of a FloatProgress and a Label, from
 * {@code @jupyter-widgets/controls} 2.x), built over comms with target {@code jupyter.widget}. Front ends with
 * widgets draw it; the display that shows it also carries HTML and text, so the others draw those instead.
 * Usage: {@code ProgressWidget w = ProgressWidget.open(comms, "exp_001 linear", 1000); w.set(500, "epoch 5 of 10");}
 */
final class ProgressWidget {
    static final String MIME = "application/vnd.jupyter.widget-view+json";
    private static final String TARGET = "jupyter.widget";
    private static final String CONTROLS = "@jupyter-widgets/controls";
    private static final String BASE = "@jupyter-widgets/base";
    private static final String VERSION = "2.0.0";
    /** The widget message protocol version the state follows. */
    private static final String PROTOCOL = "2.1.0";

    private final Comm bar;
    private final Comm text;
    private final Comm box;

    private ProgressWidget(Comm bar, Comm text, Comm box) {
        this.bar = bar;
        this.text = text;
        this.box = box;
    }

    static ProgressWidget open(CommManager comms, String label, long total) {
        JsonObject barState = model(CONTROLS, "FloatProgressModel", "ProgressView");
        barState.addProperty("description", label);
        barState.addProperty("min", 0);
        barState.addProperty("max", Math.max(1, total));
        barState.addProperty("value", 0);
        barState.addProperty("bar_style", "");
        barState.addProperty("orientation", "horizontal");
        barState.addProperty("layout", ref(open(comms, layout())));
        JsonObject barStyle = model(CONTROLS, "ProgressStyleModel", "StyleView");
        barStyle.addProperty("_view_module", BASE);
        barStyle.addProperty("description_width", "initial"); // the whole label, not the first few letters
        barState.addProperty("style", ref(open(comms, barStyle)));
        Comm bar = open(comms, barState);

        JsonObject textState = model(CONTROLS, "LabelModel", "LabelView");
        textState.addProperty("value", "");
        textState.addProperty("layout", ref(open(comms, layout())));
        JsonObject textStyle = model(CONTROLS, "LabelStyleModel", "StyleView");
        textStyle.addProperty("_view_module", BASE);
        textStyle.addProperty("description_width", "");
        textState.addProperty("style", ref(open(comms, textStyle)));
        Comm text = open(comms, textState);

        JsonObject boxState = model(CONTROLS, "HBoxModel", "HBoxView");
        JsonArray children = new JsonArray();
        children.add(ref(bar));
        children.add(ref(text));
        boxState.add("children", children);
        boxState.addProperty("layout", ref(open(comms, layout())));
        return new ProgressWidget(bar, text, open(comms, boxState));
    }

    /** What a display shows to put this widget in a cell. */
    JsonObject view() {
        JsonObject v = new JsonObject();
        v.addProperty("model_id", box.id());
        v.addProperty("version_major", 2);
        v.addProperty("version_minor", 0);
        return v;
    }

    /** Moves the bar to {@code done} and sets the text beside it; green when the work is complete. */
    void set(long done, long total, String detail) {
        JsonObject barUpdate = new JsonObject();
        barUpdate.addProperty("value", Math.max(0, Math.min(done, Math.max(1, total))));
        if (total > 0 && done >= total) {
            barUpdate.addProperty("bar_style", "success");
        }
        update(bar, barUpdate);
        JsonObject textUpdate = new JsonObject();
        textUpdate.addProperty("value", detail);
        update(text, textUpdate);
    }

    private static void update(Comm comm, JsonObject state) {
        JsonObject data = new JsonObject();
        data.addProperty("method", "update");
        data.add("state", state);
        data.add("buffer_paths", new JsonArray());
        comm.send(data);
    }

    private static Comm open(CommManager comms, JsonObject state) {
        JsonObject data = new JsonObject();
        data.add("state", state);
        data.add("buffer_paths", new JsonArray());
        JsonObject metadata = new JsonObject();
        metadata.addProperty("version", PROTOCOL);
        return comms.open(TARGET, data, metadata);
    }

    private static JsonObject layout() {
        return model(BASE, "LayoutModel", "LayoutView");
    }

    private static JsonObject model(String module, String model, String view) {
        JsonObject s = new JsonObject();
        s.addProperty("_model_module", module);
        s.addProperty("_model_module_version", VERSION);
        s.addProperty("_model_name", model);
        s.addProperty("_view_module", module);
        s.addProperty("_view_module_version", VERSION);
        s.addProperty("_view_name", view);
        return s;
    }

    private static String ref(Comm comm) {
        return "IPY_MODEL_" + comm.id();
    }
}
