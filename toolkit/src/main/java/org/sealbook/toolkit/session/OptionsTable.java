package org.sealbook.toolkit.session;

import java.util.ArrayList;
import java.util.List;
import org.sealbook.toolkit.pipeline.FrontEnd;
import org.sealbook.toolkit.pipeline.Option;
import org.sealbook.toolkit.pipeline.Stage;
import org.sealbook.toolkit.pipeline.StageSpec;
import org.sealbook.toolkit.pipeline.Stages;

/**
 * The README's table of each stage's options, written from the declarations (a test checks the README holds them
 * as written here). Usage: {@code java -cp ... org.sealbook.toolkit.session.OptionsTable} prints every table.
 */
public final class OptionsTable {
    private OptionsTable() {
    }

    public static void main(String[] args) {
        System.out.print(of(Session.standardStages()));
    }

    /** One heading and table per stage, in the stages' order. */
    public static String of(Stages stages) {
        List<String> parts = new ArrayList<>();
        for (Stage stage : stages.all()) {
            parts.add(markdown(stage.spec()));
        }
        return String.join("\n", parts);
    }

    /** A stage's table: how each option is written, what it takes, its default and what it does. */
    public static String markdown(StageSpec spec) {
        StringBuilder s = new StringBuilder("#### `%").append(spec.name()).append("`, `")
                .append(FrontEnd.method(spec.name())).append("(...)`\n\n")
                .append(spec.help()).append(". `").append(spec.usage()).append('`')
                .append(spec.takesBody() ? ", or `%%" + spec.name() + "` with `NAME: VALUE` lines" : "").append(".\n\n")
                .append("| Option | Takes | Default | What it does |\n| --- | --- | --- | --- |\n");
        for (Option<?> o : spec.options()) {
            String name = o.isPositional() ? o.placeholder() + (o.isRequired() ? "" : " (optional)")
                    : "--" + o.name() + (o.isFlag() ? "" : " " + o.placeholder());
            String takes = o.type() + (o.isRepeatable() ? ", repeatable" : "");
            String fallback = o.isRequired() ? "required" : o.fallbackText().isEmpty() ? "-" : o.fallbackText();
            s.append("| `").append(name.replace("|", "\\|")).append("` | ").append(takes.replace("|", "\\|"))
                    .append(" | ").append(fallback.replace("|", "\\|")).append(" | ")
                    .append(o.help().replace("|", "\\|")).append(" |\n");
        }
        return s.toString();
    }
}
