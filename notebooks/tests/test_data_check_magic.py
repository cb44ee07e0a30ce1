"""Runs %data_check, %glossary and a bad %data_check in a real Jupyter client and checks what a learner sees.

Needs the kernel installed where Jupyter looks (install/install.sh); SEALBOOK_KERNEL names it (default sealbook).
"""
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest
from run_notebook import displays, execute

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
PLOTLY = "application/vnd.plotly.v1+json"


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("notebook")
    shutil.copy(DATA / "cars.csv", folder / "cars.csv")
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("%data_check cars.csv --target Miles_per_Gallon", id="check"),
        nbformat.v4.new_code_cell("%glossary outlier", id="glossary"),
        nbformat.v4.new_code_cell("%data_check nope.csv --target x", id="missing"),
    ]
    # Cells run in the tmp folder, as JupyterLab runs them in the notebook's folder, so the workspace lands there.
    return folder, execute(nb, folder, timeout=300)



def text(cells, cell_id):
    """Everything a plain-text reader sees under the cell: displays, results and printed output."""
    parts = []
    for o in cells[cell_id].outputs:
        if o.output_type in ("display_data", "execute_result"):
            parts.append(o.data.get("text/plain", ""))
        elif o.output_type == "stream":
            parts.append(o.text)
        elif o.output_type == "error":
            parts.append(o.evalue)
    return "\n".join(parts)


def test_data_check_draws_figures_in_both_forms(run):
    _, cells = run
    figures = [d for d in displays(cells, "check") if PLOTLY in d]
    assert figures, f"no Plotly figure among {[list(d) for d in displays(cells, 'check')]}"
    for figure in figures:
        assert "image/png" in figure and figure["image/png"]
        assert "Plotly.newPlot(" in figure["text/html"]
    # plotly.js travels once per session, with the first figure only.
    assert len(figures[0]["text/html"]) > 1_000_000
    assert all(len(f["text/html"]) < 1_000_000 for f in figures[1:])


def test_data_check_ends_with_concerns_and_explains_the_dropped_rows(run):
    _, cells = run
    statuses = [d["text/plain"] for d in displays(cells, "check") if "sealbook-status" in d.get("text/html", "")]
    assert len(statuses) == 1 and statuses[0].startswith("DONE_WITH_CONCERNS: "), statuses
    markdown = "\n".join(d.get("text/markdown", "") for d in displays(cells, "check"))
    assert "8 rows had no value for the target" in markdown, markdown[:2000]


def test_data_check_seals_into_the_workspace_beside_the_notebook(run):
    folder, _ = run
    workspace = folder / "sealbook-project"
    assert (workspace / "data_check.json").is_file()
    assert (workspace / "data_check.json.sha256").is_file()
    check = subprocess.run(["sha256sum", "-c", "data_check.json.sha256"], cwd=workspace,
                           capture_output=True, text=True)
    assert check.returncode == 0 and check.stdout.strip() == "data_check.json: OK", check


def test_glossary_shows_a_definition(run):
    _, cells = run
    shown = text(cells, "glossary")
    assert shown.startswith("outlier: ") and len(shown) > len("outlier: ") + 20, shown


def test_missing_file_is_blocked_with_a_sentence_naming_it(run):
    _, cells = run
    statuses = [d["text/plain"] for d in displays(cells, "missing") if "sealbook-status" in d.get("text/html", "")]
    assert len(statuses) == 1, text(cells, "missing")
    assert statuses[0].startswith("BLOCKED: ") and "nope.csv" in statuses[0], statuses
