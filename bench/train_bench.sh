#!/usr/bin/env bash
# Training: ours (ForestModel, BoostingModel, LinearModel, MlpModel; bench/train_bench.java) against the peers'
# train_sklearn.py and train_torch.py (tensor-index batching), all on the same 100k CSV, split and features in one
# run; prints medians, ratios and the issue's targets with MET / NOT MET. A benchmark, not a test: exit 0 when it ran.
#
#   bench/train_bench.sh [CSV]      (default /tmp/peerdata/synth_100k.csv; generated when missing)
#
# Environment: PEER_PY (peers' python, default /root/.cache/sealbook-peers/bin/python), PEERS (peer scripts, default
# /work/shared/bench/peers), REPEATS (3), BENCH_CP (our class path, default '/tmp/benchlib/*'; after a build
# 'magics/target/lib/*' works too), JAVA_OPTS (the kernel's heap options from install/install.sh),
# MLP_THREADS2 (1: also run our MLP with PyTorch on 2 threads, as the peer; default 1).
# Everything goes to $SEALBOOK_BENCH_DIR (default /tmp/sealbook-bench)/train_bench-TIME/, never into git.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CSV=${1:-/tmp/peerdata/synth_100k.csv}
PEER_PY=${PEER_PY:-/root/.cache/sealbook-peers/bin/python}
PEERS=${PEERS:-/work/shared/bench/peers}
REPEATS=${REPEATS:-3}
BENCH_CP=${BENCH_CP:-/tmp/benchlib/*}
JAVA_OPTS=${JAVA_OPTS:--XX:+UseG1GC -XX:MaxHeapFreeRatio=30 -XX:MinHeapFreeRatio=10}
MLP_THREADS2=${MLP_THREADS2:-1}

if [[ ! -f "$CSV" ]]; then
    case "$(basename "$CSV")" in
        synth_100k.csv) rows=100000 ;;
        *) echo "no file $CSV and no rule to generate it" >&2; exit 2 ;;
    esac
    echo "generating $CSV ..." >&2
    "$PEER_PY" "$PEERS/gen_data.py" --rows "$rows" --out-dir "$(dirname "$CSV")" >&2
fi
# shellcheck disable=SC2086
if ! ls $BENCH_CP 2>/dev/null | grep -q 'sealbook-toolkit-.*\.jar'; then
    echo "no sealbook-toolkit jar in $BENCH_CP; set BENCH_CP (e.g. 'magics/target/lib/*' after mvn -B -q -o install -DskipTests)" >&2
    exit 2
fi

WORK=${SEALBOOK_BENCH_DIR:-/tmp/sealbook-bench}/train_bench-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$WORK"
echo "file: $CSV ($(stat -c %s "$CSV") bytes); logs in $WORK" >&2
{
    echo "start $(date -u +%FT%TZ)"
    echo "load_before $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "cpu $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'); cores $(nproc); mem $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
    echo "git $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
} >"$WORK/machine.txt"

# The sklearn script runs first: its prep.py writes the split (CSV minus .csv + .test_idx.txt) the others read.
echo "peer: train_sklearn.py --repeats $REPEATS (logreg, rf, hgb; the forest takes ~25 s a fit) ..." >&2
"$PEER_PY" "$PEERS/train_sklearn.py" "$CSV" --repeats "$REPEATS" --json "$WORK/sklearn.json" \
    >"$WORK/sklearn.log" 2>&1 || { cat "$WORK/sklearn.log" >&2; exit 1; }
echo "peer: train_torch.py --loader tensor --repeats $REPEATS ..." >&2
"$PEER_PY" "$PEERS/train_torch.py" "$CSV" --loader tensor --repeats "$REPEATS" --json "$WORK/torch.json" \
    >"$WORK/torch.log" 2>&1 || { cat "$WORK/torch.log" >&2; exit 1; }

echo "ours: train_bench.java --repeats $REPEATS (rf, gbm, logreg, mlp; $JAVA_OPTS) ..." >&2
# shellcheck disable=SC2086
(cd "$ROOT" && java $JAVA_OPTS -cp "$BENCH_CP" bench/train_bench.java "$CSV" --repeats "$REPEATS") \
    >"$WORK/ours.jsonl" 2>"$WORK/ours.err" || { cat "$WORK/ours.err" >&2; exit 1; }
if [[ "$MLP_THREADS2" == 1 ]]; then
    echo "ours: train_bench.java --models mlp --mlp-threads 2 ..." >&2
    # shellcheck disable=SC2086
    (cd "$ROOT" && java $JAVA_OPTS -cp "$BENCH_CP" bench/train_bench.java "$CSV" --repeats "$REPEATS" \
        --models mlp --mlp-threads 2) >"$WORK/ours_mlp2.jsonl" 2>"$WORK/ours_mlp2.err" \
        || { cat "$WORK/ours_mlp2.err" >&2; exit 1; }
fi
{
    echo "end $(date -u +%FT%TZ)"
    echo "load_after $(cut -d' ' -f1-3 /proc/loadavg)"
} >>"$WORK/machine.txt"

(cd "$PEERS" && "$PEER_PY" - "$WORK" "$CSV") <<'EOF' | tee "$WORK/table.txt"
import json, os, sys
import numpy as np
from prep import load_prepared

work, csv = sys.argv[1], sys.argv[2]
sk = json.load(open(os.path.join(work, "sklearn.json")))
th = json.load(open(os.path.join(work, "torch.json")))
def jsonl(name):
    p = os.path.join(work, name)
    return [json.loads(l) for l in open(p) if l.startswith("{")] if os.path.exists(p) else []
ours = jsonl("ours.jsonl")
mlp2 = next((l for l in jsonl("ours_mlp2.jsonl") if l["kind"] == "summary"), None)
summ = {l["model"]: l for l in ours if l["kind"] == "summary"}
feat = next(l for l in ours if l["kind"] == "features")
machine = dict(l.rstrip("\n").split(" ", 1) for l in open(os.path.join(work, "machine.txt")) if " " in l)

def cell(st, unit="s", scale=1.0, digits=2):
    f = lambda v: f"{v * scale:.{digits}f}"
    return f"{f(st['median'])} {unit} [{f(st['min'])}-{f(st['max'])}]"
ratio = lambda a, b: a["median"] / b["median"]
verdict = lambda ok: "MET" if ok else "NOT MET"

env = sk["env"]
print(f"== training: {os.path.basename(csv)}  train {feat['train_rows']} / test {feat['test_rows']} rows x "
      f"{len(feat['names'])} features; median [min-max] of {summ['rf']['repeats']} fits each; "
      f"{summ['rf']['cpus']} cpus, java {summ['rf']['java']}, sklearn {env.get('sklearn', '?')}, "
      f"torch {th['env'].get('torch', '?')}, our MLP on {summ['mlp']['device']}")
print(f"   {machine.get('cpu', '?')}; {machine.get('start', '?')} .. {machine.get('end', '?')}; load average "
      f"before {machine.get('load_before', '?')}, after {machine.get('load_after', '?')}")

# same split and features as prep.py: column sums of both parts and the label counts
Xtr, Xte, ytr, yte, names, _ = load_prepared(csv, write_split=False)
close = lambda a, b: np.allclose(np.asarray(a), np.asarray(b), rtol=1e-12, atol=1e-9)
same = (names == feat["names"] and close(Xtr.sum(0), feat["train_sums"]) and close(Xte.sum(0), feat["test_sums"])
        and int(ytr.sum()) == feat["train_label_sum"] and int(yte.sum()) == feat["test_label_sum"])
print(f"features vs prep.py (names, column sums of train and test, label counts): {'SAME' if same else 'DIFFERENT'}")
print()

rows = [
    ("random forest, fit", sk["models"]["rf"]["fit_s"], summ["rf"]["fit_s"], 1.0),
    ("gradient boosting, fit", sk["models"]["hgb"]["fit_s"], summ["gbm"]["fit_s"], 2.0),
    ("MLP, seconds per epoch", th["loaders"]["tensor"]["epoch_s"], summ["mlp"]["epoch_s"], 1.5),
]
print(f"{'measure':28s} {'peer':>24s} {'ours':>24s} {'ours/peer':>9s}  {'target':9s} verdict")
for label, p, o, target in rows:
    r = ratio(o, p)
    print(f"{label:28s} {cell(p):>24s} {cell(o):>24s} {r:8.2f}x  <= {target:.1f}x   {verdict(r <= target)}")
for label, pk, ok in [("random forest", "rf", "rf"), ("gradient boosting", "hgb", "gbm")]:
    pa, oa = sk["models"][pk]["accuracy"]["median"], summ[ok]["accuracy"]["median"]
    d = (oa - pa) * 100
    print(f"{label + ', accuracy':28s} {pa:>24.4f} {oa:>24.4f} {d:+7.2f}pt  |d| <= 1pt {verdict(abs(d) <= 1.0)}")

print()
print("-- all models (fit / predict_proba on the 20k test rows / accuracy / AUC; medians)")
W = 58
print(f"{'model':{W}s} {'fit':>24s} {'predict':>22s} {'acc':>7s} {'auc':>7s}")
def line(label, fit, pred, acc, auc):
    print(f"{label:{W}s} {cell(fit):>24s} {cell(pred, digits=3):>22s} {acc['median']:7.4f} {auc['median']:7.4f}")
names_sk = {"logreg": "LogisticRegression (scaled)", "rf": "RandomForest(100, n_jobs=2)",
            "hgb": "HistGradientBoosting(100)"}
names_ours = {"logreg": "LinearModel (scaled)", "rf": "ForestModel", "gbm": "BoostingModel"}
for pk, ok in [("logreg", "logreg"), ("rf", "rf"), ("hgb", "gbm")]:
    m = sk["models"][pk]
    line("sklearn " + names_sk[pk], m["fit_s"], m["predict_s"], m["accuracy"], m["auc"])
    if ok in summ:
        s = summ[ok]
        line(f"ours {names_ours[ok]} " + " ".join(f"{k}={v}" for k, v in s["params"].items()), s["fit_s"], s["predict_s"],
             s["accuracy"], s["auc"])
t = th["loaders"]["tensor"]
print(f"{'torch MLP, tensor batching':{W}s} {cell(t['epoch_s']):>24s} {cell(t['infer_test_s'], digits=3):>22s} "
      f"{t['accuracy']['median']:7.4f} {t['auc']['median']:7.4f}   per epoch; {t['samples_per_s']['median']:,.0f} rows/s, "
      f"first epoch {cell(t['first_epoch_s'])}, {th['threads']} threads")
for label, s in [(f"ours MlpModel ({summ['mlp']['num_threads'] or 1} thread, default)", summ["mlp"]),
                 (f"ours MlpModel ({mlp2['num_threads']} threads)" if mlp2 else "", mlp2)]:
    if s:
        print(f"{label:{W}s} {cell(s['epoch_s']):>24s} {cell(s['predict_s'], digits=3):>22s} "
              f"{s['accuracy']['median']:7.4f} {s['auc']['median']:7.4f}   per epoch; {s['samples_per_s']['median']:,.0f} rows/s, "
              f"first epoch {cell(s['first_epoch_s'])}, whole fit {cell(s['fit_s'])}; "
              f"epoch/torch {ratio(s['epoch_s'], t['epoch_s']):.2f}x")
print(f"(ours: read {feat['read_s']:.2f} s + prep {feat['prep_s']:.2f} s, untimed in the fits; PyTorch load "
      f"{summ['mlp']['pytorch_load_s']:.2f} s before the first MLP fit, untimed; the MLP's epoch seconds include its "
      f"per-batch gradient norm and the loss on the 20k validation rows)")
EOF
echo "written: $WORK/table.txt" >&2
