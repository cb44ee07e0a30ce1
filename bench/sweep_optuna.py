"""The peer of bench/sweep_bench.java: Optuna's TPE sampler with its HyperbandPruner driving scikit-learn's
HistGradientBoostingClassifier over the same search space, data set and split, one boosting round at a time
(warm_start) so that the pruner sees the validation log loss after every round, as our ASHA does.

    python sweep_optuna.py CSV TARGET SPLIT_JSON [--trials N] [--max-rounds R] [--min-rounds M] [--eta E] [--seed S]

Prints one JSON line per trial and one summary line. Compute is counted in boosting rounds (HGB's n_iter_;
one round = one tree per class, as ours). A benchmark, not a test.
"""
import argparse
import json
import time

import numpy as np
import optuna
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import log_loss


def load(csv, target, split):
    with open(csv) as f:
        header = f.readline().strip().split(",")
    raw = np.genfromtxt(csv, delimiter=",", skip_header=1, dtype=str)
    t = header.index(target)
    features = [i for i in range(len(header)) if i != t]
    x = raw[:, features].astype(float)
    classes = sorted(set(raw[:, t]))  # sorted as text, as ours
    y = np.array([classes.index(v) for v in raw[:, t]])
    rows = json.load(open(split))
    tr, va = np.array(rows["train"]), np.array(rows["validation"])
    return x[tr], y[tr], x[va], y[va], len(classes)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("csv")
    p.add_argument("target")
    p.add_argument("split")
    p.add_argument("--trials", type=int, default=30)
    p.add_argument("--max-rounds", type=int, default=100)
    p.add_argument("--min-rounds", type=int, default=1)
    p.add_argument("--eta", type=int, default=3)
    p.add_argument("--seed", type=int, default=42)
    a = p.parse_args()
    xt, yt, xv, yv, k = load(a.csv, a.target, a.split)
    labels = list(range(k))
    rounds = {}

    def objective(trial):
        lr = trial.suggest_float("learning_rate", 0.01, 0.3, log=True)
        depth = trial.suggest_int("max_depth", 2, 6)
        model = HistGradientBoostingClassifier(learning_rate=lr, max_depth=depth, max_leaf_nodes=None,
                                               early_stopping=False, warm_start=True, random_state=42)
        loss = float("nan")
        for step in range(1, a.max_rounds + 1):
            model.set_params(max_iter=step)
            model.fit(xt, yt)
            rounds[trial.number] = model.n_iter_
            loss = log_loss(yv, model.predict_proba(xv), labels=labels)
            trial.report(loss, step)
            if trial.should_prune():
                trial.set_user_attr("val_loss", loss)
                raise optuna.TrialPruned()
        trial.set_user_attr("val_loss", loss)
        return loss

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    # Warm up scikit-learn (imports, OpenMP threads) outside the timing, as ours warms its JIT.
    HistGradientBoostingClassifier(max_iter=5, max_depth=3).fit(xt, yt).predict_proba(xv)
    # A fixed study name: HyperbandPruner deals trials to its brackets by a hash of the name and the trial number,
    # and the default name is random, which made two runs with the same seed differ (1217 and 1057 rounds).
    study = optuna.create_study(study_name="sweep_bench", direction="minimize", sampler=optuna.samplers.TPESampler(seed=a.seed),
                                pruner=optuna.pruners.HyperbandPruner(min_resource=a.min_rounds, max_resource=a.max_rounds,
                                                                      reduction_factor=a.eta))
    start = time.perf_counter()
    study.optimize(objective, n_trials=a.trials)
    seconds = time.perf_counter() - start
    for t in study.trials:
        print(json.dumps({"kind": "trial", "side": "optuna", "trial": t.number, "params": t.params,
                          "rounds": rounds.get(t.number, 0), "val_loss": t.user_attrs.get("val_loss"),
                          "complete": t.state == optuna.trial.TrialState.COMPLETE}))
    complete = [t for t in study.trials if t.state == optuna.trial.TrialState.COMPLETE]
    se = None
    if complete:
        # The standard error of the best trial's mean validation log loss (refitted outside the timing).
        best = HistGradientBoostingClassifier(max_iter=a.max_rounds, max_leaf_nodes=None, early_stopping=False,
                                              random_state=42, **study.best_params).fit(xt, yt)
        p_true = best.predict_proba(xv)[np.arange(len(yv)), yv]
        losses = -np.log(np.clip(p_true, 1e-15, 1))
        se = float(losses.std(ddof=1) / np.sqrt(len(losses)))
    print(json.dumps({"kind": "summary", "side": "optuna", "rounds": int(sum(rounds.values())), "seconds": seconds,
                      "complete_trials": len(complete),
                      "best_val_loss": study.best_value if complete else None,
                      "best_params": study.best_params if complete else None,
                      "best_val_loss_se": se,
                      "best_val_loss_any": min(t.user_attrs["val_loss"] for t in study.trials),
                      "optuna": optuna.__version__, "sklearn": __import__("sklearn").__version__}))


if __name__ == "__main__":
    main()
