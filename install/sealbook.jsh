// Sealbook in plain JShell, written by org.sealbook.toolkit.session.JShellScript from the stages' declarations: do not edit.
// jshell --class-path <toolkit and its jars> --startup DEFAULT --startup install/sealbook.jsh
// Options go in as name, value pairs after the required ones, as in the cells' --name value: hypothesize("seed", "7"); a flag by its name: train("resume").
import java.nio.file.Path;
import org.sealbook.toolkit.models.PromotedModel;
import org.sealbook.toolkit.pipeline.StageOutcome;
import org.sealbook.toolkit.session.Session;
import org.sealbook.toolkit.view.ConsoleView;

// One session: one explainer (each term is defined the first time only), one workspace, one batch.
Session sealbook = Session.jshell(Path.of(""));

// Text to the console; figures as files in the workspace's figures folder.
ConsoleView sealbookView() {
    return new ConsoleView(System.out, sealbook.workspace().folder().resolve("figures"));
}

java.util.List<String> sealbookArguments(String[] required, String... options) {
    java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(required));
    all.addAll(java.util.List.of(options));
    return all;
}

// Shows or switches the workspace folder (default sealbook-project here).
String useWorkspace(String... folder) {
    return sealbook.useWorkspace(folder.length == 0 ? null : folder[0]);
}

// Check a data file before training and seal what it decided; options: id COL, time COL, task classification|regression, mitigate auto|none, column COL=ACTION.
StageOutcome dataCheck(String path, String target, String... options) throws InterruptedException {
    return sealbook.runMethod("data_check", sealbookArguments(new String[] {path, target}, options), sealbookView());
}

// Write down how models will be judged and split the rows, sealed on the data check; options: split random|stratified|group|time, group COL, time COL, ratios T/V/T, seed N, features A,B,C, exclude A,B, families F,G, max-parameters N, max-trees-times-depth N, max-gap SHARE, metric auc|accuracy|f1|log_loss|rmse|mae|r2, secondary M,N, min-improvement SHARE, target-transform none|log.
StageOutcome hypothesize(String... options) throws InterruptedException {
    return sealbook.runMethod("hypothesize", sealbookArguments(new String[] {}, options), sealbookView());
}

// Propose, review and seal a batch of experiments, sealed on the hypothesis; options: max-experiments N, max-minutes X, concurrency N, drop exp_NNN,..., exp_NNN DEFINITION.
StageOutcome designExperiments(String... options) throws InterruptedException {
    return sealbook.runMethod("design_experiments", sealbookArguments(new String[] {}, options), sealbookView());
}

// Train the sealed plan in the background; options: action start|status|stop, experiment EXPERIMENT, wait, resume.
StageOutcome train(String... options) throws InterruptedException {
    return sealbook.runMethod("train", sealbookArguments(new String[] {}, options), sealbookView());
}

// Review the trained batch on the validation rows, show the report and seal the verdicts; options: final.
StageOutcome report(String... options) throws InterruptedException {
    return sealbook.runMethod("report", sealbookArguments(new String[] {}, options), sealbookView());
}

// Read the learning curves of the last batch or of a log, name what went wrong and rank its causes; options: run EXPERIMENT, log FILE.
StageOutcome diagnose(String... options) throws InterruptedException {
    return sealbook.runMethod("diagnose", sealbookArguments(new String[] {}, options), sealbookView());
}

// Search a model family's settings with many short trials in the background; options: action start|status|stop, trial TRIAL, wait, family linear|random_forest|gradient_boosting|mlp, strategy grid|random|bayesian, trials N, max-minutes X, early-stopping none|asha, eta N, min-steps N, seed N, concurrency N, patience N, setting VALUE.
StageOutcome sweep(String... options) throws InterruptedException {
    return sealbook.runMethod("sweep", sealbookArguments(new String[] {}, options), sealbookView());
}

// Measure how the winner's error falls with more rows or a bigger model, and what doubling would buy; options: over rows|size, points N, predict N.
StageOutcome scaling(String... options) throws InterruptedException {
    return sealbook.runMethod("scaling", sealbookArguments(new String[] {}, options), sealbookView());
}

// Score a promoted or trained model on a new file, and show how far its rows drift from the training rows; options: model promoted|exp_NNN.
StageOutcome eval(String path, String... options) throws InterruptedException {
    return sealbook.runMethod("eval", sealbookArguments(new String[] {path}, options), sealbookView());
}
