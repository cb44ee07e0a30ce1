package org.sealbook.toolkit.explain;

import java.util.List;

/**
 * The glossary's text, for a reader who knows no machine-learning words. Each first sentence is
 * also the short gloss shown the first time a term is used, so it must read as a phrase.
 */
final class Definitions {
    private Definitions() {
    }

    static final List<Term> ALL = List.of(
        new Term("row", "One record in the data, such as one car or one patient. Each row is read across the columns."),
        new Term("column", "One kind of thing recorded about every row, such as weight or age. A table is made of columns side by side."),
        new Term("target", "The column you want the model to predict. Everything else the model sees is there to help guess it."),
        new Term("feature", "A column the model may use to make its guess about the target. Choosing good features matters more than choosing a clever model."),
        new Term("model", "A recipe, learned from example rows, that turns the features of a new row into a guess about its target."),
        new Term("prediction", "The model's guess for the target of one row."),
        new Term("data type", "The kind of value a column holds: whole numbers, decimal numbers, text, dates or true/false."),
        new Term("identifier", "A column with a different value in every row, such as a customer number. It names a row but says nothing the model can learn from, so it is left out."),
        new Term("missing value", "An empty cell: a value that was never recorded for that row and column."),
        new Term("imputation", "Filling in a missing value with a reasonable guess, such as the column's median. The guess is worked out on the training rows only, so no answer leaks in from the rest."),
        new Term("missing indicator", "An extra yes/no column that records whether a value was missing. It lets the model learn whether being missing itself means something."),
        new Term("duplicate row", "A row that is an exact copy of another row. Copies make some rows count twice and can make a model look better than it is."),
        new Term("mean", "The average: all the values added up and divided by how many there are. A few extreme values can pull it a long way."),
        new Term("median", "The middle value once the values are sorted. Unlike the mean, a few extreme values barely move it."),
        new Term("variance", "A measure of how spread out a column's values are: the average squared distance from the mean. A variance of zero means every value is the same."),
        new Term("standard deviation", "The typical distance of a value from the mean, in the column's own units. It is the square root of the variance."),
        new Term("distribution", "The overall pattern of a column's values: which values are common, which are rare, and how far they spread."),
        new Term("skew", "How lopsided a column's values are, with a long tail on one side. A skew beyond 1 or below -1 is strongly lopsided."),
        new Term("log transform", "Replacing each value with its logarithm, which squeezes a long tail of large values closer to the rest. It is used on lopsided columns of positive numbers."),
        new Term("scaling", "Rescaling a numeric column so its values sit in a similar range to other columns. Some models need this to treat columns fairly."),
        new Term("one-hot encoding", "Turning a text column with a few categories into one yes/no column per category, so a model that only reads numbers can use it."),
        new Term("outlier", "A value far from the others in its column. It may be a mistake or a rare but real case, so it is looked at before anything is done."),
        new Term("MAD", "The median absolute deviation: the median distance of the values from their median. It measures spread without being fooled by a few extreme values."),
        new Term("modified z-score", "A number that says how unusual a value is, based on its distance from the median measured in MADs. Above 3.5 is usually called an outlier."),
        new Term("box plot", "A small chart that shows the middle half of a column's values as a box, its median as a line, and unusual values as dots."),
        new Term("correlation", "A number from -1 to 1 saying how closely two columns rise and fall together. Near 0 means no straight-line link; near 1 or -1 means a strong one."),
        new Term("rank correlation", "A correlation worked out on the order of the values rather than the values themselves. It is 1 or -1 when one column always rises, or always falls, as the other rises, even along a curve such as a logarithm."),
        new Term("heatmap", "A grid of coloured squares, one per pair of columns, where the colour shows a number such as their correlation."),
        new Term("leakage", "When a column gives away the answer in a way that will not be available when the model is used for real. A model with leakage looks excellent in testing and fails in practice."),
        new Term("classification", "A task where the target is one of a few categories, such as benign or malignant."),
        new Term("class", "One of the categories a classification target can take."),
        new Term("regression", "A task where the target is a number on a scale, such as a price or a distance."),
        new Term("class imbalance", "When one class of the target is much more common than another. A model can then look accurate just by always guessing the common class."),
        new Term("class weights", "Extra importance given to the rarer classes while the model learns, so it does not ignore them."),
        new Term("split", "Dividing the rows into separate groups, one to learn from and others to check the model with."),
        new Term("training set", "The rows the model learns from."),
        new Term("validation set", "Rows held back from learning and used to compare models and settings while choosing between them."),
        new Term("test set", "Rows locked away until the very end and used once to measure the chosen model. Because nothing was tuned on them, they give an honest score."),
        new Term("stratified split", "A split that keeps each class in the same proportion in every group. Without it, a rare class could end up missing from one group."),
        new Term("cross-validation", "Checking a model several times, each time holding back a different slice of the rows, and averaging the results. It gives a steadier score than one split."),
        new Term("seed", "A starting number for the random choices a program makes, such as how rows are shuffled. The same seed gives the same choices, so a result can be repeated."),
        new Term("hypothesis", "A claim written down before testing it, such as \"weight predicts fuel use better than chance\". Writing it first stops the results from quietly changing the question."),
        new Term("metric", "The number used to score a model, such as accuracy or average error. It is chosen before training so the score cannot be picked to flatter the result."),
        new Term("loss", "The number a model tries to make smaller while it learns, measuring how wrong its guesses are on the training rows."),
        new Term("checkpoint", "A copy of a model saved while it trains, so training can go on from there after a stop or a restart instead of starting over."),
        new Term("baseline", "The simplest possible guesser, such as always predicting the most common class or the average value. A model is only useful if it beats its baseline."),
        new Term("accuracy", "The share of rows where the model's guess was right. It can mislead when one class is far more common than the others."),
        new Term("precision", "Of the rows the model flagged as a class, the share that really were that class."),
        new Term("recall", "Of the rows that really were a class, the share the model found."),
        new Term("AUC", "A score from 0.5 to 1 for how well a model ranks the rows of one class above the other. 0.5 is coin-flipping and 1 is a perfect ranking."),
        new Term("threshold", "A cut-off value that turns a number into a decision, such as flagging a column when more than 5% of it is missing."),
        new Term("overfitting", "When a model learns the training rows so closely, noise and all, that it does worse on new rows. It shows as a big gap between training and validation scores."),
        new Term("underfitting", "When a model is too simple to catch the pattern in the data, so it does poorly even on the rows it learned from."),
        new Term("generalisation gap", "The difference between a model's score on the rows it learned from and on rows it has never seen. A large gap is a sign of overfitting."),
        new Term("logistic regression", "A simple model for classification that adds up weighted features and turns the sum into a probability. Despite its name, it is used for categories, not numbers."),
        new Term("random forest", "A model made of many small decision trees, each trained on a random sample of rows, whose guesses are combined by vote or average."),
        new Term("gradient boosting", "A model built from many small decision trees added one at a time, each one correcting the mistakes of those before it."),
        new Term("decision tree", "A model that makes a guess by asking a series of yes/no questions about the features, like a flowchart."),
        new Term("neural network", "A model made of layers of simple units, each adding up weighted inputs; trained by nudging the weights many times to reduce its mistakes."),
        new Term("weight decay", "A small pull of every weight of a neural network toward zero at each training step, so weights the data does not keep asking for fade away. It keeps the network from memorising the training rows."),
        new Term("warm-up", "Starting training with a tiny learning rate and raising it step by step to the full rate. The first steps from random weights are the least reliable, so they are kept small."),
        new Term("cosine decay", "Lowering the learning rate smoothly along half a cosine curve, from the full rate down to a small one at the last step. Big steps early explore, small steps late settle the weights."),
        new Term("learning rate", "How big a step a model takes each time it adjusts its weights. Too big and training jumps around or blows up; too small and it crawls."),
        new Term("RMSE", "Root mean squared error: the typical size of a prediction's error, in the target's own units. Lower is better."),
        new Term("hyperparameter", "A setting chosen before training, such as the number of trees or how deep they grow, as opposed to what the model learns from the rows."),
        new Term("experiment", "One model trained with one set of choices, so its score can be compared fairly with the others."),
        new Term("complexity", "How big a model is: how many weights it has, or how many trees and how deep. Bigger models can learn more, and can also memorise noise.")
    );
}
