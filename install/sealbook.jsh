// Sealbook in plain JShell: jshell --class-path <toolkit and its jars> --startup DEFAULT --startup install/sealbook.jsh
// then: dataCheck("cars.csv", "Miles_per_Gallon")
import java.nio.file.Path;
import org.sealbook.toolkit.explain.Explainer;
import org.sealbook.toolkit.stage.DataCheckStage;
import org.sealbook.toolkit.view.ConsoleView;
import org.sealbook.toolkit.workspace.StageOutcome;
import org.sealbook.toolkit.workspace.Workspace;

// One explainer per JShell session, so each glossary term is defined the first time only.
Explainer sealbookExplainer = Explainer.session();

// Runs %data_check on the file at path, predicting target; the workspace is sealbook-project in the current folder.
StageOutcome dataCheck(String path, String target) {
    Workspace workspace = Workspace.open(Path.of(Workspace.DEFAULT_FOLDER));
    ConsoleView view = new ConsoleView(System.out, workspace.folder().resolve("figures"));
    return DataCheckStage.of(Path.of(path), target).run(workspace, view, sealbookExplainer);
}
