"""Executes notebooks/01-first-model.ipynb in a real Jupyter client and checks what a learner sees in it.

Needs the kernel installed where Jupyter looks (install/install.sh); SEALBOOK_KERNEL names it (default sealbook).
"""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from run_notebook import displays, execute_tutorial, status

NOTEBOOKS = Path(__file__).resolve().parents[1]
NOTEBOOK = NOTEBOOKS / "01-first-model.ipynb"
PLOTLY = "application/vnd.plotly.v1+json"


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tutorial")
    return folder, execute_tutorial(NOTEBOOK, folder, timeout=120)


def errors(cells, cell_id):
    return [o for o in cells[cell_id].get("outputs", []) if o.output_type == "error"]


def test_committed_notebook_has_no_outputs_and_names_the_kernel():
    raw = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    assert (raw["nbformat"], raw["nbformat_minor"]) == (4, 5)
    assert raw["metadata"]["kernelspec"]["name"] == "sealbook"
    code = [c for c in raw["cells"] if c["cell_type"] == "code"]
    assert all(c["outputs"] == [] and c["execution_count"] is None for c in code)


def test_shipped_data_is_the_shared_copy():
    shared = Path(__file__).resolve().parents[3] / "shared" / "data" / "breast_cancer.csv"
    if not shared.is_file():
        pytest.skip("no shared data folder beside the project on this machine")
    assert (NOTEBOOKS / "data" / "breast_cancer.csv").read_bytes() == shared.read_bytes()


def test_no_cell_raises(run):
    _, cells = run
    raised = [cid for cid in cells if errors(cells, cid)]
    assert raised == [], raised


def test_first_check_is_blocked_by_possible_leakage(run):
    _, cells = run
    line = status(cells, "check-blocked")
    assert line.startswith("BLOCKED: "), line
    assert "leakage" in line.lower() and "auc" in line.lower(), line
    assert "worst perimeter" in line, line


def test_second_check_with_the_written_threshold_is_sealed_with_concerns(run):
    folder, cells = run
    line = status(cells, "check-sealed")
    assert line.startswith("DONE_WITH_CONCERNS: "), line
    assert "leakage" not in line.lower(), line
    properties = (folder / "sealbook-project" / "data_check.properties").read_text(encoding="utf-8")
    assert properties.startswith("#") and "correlation.auc_leak = 0.99" in properties
    assert (folder / "sealbook-project" / "data_check.json").is_file()
    assert (folder / "sealbook-project" / "data_check.json.sha256").is_file()


def test_sealed_check_draws_figures_as_plotly_and_png(run):
    _, cells = run
    figures = [d for d in displays(cells, "check-sealed") if PLOTLY in d]
    assert len(figures) >= 2, [list(d) for d in displays(cells, "check-sealed")]
    for figure in figures:
        assert figure.get("image/png"), list(figure)
        assert figure[PLOTLY]["data"], figure[PLOTLY]


def test_glossary_defines_leakage(run):
    _, cells = run
    shown = "".join(o.data["text/plain"] for o in cells["glossary"].outputs if o.output_type == "execute_result")
    assert shown.startswith("leakage: ") and len(shown) > len("leakage: ") + 40, shown


def test_changed_artifact_is_refused_as_tampered(run):
    folder, cells = run
    line = status(cells, "verify")
    assert line.startswith("BLOCKED: tamper detected"), line
    assert "data_check.json" in line and "%data_check" in line, line
    assert not errors(cells, "verify"), "a refusal is a status, not an error"


def test_last_check_seals_a_fresh_artifact_that_verifies(run):
    folder, cells = run
    assert status(cells, "check-restored").startswith("DONE_WITH_CONCERNS: ")
    check = subprocess.run(["sha256sum", "-c", "data_check.json.sha256"], cwd=folder / "sealbook-project",
                           capture_output=True, text=True)
    assert check.returncode == 0 and check.stdout.strip() == "data_check.json: OK", check


def test_hypothesis_is_sealed_on_the_data_check_with_its_splits(run):
    folder, cells = run
    line = status(cells, "hypothesize")
    assert line.startswith("DONE: The hypothesis is sealed"), line
    assert "judged by auc (higher is better)" in line, line
    shown = " ".join(d.get("text/plain", "") for d in displays(cells, "hypothesize"))
    assert "test rows are locked" in shown, shown[:2000]
    for split in ("train", "validation", "test"):
        assert (folder / "sealbook-project" / "splits" / f"{split}.rows").is_file()


def test_plan_is_sealed_with_a_baseline_first_and_a_branch_per_experiment(run):
    folder, cells = run
    line = status(cells, "design")
    assert line.startswith("DONE: The plan is sealed"), line
    plan = json.loads((folder / "sealbook-project" / "plan.json").read_text(encoding="utf-8"))
    experiments = plan["decision"]["experiments"]
    assert experiments[0]["id"] == "exp_000" and experiments[0]["family"] == "baseline", experiments[0]
    assert len(experiments) >= 6, len(experiments)
    assert plan["predecessor"]["stage"] == "hypothesis", plan["predecessor"]


def test_an_edited_hypothesis_is_refused_as_tamper_and_the_honest_way_works(run):
    _, cells = run
    refused = status(cells, "design-refused")
    assert refused.startswith("BLOCKED: ") and "tamper detected" in refused and "hypothesis.json" in refused, refused
    assert status(cells, "hypothesize-again").startswith("DONE: "), status(cells, "hypothesize-again")
    assert status(cells, "design-again").startswith("DONE: The plan is sealed"), status(cells, "design-again")


def test_train_runs_the_plan_with_progress_and_a_results_table(run):
    folder, cells = run
    line = status(cells, "train")
    assert line.startswith("DONE: All ") and "experiments of batch" in line, line
    shown = displays(cells, "train")
    progress = [d for d in shown if "sealbook-progress" in d.get("text/html", "")]
    assert len(progress) >= 6, f"one progress display per experiment: {len(progress)}"
    plan = json.loads((folder / "sealbook-project" / "plan.json").read_text(encoding="utf-8"))["decision"]
    for experiment in plan["experiments"]:
        result = folder / "sealbook-project" / "runs" / plan["batch"] / experiment["id"] / "result.json"
        assert json.loads(result.read_text(encoding="utf-8"))["status"] == "DONE", result
    table = " ".join(d.get("text/plain", "") for d in displays(cells, "train-status"))
    assert "exp_000" in table and "DONE" in table, table[:1000]


def test_report_judges_the_batch_writes_its_files_and_promotes_the_winner(run):
    folder, cells = run
    line = status(cells, "report")
    workspace = folder / "sealbook-project"
    assert line.startswith(("DONE: I recommend ", "DONE_WITH_CONCERNS: No experiment earned")), line
    shown = "\n".join(d.get("text/plain", "") + d.get("text/markdown", "") for d in displays(cells, "report"))
    assert "Leaderboard" in shown, shown[:2000]
    dashboard = json.loads((workspace / "dashboard.json").read_text(encoding="utf-8"))
    assert dashboard["plan_id"] == json.loads((workspace / "plan.json").read_text())["decision"]["batch"]
    assert 2 <= len(dashboard["next_steps"]) <= 3
    html = (workspace / "report.html").read_text(encoding="utf-8")
    assert "<script src" not in html and "Leaderboard" in html
    check = subprocess.run(["sha256sum", "-c", "report.json.sha256"], cwd=workspace, capture_output=True, text=True)
    assert check.returncode == 0, check
    if line.startswith("DONE: I recommend "):
        winner = dashboard["winner"]
        tags = subprocess.run(["git", "tag"], cwd=workspace, capture_output=True, text=True, check=True).stdout
        assert f"promoted/{winner}" in tags.split(), tags


def test_final_scores_the_test_rows_once_and_refuses_a_second_look(run):
    _, cells = run
    first = status(cells, "final")
    if first.startswith("BLOCKED: The report recommended no winner"):
        pytest.skip("this data gave no winner to score")
    assert first.startswith("DONE: ") and "on the locked test rows" in first, first
    again = status(cells, "final-again")
    assert again.startswith("BLOCKED: The locked test rows were used once already"), again


def test_the_promoted_model_predicts_raw_rows_in_a_cell(run):
    _, cells = run
    if status(cells, "report").startswith("DONE_WITH_CONCERNS"):
        pytest.skip("nothing was promoted")
    printed = "".join(o.get("text", "") for o in cells["use"].outputs if o.output_type == "stream")
    assert "predicted diagnosis" in printed and printed.count("\n") >= 5, printed


# Small enough to share: plotly.js (1.5 MB minified) travels once in the notebook and once in the report.
MAX_NOTEBOOK_BYTES = 3_000_000
MAX_REPORT_BYTES = 2_000_000
PLOTLY_BANNER = "plotly.js (cartesian - minified) v"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def test_the_executed_notebook_and_its_report_are_small_enough_to_share(run):
    folder, _ = run
    notebook = folder / NOTEBOOK.name
    report = folder / "sealbook-project" / "report.html"
    sizes = {notebook.name: notebook.stat().st_size, report.name: report.stat().st_size}
    assert sizes[notebook.name] <= MAX_NOTEBOOK_BYTES, sizes
    assert sizes[report.name] <= MAX_REPORT_BYTES, sizes
    assert notebook.read_text(encoding="utf-8").count(PLOTLY_BANNER) == 1, "plotly.js is in the notebook once"
    assert report.read_text(encoding="utf-8").count(PLOTLY_BANNER) == 1, "plotly.js is in the report once"


def drawn_dom(page, folder):
    """The DOM of an HTML file after headless Chromium ran its scripts, with every host name unresolvable (offline)."""
    result = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP * ~NOTFOUND",
                             f"--user-data-dir={folder / 'chromium-profile'}", "--virtual-time-budget=20000", "--dump-dom",
                             page.as_uri()], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def figure_bundles(cells):
    """Every figure the notebook displayed, in order."""
    return [d for cid, cell in cells.items() if cell.cell_type == "code" for d in displays(cells, cid) if PLOTLY in d]


def figure_count(dom):
    """How many notebook figures the page holds, and how many plotly.js drew (it hides the PNG of each it drew)."""
    figures = dom.split('<div class="sealbook-figure">')[1:]
    return len(figures), sum('class="main-svg"' in f and 'display: none;' in f for f in figures)


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium to open the notebook's HTML in (apt-get install chromium)")
def test_nbconvert_html_draws_every_figure_offline(run):
    folder, cells = run
    figures = len(figure_bundles(cells))
    html = folder / "01-first-model.html"
    subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "html", "--output", html.name,
                    str(folder / NOTEBOOK.name)], check=True, capture_output=True, cwd=folder)
    assert figure_count(drawn_dom(html, folder)) == (figures, figures)


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium to open the figures' HTML in (apt-get install chromium)")
def test_figures_that_render_before_the_one_carrying_plotly_js_wait_for_it(run):
    folder, cells = run
    outputs = [d["text/html"] for d in figure_bundles(cells)]
    assert sum(PLOTLY_BANNER in o for o in outputs) == 1, "only the session's first figure carries plotly.js"
    page = folder / "figures-in-reverse.html"
    page.write_text("<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>\n" + "\n".join(reversed(outputs))
                    + "\n</body></html>\n", encoding="utf-8")
    assert figure_count(drawn_dom(page, folder)) == (len(outputs), len(outputs))
