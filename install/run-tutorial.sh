#!/usr/bin/env bash
# Sets up the machine, installs the kernel for this user, and runs the tutorial notebook headless into out/.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
NOTEBOOK=notebooks/00-hello-java.ipynb

bash install/setup-machine.sh
bash install/install.sh --user
mkdir -p out
# raises-exception tags let the deliberate error cell fail; any other error fails the run.
jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=sealbook \
    --ExecutePreprocessor.timeout=300 --output-dir out/ "$NOTEBOOK" \
    || { echo "run-tutorial.sh: $NOTEBOOK stopped with an error (shown above); fix the cell it names, then run again." >&2; exit 1; }
echo "The executed notebook is $(pwd)/out/$(basename "$NOTEBOOK"); open it with 'jupyter lab out/$(basename "$NOTEBOOK")'."
