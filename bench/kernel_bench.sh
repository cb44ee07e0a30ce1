#!/usr/bin/env bash
# Sealbook kernel vs ipykernel, one command: gets the peers' Python (shared/bench/peers/setup.sh), then runs
# bench/kernel_bench.py on both kernels in the same run and prints medians, ratios and the targets.
#
#   bench/kernel_bench.sh [KERNEL] [kernel_bench.py options]     KERNEL: the Java kernelspec (default sealbook)
#   e.g. bench/kernel_bench.sh sealbook-dev --quick
#        bench/kernel_bench.sh sealbook --repeat 3
#
# Output (never into git): $SEALBOOK_BENCH_DIR, default /tmp/sealbook-bench: the JSON, a copy of what was
# printed, the kernels' own logs, and the setup log. SEALBOOK_BENCH_PYTHON=/path/to/python skips the setup.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
peers=${SEALBOOK_PEERS_DIR:-$(dirname "$root")/shared/bench/peers}
out=${SEALBOOK_BENCH_DIR:-/tmp/sealbook-bench}
mkdir -p "$out"

kernel=sealbook
if [ $# -gt 0 ] && [[ $1 != -* ]]; then kernel=$1; shift; fi

has_modules() { "$1" -c 'import numpy, jupyter_client, ipykernel' 2>/dev/null; }

# A small venv of our own when the peers' setup cannot run (it also installs pandas, scikit-learn and torch).
own_venv() {
  local venv=$HOME/.cache/sealbook-bench-venv
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  local idx args=()
  read -r -a idx <<<"$(pip config get global.extra-index-url 2>/dev/null || true)"
  if [ ${#idx[@]} -gt 0 ]; then
    args=(--index-url "${idx[0]}")
    for extra in "${idx[@]:1}"; do args+=(--extra-index-url "$extra"); done
  fi
  "$venv/bin/pip" install -q "${args[@]}" numpy jupyter_client ipykernel >>"$out/setup.log" 2>&1
  echo "$venv/bin/python"
}

py=${SEALBOOK_BENCH_PYTHON:-}
if [ -z "$py" ]; then
  echo "setting up the peers' Python (log: $out/setup.log) ..." >&2
  : >"$out/setup.log"
  if py=$("$peers/setup.sh" 2>>"$out/setup.log" | tail -n 1) && [ -x "$py" ] && has_modules "$py"; then
    :
  else
    echo "the peers' setup.sh did not give a usable Python; using a small venv of our own" >&2
    py=$(own_venv)
  fi
fi
has_modules "$py" || { echo "kernel_bench: $py lacks numpy, jupyter_client or ipykernel" >&2; exit 1; }

log="$out/kernel_bench-$(date +%Y%m%d-%H%M%S).txt"
export SEALBOOK_PEERS_DIR="$peers" SEALBOOK_BENCH_DIR="$out"
"$py" "$here/kernel_bench.py" --java "$kernel" --python python3 "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
echo "printed output kept in $log"
exit "$status"
