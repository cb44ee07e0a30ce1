#!/usr/bin/env bash
# Sweep: our engine (Sampler + Asha, bench/sweep_bench.java) against Optuna's TPE + HyperbandPruner driving
# scikit-learn's HistGradientBoostingClassifier (bench/sweep_optuna.py), the same search space (learning_rate
# log(0.01, 0.3), max_depth int(2, 6), up to MAX_ROUNDS boosting rounds), data set and split, in one run. Ours runs
# twice over the same settings: (a) with ASHA stopping trials, (b) every trial trained to the end. Prints compute
# (boosting rounds, wall seconds), the best validation log loss of each side, the ratios and the targets with MET /
# NOT MET. A benchmark, not a test: exit 0 when it ran.
#
#   bench/sweep_bench.sh [CSV [TARGET]]     (default /work/shared/data/digits.csv digit)
#
# Environment: TRIALS (30), MAX_ROUNDS (100), MIN_ROUNDS (1: ASHA's first rung, Hyperband's min_resource), ETA (3), SAMPLER (bayesian; or random), SEED (42), THREADS (1: the
# threads each side trains on, OMP_NUM_THREADS for scikit-learn, the common pool's parallelism for ours; see
# bench/README.md), PEER_PY (a python with optuna and scikit-learn; default ~/.cache/sealbook-sweep-venv, created
# from pip's configured index when missing), BENCH_CP (our class path; default toolkit/target/classes and the
# toolkit's dependencies from the local Maven repository, after `mvn -o -pl toolkit compile`), JAVA_OPTS.
# Everything goes to $SEALBOOK_BENCH_DIR (default /tmp/sealbook-bench)/sweep_bench-TIME/, never into git.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CSV=${1:-/work/shared/data/digits.csv}
TARGET=${2:-digit}
TRIALS=${TRIALS:-30}
MAX_ROUNDS=${MAX_ROUNDS:-100}
ETA=${ETA:-3}
MIN_ROUNDS=${MIN_ROUNDS:-1}
SAMPLER=${SAMPLER:-bayesian}
SEED=${SEED:-42}
THREADS=${THREADS:-1}
JAVA_OPTS=${JAVA_OPTS:--XX:+UseG1GC}
VENV=${SWEEP_VENV:-$HOME/.cache/sealbook-sweep-venv}
PEER_PY=${PEER_PY:-$VENV/bin/python}

WORK=${SEALBOOK_BENCH_DIR:-/tmp/sealbook-bench}/sweep_bench-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$WORK"

if ! "$PEER_PY" -c 'import optuna, sklearn' 2>/dev/null; then
    echo "making $VENV with optuna and scikit-learn (log: $WORK/setup.log) ..." >&2
    read -r -a idx <<<"$(pip config get global.extra-index-url 2>/dev/null || true)"
    args=()
    if [ ${#idx[@]} -gt 0 ]; then
        args=(--index-url "${idx[0]}")
        for extra in "${idx[@]:1}"; do args+=(--extra-index-url "$extra"); done
    fi
    [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q "${args[@]}" numpy scikit-learn optuna >"$WORK/setup.log" 2>&1 \
        || { cat "$WORK/setup.log" >&2; exit 1; }
    PEER_PY=$VENV/bin/python
fi
if [[ -z "${BENCH_CP:-}" ]]; then
    if [[ ! -f "$ROOT/toolkit/target/classes/org/sealbook/toolkit/sweep/Asha.class" ]]; then
        echo "no compiled toolkit in $ROOT/toolkit/target/classes; run mvn -q -o -pl toolkit compile first" >&2
        exit 2
    fi
    (cd "$ROOT" && mvn -q -o -pl toolkit dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt") >&2
    BENCH_CP="$ROOT/toolkit/target/classes:$(cat "$WORK/cp.txt")"
fi

echo "file: $CSV, target $TARGET; $TRIALS trials of up to $MAX_ROUNDS rounds, eta $ETA, $SAMPLER sampler, $THREADS thread(s); logs in $WORK" >&2
{
    echo "start $(date -u +%FT%TZ)"
    echo "load_before $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "cpu $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'); cores $(nproc)"
    echo "git $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
    echo "java $(java -version 2>&1 | head -1)"
} >"$WORK/machine.txt"

# Ours first: it writes the split the peer reads.
echo "ours: sweep_bench.java (ASHA, then the same trials to the end) ..." >&2
# shellcheck disable=SC2086
(cd "$ROOT" && java $JAVA_OPTS -Djava.util.concurrent.ForkJoinPool.common.parallelism="$THREADS" -cp "$BENCH_CP" \
    bench/sweep_bench.java "$CSV" "$TARGET" "$WORK/split.json" --trials "$TRIALS" --max-rounds "$MAX_ROUNDS" \
    --min-rounds "$MIN_ROUNDS" --eta "$ETA" --sampler "$SAMPLER" --seed "$SEED") >"$WORK/ours.jsonl" 2>"$WORK/ours.err" \
    || { cat "$WORK/ours.err" >&2; exit 1; }
echo "peer: sweep_optuna.py (TPE + HyperbandPruner, HistGradientBoosting warm_start) ..." >&2
OMP_NUM_THREADS=$THREADS "$PEER_PY" "$ROOT/bench/sweep_optuna.py" "$CSV" "$TARGET" "$WORK/split.json" \
    --trials "$TRIALS" --max-rounds "$MAX_ROUNDS" --min-rounds "$MIN_ROUNDS" --eta "$ETA" --seed "$SEED" >"$WORK/optuna.jsonl" \
    2>"$WORK/optuna.err" || { cat "$WORK/optuna.err" >&2; exit 1; }
echo "load_after $(cut -d' ' -f1-3 /proc/loadavg)" >>"$WORK/machine.txt"
echo "end $(date -u +%FT%TZ)" >>"$WORK/machine.txt"

"$PEER_PY" - "$WORK" <<'PY' | tee "$WORK/table.txt"
import json, os, sys
work = sys.argv[1]
lines = [json.loads(l) for f in ("ours.jsonl", "optuna.jsonl") for l in open(os.path.join(work, f)) if l.startswith("{")]
setup = next(l for l in lines if l["kind"] == "setup")
s = {l["side"]: l for l in lines if l["kind"] == "summary"}
machine = dict(l.rstrip("\n").split(" ", 1) for l in open(os.path.join(work, "machine.txt")) if " " in l)
a, f, o = s["asha"], s["full"], s["optuna"]
print(f"== sweep: {setup['train_rows']} train / {setup['validation_rows']} validation rows, {setup['features']} features, "
      f"{setup['classes']} classes; {setup['trials']} trials of up to {setup['max_rounds']} rounds; ASHA rungs "
      f"{setup['rungs']}; our sampler {setup['sampler']}; optuna {o['optuna']}, sklearn {o['sklearn']}")
print(f"   {machine.get('cpu', '?')}; {machine.get('start', '?')} .. {machine.get('end', '?')}; load average before "
      f"{machine.get('load_before', '?')}, after {machine.get('load_after', '?')}")
print()
print(f"{'side':44s} {'rounds':>7s} {'seconds':>8s} {'finished':>8s} {'best val log loss ± se':>22s}  best settings")
def row(label, x):
    p = x["best_params"] or {}
    best = "-" if x["best_val_loss"] is None else f"{x['best_val_loss']:.4f} ± {x['best_val_loss_se']:.4f}"
    ps = ", ".join(f"{k}={v:.4g}" if isinstance(v, float) else f"{k}={v}" for k, v in sorted(p.items()))
    print(f"{label:44s} {x['rounds']:7d} {x['seconds']:8.1f} {x['complete_trials']:8d} {best:>22s}  {ps}")
row("(a) ours: sampler + ASHA", a)
row("(b) ours: the same trials to the end", f)
row("(c) Optuna TPE + HyperbandPruner, sklearn HGB", o)
print()
verdict = lambda ok: "MET" if ok else "NOT MET"
if a["best_val_loss"] is None:
    print("ASHA finished no trial: no best to compare")
    sys.exit(0)
gap_full = a["best_val_loss"] / f["best_val_loss"] - 1
compute = a["rounds"] / f["rounds"]
gap_optuna = a["best_val_loss"] / o["best_val_loss"] - 1
wall = a["seconds"] / o["seconds"]
print(f"{'target':58s} {'measured':>10s}  verdict")
print(f"{'(a) best within 1% of (b) best (log loss, lower is better)':58s} {gap_full*100:+9.2f}%  {verdict(gap_full <= 0.01)}")
print(f"{'(a) compute <= 1/3 of (b) (boosting rounds)':58s} {compute:9.3f}x  {verdict(compute <= 1/3)}")
print(f"{'(a) best not worse than (c) best by more than 1%':58s} {gap_optuna*100:+9.2f}%  {verdict(gap_optuna <= 0.01)}")
print(f"{'(a) wall time <= 1.0x (c)':58s} {wall:9.2f}x  {verdict(wall <= 1.0)}")
print()
print(f"also: (a) rounds / (c) rounds {a['rounds'] / o['rounds']:.2f}x; (b) seconds / (a) seconds "
      f"{f['seconds'] / a['seconds']:.2f}x; best among all trials, stopped ones included: (a) {a['best_val_loss_any']:.4f}, "
      f"(c) {o['best_val_loss_any']:.4f}")
print("se: the standard error of the best trial's mean log loss over the validation rows (its model refitted")
print("outside the timing); a gap well inside it is not a difference the validation rows can show.")
PY
