"""Executes notebooks/04-not-good-enough.ipynb in a real Jupyter client: a weak first report on the diabetes data,
then %diagnose, a %%sweep with early stopping, %report on the sweep, %scaling and %eval on rows kept aside in a new
file. Each stage's status and the numbers it states are checked against what it sealed.

Needs the kernel installed where Jupyter looks (install/install.sh); SEALBOOK_KERNEL names it (default sealbook).
"""
import csv
import json
import subprocess
from pathlib import Path

import pytest
from run_notebook import displays, execute_tutorial, status

NOTEBOOKS = Path(__file__).resolve().parents[1]
NOTEBOOK = NOTEBOOKS / "04-not-good-enough.ipynb"
SHARED = NOTEBOOKS.parents[1] / "shared" / "data"


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("not-good-enough")
    return folder, execute_tutorial(NOTEBOOK, folder, timeout=600)


def git_show(folder, name, when):
    """The file as the first commit that sealed it has it (a later stage may seal it again)."""
    workspace = folder / "sealbook-project"
    commits = subprocess.run(["git", "-C", str(workspace), "log", "--reverse", "--format=%H", "--all", "--", name],
                             capture_output=True, text=True, check=True).stdout.split()
    assert commits, f"{name} was never committed ({when})"
    return subprocess.run(["git", "-C", str(workspace), "show", f"{commits[0]}:{name}"], capture_output=True,
                          text=True, check=True).stdout


def sealed(folder, name):
    return json.loads((folder / "sealbook-project" / name).read_text(encoding="utf-8"))["decision"]


def text(cells, cell_id):
    return "\n".join(d.get("text/markdown", "") + d.get("text/plain", "") for d in displays(cells, cell_id))


def test_committed_notebook_has_no_outputs_and_its_data_is_the_shared_copy():
    raw = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    assert raw["metadata"]["kernelspec"]["name"] == "sealbook"
    assert all(c["outputs"] == [] for c in raw["cells"] if c["cell_type"] == "code")
    assert (NOTEBOOKS / "data" / "diabetes.csv").read_bytes() == (SHARED / "diabetes.csv").read_bytes()


def test_no_cell_raises_and_the_first_five_stages_seal(run):
    folder, cells = run
    # a sweep's two dozen trials must not make the saved notebook heavy: the diagnosis charts at most 8 of them
    # (3.6 MB, 1.7 MB of it the plotly library; 4.6 MB when each of the 24 trials got its chart)
    assert (folder / NOTEBOOK.name).stat().st_size <= 4_000_000, (folder / NOTEBOOK.name).stat().st_size
    raised = [cid for cid, c in cells.items() if any(o.output_type == "error" for o in c.get("outputs", []))]
    assert raised == [], raised
    with open(folder / "new-patients.csv", encoding="utf-8") as f:
        assert len(list(csv.DictReader(f))) == 42
    for stage in ("check", "hypothesize", "design", "train"):
        assert status(cells, stage).startswith(("DONE", "DONE_WITH_CONCERNS")), status(cells, stage)
    assert status(cells, "report").startswith("DONE: I recommend "), status(cells, "report")


def test_diagnose_judges_every_run_and_ranks_causes_with_a_cell_to_try(run):
    folder, cells = run
    line = status(cells, "diagnose")
    assert line.startswith(("DONE", "DONE_WITH_CONCERNS")), line
    diagnosis = json.loads(git_show(folder, "diagnosis.json", "the batch"))["decision"]
    plan = sealed(folder, "plan.json")
    assert [r["run"] for r in diagnosis["runs"]] == [e["id"] for e in plan["experiments"]]
    assert f"I diagnosed {len(diagnosis['runs'])} runs" in line, line
    strengths = [c["strength"] for c in diagnosis["causes"]]
    assert strengths == sorted(strengths, reverse=True) and strengths, diagnosis["causes"]
    assert diagnosis["causes"][0]["try"].startswith("%"), diagnosis["causes"][0]
    assert diagnosis["causes"][0]["try"] in line, line
    judged = [r for r in diagnosis["runs"] if r["verdicts"]]
    assert judged, "no run's curve was long enough to judge"
    shown = text(cells, "diagnose")
    for run_record in judged:
        for verdict in run_record["verdicts"]:
            assert verdict["verdict"].replace("_", " ") in shown.lower(), verdict


def test_the_sweep_stops_weak_trials_early_and_seals_its_ledger(run):
    folder, cells = run
    line = status(cells, "sweep")
    assert line.startswith(("DONE", "DONE_WITH_CONCERNS")), line
    spec = sealed(folder, "sweep.json")
    result = sealed(folder, "sweep_result.json")
    ledger_file = folder / "sealbook-project" / result["ledger"]
    ledger = [json.loads(x) for x in ledger_file.read_text(encoding="utf-8").splitlines()]
    assert len(ledger) == 24, ledger
    assert {tuple(sorted(t["settings"].items())) for t in ledger}.__len__() == 24, "a setting was tried twice"
    for t in ledger:
        assert 0.01 <= t["settings"]["learning_rate"] <= 0.3 and 1 <= t["settings"]["max_depth"] <= 5, t
        assert t["settings"]["trees"] == 200, t
    cut = [t for t in ledger if t["status"] == "PRUNED"]
    assert cut and all(t["steps"] in (10, 30, 90) for t in cut), cut
    assert f"{len(cut)} of them stopped early at a checkpoint" in line, line
    scored = [t for t in ledger if t["score"] is not None]
    best = min(scored, key=lambda t: t["score"])
    assert result["best"] == best["trial"] and f"the best is {best['trial']}" in line, (result, line)
    assert spec["strategy"] == "bayesian" and spec["early_stopping"] == "asha", spec


def test_the_second_diagnosis_reads_the_sweep(run):
    folder, cells = run
    line = status(cells, "diagnose_sweep")
    assert line.startswith(("DONE", "DONE_WITH_CONCERNS")), line
    diagnosis = sealed(folder, "diagnosis.json")
    result = sealed(folder, "sweep_result.json")
    assert diagnosis["source"]["kind"] == "sweep" and diagnosis["source"]["basis"] == result["training"]["batch"]
    ledger = (folder / "sealbook-project" / result["ledger"]).read_text(encoding="utf-8").splitlines()
    cut = {json.loads(x)["trial"] for x in ledger if json.loads(x)["status"] == "PRUNED"}
    assert [r["run"] for r in diagnosis["runs"]] == [json.loads(x)["trial"] for x in ledger]
    assert not cut & {c["run"] for c in diagnosis["causes"]}, diagnosis["causes"]
    assert f"I diagnosed {len(ledger)} runs" in line, line


def test_scaling_trains_at_five_sizes_and_says_what_doubling_buys(run):
    folder, cells = run
    line = status(cells, "scaling")
    assert line.startswith(("DONE", "DONE_WITH_CONCERNS")), line
    scaling = sealed(folder, "scaling.json")
    sizes = [p["n"] for p in scaling["points"]]
    assert len(sizes) == 5 and sizes == sorted(sizes) and sizes[-1] == scaling["at"], sizes
    assert sizes[0] * 14 <= sizes[-1] <= sizes[0] * 18, "from about a sixteenth of the rows: " + str(sizes)
    assert scaling["chosen"] in scaling["curves"] and scaling["experiment"] in line, (scaling["chosen"], line)
    assert "doubling the training rows would change the error by" in line, line


def test_eval_scores_the_rows_kept_aside_and_measures_their_drift(run):
    folder, cells = run
    evaluation = sealed(folder, "eval.json")
    assert evaluation["rows"] == 42 and evaluation["scored_rows"] == 42
    assert set(evaluation["scores"]) == {"rmse", "mae", "r2"}
    shown = text(cells, "eval")
    assert f"{evaluation['scores']['rmse']:.4g}" in shown, shown[:2000]
    drift = evaluation["drift"]
    assert {d["column"] for d in drift} >= {"age", "bmi", "bp", "s1"}
    moved = [d for d in drift if d["psi"] > max(0.25, d["chance"])]
    line = status(cells, "eval")
    if moved:
        assert line.startswith("DONE_WITH_CONCERNS"), line
        assert moved[0]["column"] in line, line
    else:
        assert line.startswith("DONE"), line
