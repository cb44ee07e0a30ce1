"""Executes notebooks/03-regression-cars.ipynb in a real Jupyter client: messy data (missing values, an identifier
column) through all five stages to a number-predicting model, its report and its one look at the test rows.

Needs the kernel installed where Jupyter looks (install/install.sh); SEALBOOK_KERNEL names it (default sealbook).
"""
import json
from pathlib import Path

import pytest
from run_notebook import displays, execute_tutorial, status

NOTEBOOKS = Path(__file__).resolve().parents[1]
NOTEBOOK = NOTEBOOKS / "03-regression-cars.ipynb"
SHARED = NOTEBOOKS.parents[1] / "shared" / "data"


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cars")
    return folder, execute_tutorial(NOTEBOOK, folder, timeout=300)


def test_committed_notebook_has_no_outputs_and_its_data_is_the_shared_copy():
    raw = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    assert raw["metadata"]["kernelspec"]["name"] == "sealbook"
    assert all(c["outputs"] == [] for c in raw["cells"] if c["cell_type"] == "code")
    assert (NOTEBOOKS / "data" / "cars.csv").read_bytes() == (SHARED / "cars.csv").read_bytes()


def test_no_cell_raises(run):
    _, cells = run
    raised = [cid for cid, c in cells.items() if any(o.output_type == "error" for o in c.get("outputs", []))]
    assert raised == [], raised


def test_the_data_check_names_the_mess_and_seals(run):
    _, cells = run
    line = status(cells, "check")
    assert line.startswith(("DONE", "DONE_WITH_CONCERNS")), line
    text = "\n".join(d.get("text/markdown", "") + d.get("text/plain", "") for d in displays(cells, "check"))
    assert "8 rows had no value for the target" in text, text[:3000]


def test_every_stage_seals_and_the_report_judges_a_regression(run):
    folder, cells = run
    assert status(cells, "hypothesize").startswith("DONE"), status(cells, "hypothesize")
    assert status(cells, "design").startswith("DONE: The plan is sealed"), status(cells, "design")
    assert status(cells, "train").startswith(("DONE: All ", "DONE_WITH_CONCERNS: ")), status(cells, "train")
    report = status(cells, "report")
    assert report.startswith(("DONE: I recommend ", "DONE_WITH_CONCERNS: No experiment earned")), report
    workspace = folder / "sealbook-project"
    dashboard = json.loads((workspace / "dashboard.json").read_text(encoding="utf-8"))
    assert all("Name" not in e["config"].get("features", []) for e in dashboard["experiments"])
    assert (workspace / "report.html").is_file()
    if report.startswith("DONE: I recommend "):
        assert status(cells, "final").startswith("DONE: "), status(cells, "final")
        printed = "".join(o.get("text", "") for o in cells["use"].outputs if o.output_type == "stream")
        assert "predicted Miles_per_Gallon" in printed, printed
