#!/usr/bin/env bash
# Sets up the machine, installs the kernel for this user, and runs the tutorial notebooks headless into out/.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# In order: 01 assumes the reader has met the kernel in 00.
NOTEBOOKS=(notebooks/00-hello-java.ipynb notebooks/01-first-model.ipynb notebooks/02-neural-net-digits.ipynb
           notebooks/03-regression-cars.ipynb notebooks/04-not-good-enough.ipynb)

bash install/setup-machine.sh
bash install/install.sh --user
mkdir -p out
rm -f out/*-report.html
for notebook in "${NOTEBOOKS[@]}"; do
    rm -f notebooks/sealbook-project/report.html
    # Cells run in the notebook's own folder, so 01 reads notebooks/data/ and seals into notebooks/sealbook-project/.
    # raises-exception tags let the deliberate error cells fail; any other error fails the run.
    jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=sealbook \
        --ExecutePreprocessor.timeout=300 --output-dir out/ "$notebook" \
        || { echo "run-tutorial.sh: $notebook stopped with an error (shown above); fix the cell it names, then run again." >&2; exit 1; }
    # The next notebook starts from a clean workspace, so each notebook's HTML report is kept beside it in out/.
    if [ -f notebooks/sealbook-project/report.html ]; then
        cp notebooks/sealbook-project/report.html "out/$(basename "$notebook" .ipynb)-report.html"
    fi
done
echo "The executed notebooks are in $(pwd)/out/:"
for notebook in "${NOTEBOOKS[@]}"; do
    echo "  out/$(basename "$notebook")   (open with 'jupyter lab out/$(basename "$notebook")')"
done
for report in out/*-report.html; do
    [ -f "$report" ] && echo "The HTML report of $(basename "$report" -report.html) is $(pwd)/$report (it opens in any browser, offline)."
done
