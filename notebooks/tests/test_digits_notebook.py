"""Executes notebooks/02-neural-net-digits.ipynb in a real Jupyter client: neural networks train in the
background while another cell runs, with progress shown, and a waiting cell shows the results.

Needs the kernel installed where Jupyter looks (install/install.sh); SEALBOOK_KERNEL names it (default sealbook).
"""
import json
from pathlib import Path

import pytest
from run_notebook import displays, execute_tutorial, status

NOTEBOOKS = Path(__file__).resolve().parents[1]
NOTEBOOK = NOTEBOOKS / "02-neural-net-digits.ipynb"


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("digits")
    return folder, execute_tutorial(NOTEBOOK, folder, timeout=300)


def test_committed_notebook_has_no_outputs_and_names_the_kernel():
    raw = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    assert raw["metadata"]["kernelspec"]["name"] == "sealbook"
    assert all(c["outputs"] == [] for c in raw["cells"] if c["cell_type"] == "code")


def test_no_cell_raises(run):
    _, cells = run
    raised = [cid for cid, c in cells.items() if any(o.output_type == "error" for o in c.get("outputs", []))]
    assert raised == [], raised


def test_the_stages_before_training_seal(run):
    _, cells = run
    assert status(cells, "check").startswith(("DONE", "DONE_WITH_CONCERNS")), status(cells, "check")
    assert status(cells, "hypothesize").startswith("DONE"), status(cells, "hypothesize")
    assert status(cells, "design").startswith("DONE: The plan is sealed"), status(cells, "design")


def test_train_returns_at_once_with_a_progress_display_per_network(run):
    _, cells = run
    progress = [d for d in displays(cells, "train") if "sealbook-progress" in d.get("text/html", "")]
    assert len(progress) == 3, progress
    assert any("mlp" in d["text/plain"] for d in progress), progress
    # the same displays carry an ipywidgets progress bar for front ends with widgets (JupyterLab)
    widgets = [d["application/vnd.jupyter.widget-view+json"] for d in progress]
    assert all(w["version_major"] == 2 and len(w["model_id"]) == 32 for w in widgets), widgets


def test_another_cell_runs_while_the_batch_trains(run):
    _, cells = run
    [result] = [o for o in cells["meanwhile"].outputs if o.output_type == "execute_result"]
    assert "6 * 7 = 42" in result.data["text/plain"], result.data


def test_waiting_shows_every_network_trained_and_better_than_the_baseline(run):
    folder, cells = run
    line = status(cells, "wait")
    assert line.startswith("DONE: All 3 experiments of batch"), line
    plan = json.loads((folder / "sealbook-project" / "plan.json").read_text(encoding="utf-8"))["decision"]
    accuracy = {}
    for experiment in plan["experiments"]:
        result = folder / "sealbook-project" / "runs" / plan["batch"] / experiment["id"] / "result.json"
        saved = json.loads(result.read_text(encoding="utf-8"))
        assert saved["status"] == "DONE", saved
        accuracy[experiment["id"]] = saved["scores"]["val_accuracy"]
    assert accuracy["exp_000"] < 0.2, accuracy
    assert accuracy["exp_001"] > 0.9 and accuracy["exp_002"] > 0.9, accuracy
