#!/usr/bin/env bash
# Data check: ours (DataLoader.load + DataCheck.run, bench/data_check_bench.java) against the peers' pandas
# script (data_check_pandas.py), both on the same CSV in one run; prints times, the ratio and a counts comparison.
#
#   bench/data_check_bench.sh [CSV]      (default /tmp/peerdata/synth_1m.csv; generated when missing)
#
# Environment: PEER_PY (peers' python, default /root/.cache/sealbook-peers/bin/python), PEERS (peer scripts,
# default /work/shared/bench/peers), REPEATS (3), JAVA_OPTS (the kernel's heap options from
# install/install.sh, so the memory reported is what a notebook would use), BREAKDOWN (1: also time each check alone).
# Needs a build first: mvn -B -q -o install -DskipTests (ours runs from magics/target/lib/*).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CSV=${1:-/tmp/peerdata/synth_1m.csv}
PEER_PY=${PEER_PY:-/root/.cache/sealbook-peers/bin/python}
PEERS=${PEERS:-/work/shared/bench/peers}
REPEATS=${REPEATS:-3}
JAVA_OPTS=${JAVA_OPTS:--XX:+UseG1GC -XX:MaxHeapFreeRatio=30 -XX:MinHeapFreeRatio=10}
BREAKDOWN=${BREAKDOWN:-1}

if [[ ! -f "$CSV" ]]; then
    base=$(basename "$CSV")
    case "$base" in
        synth_1m.csv) rows=1000000 ;;
        synth_100k.csv) rows=100000 ;;
        *) echo "no file $CSV and no rule to generate it" >&2; exit 2 ;;
    esac
    echo "generating $CSV ..." >&2
    "$PEER_PY" "$PEERS/gen_data.py" --rows "$rows" --out-dir "$(dirname "$CSV")" >&2
fi
if ! ls "$ROOT"/magics/target/lib/sealbook-toolkit-*.jar >/dev/null 2>&1; then
    echo "no magics/target/lib/sealbook-toolkit-*.jar; build first: mvn -B -q -o install -DskipTests" >&2
    exit 2
fi

WORK=$(mktemp -d /tmp/data_check_bench.XXXXXX)
echo "file: $CSV ($(stat -c %s "$CSV") bytes); logs in $WORK" >&2

echo "peer: data_check_pandas.py --repeats $REPEATS ..." >&2
/usr/bin/time -f '%M' -o "$WORK/peer_maxrss_kb" \
    "$PEER_PY" "$PEERS/data_check_pandas.py" "$CSV" --repeats "$REPEATS" --json "$WORK/peer.json" \
    >"$WORK/peer.log" 2>&1 || { cat "$WORK/peer.log" >&2; exit 1; }

echo "ours: data_check_bench.java --repeats $REPEATS ($JAVA_OPTS) ..." >&2
extra=()
[[ "$BREAKDOWN" == 1 ]] && extra=(--breakdown)
# shellcheck disable=SC2086
(cd "$ROOT" && java $JAVA_OPTS -cp 'magics/target/lib/*' bench/data_check_bench.java "$CSV" \
    --repeats "$REPEATS" "${extra[@]}") >"$WORK/ours.jsonl" 2>"$WORK/ours.err" || { cat "$WORK/ours.err" >&2; exit 1; }

"$PEER_PY" - "$WORK" <<'EOF'
import json, sys, os
work = sys.argv[1]
peer_all = json.load(open(os.path.join(work, "peer.json")))
peer = peer_all["results"][0]
lines = [json.loads(l) for l in open(os.path.join(work, "ours.jsonl")) if l.startswith("{")]
ours = next(l for l in lines if l["kind"] == "summary")
bd = next((l for l in lines if l["kind"] == "breakdown"), None)
try:
    peer_rss = int(open(os.path.join(work, "peer_maxrss_kb")).read().split()[-1])
except Exception:
    peer_rss = -1

def f(st):
    return f"{st['median']:.2f} s [{st['min']:.2f}-{st['max']:.2f}]"

print(f"== data check: {ours['file']}  ({ours['rows']} rows x {ours['columns']} cols, {ours['bytes']/1e6:.1f} MB; "
      f"median [min-max] of {ours['repeats']}; {ours['cpus']} cpus, java {ours['java']}, pandas {peer_all['env'].get('pandas', '?')})")
print(f"{'':10s} {'read':>24s} {'checks':>24s} {'total':>24s}")
print(f"{'pandas':10s} {f(peer['read']):>24s} {f(peer['checks']):>24s} {f(peer['total']):>24s}")
print(f"{'ours':10s} {f(ours['read']):>24s} {f(ours['check']):>24s} {f(ours['total']):>24s}")
ratio = lambda a, b: a["median"] / b["median"]
print(f"{'ours/pandas':10s} {ratio(ours['read'], peer['read']):>23.2f}x {ratio(ours['check'], peer['checks']):>23.2f}x "
      f"{ratio(ours['total'], peer['total']):>23.2f}x   (target <= 1.0x: "
      f"{'MET' if ratio(ours['total'], peer['total']) <= 1.0 else 'NOT MET'})")
print(f"peak RSS: ours {ours['vmhwm_kb']/1024:.0f} MiB (VmHWM, max heap {ours['max_heap_mb']} MiB); "
      f"pandas {peer_rss/1024:.0f} MiB (/usr/bin/time maxrss)")
print("pandas per check (median): " + ", ".join(f"{k} {v['median']:.2f}" for k, v in peer["per_check"].items()))
if bd:
    print("ours per check (each alone, once, after the repeats): " + ", ".join(
        f"{k.replace('Check', '')} {v:.2f}" for k, v in bd.items() if k not in ("kind", "note")))

ps, oc = peer["summary"], ours["counts"]
print("-- counts")
def cmp(label, a, b):
    print(f"{label:32s} {'SAME' if a == b else 'DIFFERENT':9s} pandas={a}  ours={b}")
cmp("rows x columns", list(ps["shape"]), [ours["rows"], ours["columns"]])
cols = sorted(set(ps["missing_nonzero"]) | set(oc["missing_nonzero"]))
for c in cols:
    cmp(f"missing {c}", ps["missing_nonzero"].get(c, 0), oc["missing_nonzero"].get(c, 0))
print(f"{'missing, other columns':32s} (0 in both: neither lists them among columns with missing values)")
cmp("duplicate rows", ps["duplicates"], oc["duplicates"])
num = [f"f{i:02d}" for i in range(20)] + ["target"]
for c in num:
    cmp(f"MAD outliers {c}", ps["outliers_mad"].get(c, 0), oc["outliers_mad"].get(c, 0))
extra = sorted((set(ps["outliers_mad"]) | set(oc["outliers_mad"])) - set(num))
for c in extra:
    cmp(f"MAD outliers {c} (non-numeric?)", ps["outliers_mad"].get(c, 0), oc["outliers_mad"].get(c, 0))
norm = lambda d: {"~".join(sorted(k.split("~"))): v for k, v in d.items()}  # the pair's order is not a difference
cmp("most correlated pair |r|", norm(ps["max_abs_corr_pair"]), norm(oc["max_abs_corr_pair"]))
EOF
