package org.sealbook.magics;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.sealbook.kernel.comm.Comm;
import org.sealbook.kernel.comm.CommManager;
import org.sealbook.toolkit.view.Html;

/**
 * An ipywidgets progress bar between its label and a line of text (an HBox of a Label, a FloatProgress and an HTML,
 * from {@code @jupyter-widgets/controls} 2.x), built over comms with target {@code jupyter.widget}. Front ends with
 * widgets draw it; the display that shows it also carries HTML and text, so the others draw those instead.
 * The bar has a width of its own that never shrinks, so a long label cannot squeeze it to nothing; the text beside it
 * takes the rest of the row and wraps instead of running past the cell's edge (a Label widget never wraps).
 * Usage: {@code ProgressWidget w = ProgressWidget.open(comms, "exp_001 linear", 1000); w.set(500, 1000, "epoch 5 of 10", "");}
 */
final class ProgressWidget {
    static final String MIME = "application/vnd.jupyter.widget-view+json";
    private static final String TARGET = "jupyter.widget";
    private static final String CONTROLS = "@jupyter-widgets/controls";
    private static final String BASE = "@jupyter-widgets/base";
    private static final String VERSION = "2.0.0";
    /** The widget message protocol version the state follows. */
    private static final String PROTOCOL = "2.1.0";
    /** The bar's own width, the same as the HTML form's. */
    static final String BAR_WIDTH = "200px";
    /** The least width of the label, so the bars of a batch's runs line up; a longer label takes more. */
    static final String LABEL_WIDTH = "14em";

    private final Comm bar;
    private final Comm text;
    private final Comm box;
    private String lastText = "";

    private ProgressWidget(Comm bar, Comm text, Comm box) {
        this.bar = bar;
        this.text = text;
        this.box = box;
    }

    static ProgressWidget open(CommManager comms, String label, long total) {
        JsonObject nameState = model(CONTROLS, "LabelModel", "LabelView");
        nameState.addProperty("value", label);
        nameState.addProperty("layout", ref(open(comms, layout("flex", "0 0 auto", "min_width", LABEL_WIDTH))));
        nameState.addProperty("style", ref(open(comms, style("LabelStyleModel"))));
        Comm name = open(comms, nameState);

        JsonObject barState = model(CONTROLS, "FloatProgressModel", "ProgressView");
        barState.addProperty("description", "");
        barState.addProperty("min", 0);
        barState.addProperty("max", Math.max(1, total));
        barState.addProperty("value", 0);
        barState.addProperty("bar_style", "");
        barState.addProperty("orientation", "horizontal");
        barState.addProperty("layout", ref(open(comms, layout("width", BAR_WIDTH, "flex", "0 0 " + BAR_WIDTH))));
        barState.addProperty("style", ref(open(comms, style("ProgressStyleModel"))));
        Comm bar = open(comms, barState);

        JsonObject textState = model(CONTROLS, "HTMLModel", "HTMLView");
        textState.addProperty("value", "");
        textState.addProperty("layout", ref(open(comms, layout("flex", "1 1 0%", "min_width", "0"))));
        textState.addProperty("style", ref(open(comms, style("HTMLStyleModel"))));
        Comm text = open(comms, textState);

        JsonObject boxState = model(CONTROLS, "HBoxModel", "HBoxView");
        JsonArray children = new JsonArray();
        children.add(ref(name));
        children.add(ref(bar));
        children.add(ref(text));
        boxState.add("children", children);
        boxState.addProperty("layout", ref(open(comms, layout("align_items", "center", "width", "100%"))));
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

    /**
     * Moves the bar to {@code done} and sets the text beside it, after the curves' SVG when there is one; green when
     * the work is complete. The SVG travels only when it changed, at most twice a second.
     */
    void set(long done, long total, String detail, String curvesSvg) {
        JsonObject barUpdate = new JsonObject();
        barUpdate.addProperty("value", Math.max(0, Math.min(done, Math.max(1, total))));
        if (total > 0 && done >= total) {
            barUpdate.addProperty("bar_style", "success");
        }
        update(bar, barUpdate);
        // the chart and the text side by side; the text wraps beside the chart rather than under it
        String value = curvesSvg.isEmpty() ? wrapping(detail) : "<div style=\"display:flex;align-items:center;"
                + "column-gap:8px\"><span style=\"flex:0 0 auto;line-height:0\">" + curvesSvg + "</span><span style=\""
                + "flex:1 1 auto;min-width:0\">" + wrapping(detail) + "</span></div>";
        if (!value.equals(lastText)) {
            JsonObject textUpdate = new JsonObject();
            textUpdate.addProperty("value", value);
            update(text, textUpdate);
            lastText = value;
        }
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

    /** The text as HTML that wraps: the widget's own style keeps it on one line at the height of the bar. */
    static String wrapping(String detail) {
        return detail.isBlank() ? "" : "<span style=\"display:inline-block;white-space:normal;overflow-wrap:anywhere;"
                + "line-height:1.35\">" + Html.escape(detail) + "</span>";
    }

    /** A layout with the given properties, as name, value pairs. */
    private static JsonObject layout(String... properties) {
        JsonObject layout = model(BASE, "LayoutModel", "LayoutView");
        for (int i = 0; i + 1 < properties.length; i += 2) {
            layout.addProperty(properties[i], properties[i + 1]);
        }
        return layout;
    }

    private static JsonObject style(String model) {
        JsonObject style = model(CONTROLS, model, "StyleView");
        style.addProperty("_view_module", BASE);
        style.addProperty("description_width", "");
        return style;
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
