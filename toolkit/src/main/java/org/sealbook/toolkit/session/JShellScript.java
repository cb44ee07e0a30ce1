package org.sealbook.toolkit.session;

import java.util.ArrayList;
import java.util.List;
import org.sealbook.toolkit.pipeline.FrontEnd;
import org.sealbook.toolkit.pipeline.Option;
import org.sealbook.toolkit.pipeline.Stage;
import org.sealbook.toolkit.pipeline.StageSpec;
import org.sealbook.toolkit.pipeline.Stages;

/**
 * Writes the JShell startup script (install/sealbook.jsh) from the stages' declarations: one method per stage, its
 * required options as parameters and the rest as name/value pairs, each over one {@link Session}. A stage added to
 * the session's stages gets its method here with nothing else to write (the script makes it with its public no-argument
 * constructor).
 * Usage: {@code java -cp ... org.sealbook.toolkit.session.JShellScript > install/sealbook.jsh}.
 */
public final class JShellScript {
    private JShellScript() {
    }

    public static void main(String[] args) {
        System.out.print(of(Session.standardStages()));
    }

    /** The startup script for {@code stages}. */
    public static String of(Stages stages) {
        StringBuilder s = new StringBuilder();
        s.append("// Sealbook in plain JShell, written by org.sealbook.toolkit.session.JShellScript from the stages' "
                + "declarations: do not edit.\n");
        s.append("// jshell --class-path <toolkit and its jars> --startup DEFAULT --startup install/sealbook.jsh\n");
        s.append("// Options go in as name, value pairs after the required ones, as in the cells' --name value: "
                + "hypothesize(\"seed\", \"7\"); a flag by its name: train(\"resume\").\n");
        s.append("import java.nio.file.Path;\n");
        s.append("import org.sealbook.toolkit.models.PromotedModel;\n");
        s.append("import org.sealbook.toolkit.pipeline.StageOutcome;\n");
        s.append("import org.sealbook.toolkit.session.Session;\n");
        s.append("import org.sealbook.toolkit.view.ConsoleView;\n\n");
        s.append("// One session: one explainer (each term is defined the first time only), one workspace, one batch.\n");
        List<String> standard = Session.standardStages().names();
        List<String> more = stages.all().stream().filter(st -> !standard.contains(st.spec().name()))
                .map(st -> "new " + st.getClass().getName().replace('$', '.') + "()").toList();
        s.append("Session sealbook = Session.jshell(Path.of(\"\")").append(more.isEmpty() ? ""
                : ", " + String.join(", ", more)).append(");\n\n");
        s.append("// Text to the console; figures as files in the workspace's figures folder.\n");
        s.append("ConsoleView sealbookView() {\n    return new ConsoleView(System.out, sealbook.workspace().folder()"
                + ".resolve(\"figures\"));\n}\n\n");
        s.append("java.util.List<String> sealbookArguments(String[] required, String... options) {\n"
                + "    java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(required));\n"
                + "    all.addAll(java.util.List.of(options));\n    return all;\n}\n\n");
        s.append("// Shows or switches the workspace folder (default sealbook-project here).\n");
        s.append("String useWorkspace(String... folder) {\n    return sealbook.useWorkspace(folder.length == 0 ? null "
                + ": folder[0]);\n}\n");
        for (Stage stage : stages.all()) {
            s.append('\n').append(method(stage.spec()));
        }
        return s.toString();
    }

    private static String method(StageSpec spec) {
        List<String> parameters = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Option<?> o : spec.required()) {
            String name = FrontEnd.method(o.name().replace('-', '_'));
            parameters.add("String " + name);
            names.add(name);
        }
        parameters.add("String... options");
        String optional = String.join(", ", spec.options().stream().filter(o -> !o.isRequired())
                .map(o -> o.name() + (o.isFlag() ? "" : " " + o.placeholder())).toList());
        return "// " + spec.help() + (optional.isEmpty() ? "" : "; options: " + optional) + ".\n"
                + "StageOutcome " + FrontEnd.method(spec.name()) + "(" + String.join(", ", parameters)
                + ") throws InterruptedException {\n"
                + "    return sealbook.runMethod(\"" + spec.name() + "\", sealbookArguments(new String[] {"
                + String.join(", ", names) + "}, options), sealbookView());\n}\n";
    }
}
