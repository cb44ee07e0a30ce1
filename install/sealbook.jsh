// Sealbook in plain JShell: jshell --class-path <toolkit and its jars> --startup DEFAULT --startup install/sealbook.jsh
// then: dataCheck("cars.csv", "Miles_per_Gallon"); hypothesize(); designExperiments(); train(); report()
// Choices go in as name, value pairs, as in the cells: hypothesize("seed", "7"), designExperiments("drop", "exp_006")
import java.nio.file.Path;
import org.sealbook.toolkit.explain.Explainer;
import org.sealbook.toolkit.stage.DataCheckStage;
import org.sealbook.toolkit.stage.DesignStage;
import org.sealbook.toolkit.stage.HypothesisStage;
import org.sealbook.toolkit.stage.ReportStage;
import org.sealbook.toolkit.stage.TrainStage;
import org.sealbook.toolkit.models.PromotedModel;
import org.sealbook.toolkit.runs.Batch;
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

// Runs %hypothesize on the sealed data check; choices come as name, value pairs: hypothesize("seed", "7").
StageOutcome hypothesize(String... choices) {
    Workspace workspace = Workspace.open(Path.of(Workspace.DEFAULT_FOLDER));
    HypothesisStage stage = HypothesisStage.create();
    for (int i = 0; i + 1 < choices.length; i += 2) {
        stage.option(choices[i], choices[i + 1]);
    }
    return stage.run(workspace, new ConsoleView(System.out, workspace.folder().resolve("figures")), sealbookExplainer);
}

// Runs %design_experiments on the sealed hypothesis; edits come as name, value pairs: designExperiments("drop", "exp_006").
StageOutcome designExperiments(String... edits) {
    Workspace workspace = Workspace.open(Path.of(Workspace.DEFAULT_FOLDER));
    DesignStage stage = DesignStage.create();
    for (int i = 0; i + 1 < edits.length; i += 2) {
        stage.option(edits[i], edits[i + 1]);
    }
    return stage.run(workspace, new ConsoleView(System.out, workspace.folder().resolve("figures")), sealbookExplainer);
}

// Runs %train --wait: trains the sealed plan and returns the finished batch (batch.status() lists the runs), or null
// when it cannot start (it says why). Ctrl-C stops every run with a checkpoint; trainResume() goes on from there.
Batch train() throws InterruptedException {
    return trainAndWait(false);
}

// Runs %train --resume --wait: keeps the runs that finished before and goes on with the others from their checkpoints.
Batch trainResume() throws InterruptedException {
    return trainAndWait(true);
}

Batch trainAndWait(boolean resume) throws InterruptedException {
    Workspace workspace = Workspace.open(Path.of(Workspace.DEFAULT_FOLDER));
    ConsoleView view = new ConsoleView(System.out, workspace.folder().resolve("figures"));
    Batch batch = resume ? TrainStage.resume(workspace, view, sealbookExplainer)
            : TrainStage.start(workspace, view, sealbookExplainer);
    if (batch != null) {
        batch.awaitStoppingOnInterrupt();
    }
    return batch;
}

// Runs %report: reviews the trained batch, writes the dashboard and report.html, promotes the winner; then
// PromotedModel.load(Path.of("sealbook-project")).predict(rows) predicts raw rows with it.
StageOutcome report() {
    Workspace workspace = Workspace.open(Path.of(Workspace.DEFAULT_FOLDER));
    return ReportStage.run(workspace, new ConsoleView(System.out, workspace.folder().resolve("figures")), sealbookExplainer);
}

// Runs %report --final: the winner and the baseline scored once on the locked test rows.
StageOutcome reportFinal() {
    Workspace workspace = Workspace.open(Path.of(Workspace.DEFAULT_FOLDER));
    return ReportStage.runFinal(workspace, new ConsoleView(System.out, workspace.folder().resolve("figures")));
}
