"""Interrupts and restarts a real kernel while it trains, through jupyter_client, and checks that the batch stops
with checkpoints and that `%train --resume` after the restart goes on where it stopped without training the
finished runs again.

Needs the kernel installed where Jupyter looks (install/install.sh); SEALBOOK_KERNEL names it (default sealbook).
"""
import json
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from jupyter_client.manager import start_new_kernel
from run_notebook import KERNEL

DATA = Path(__file__).resolve().parents[1] / "data"


def run_cell(kc, code, timeout=300):
    """Runs a cell and returns (reply content, every plain text it showed)."""
    msg_id = kc.execute(code)
    return collect(kc, msg_id, timeout)


def collect(kc, msg_id, timeout):
    texts = []
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_iopub_msg(timeout=max(1, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind in ("display_data", "update_display_data", "execute_result"):
            texts.append(content["data"].get("text/plain", ""))
        elif kind == "stream":
            texts.append(content["text"])
        elif kind == "error":
            texts.append(content["ename"] + ": " + content["evalue"])
        elif kind == "status" and content["execution_state"] == "idle":
            break
    reply = kc.get_shell_msg(timeout=30)
    return reply["content"], "\n".join(texts)


def wait_for(condition, what, timeout=240):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"waited {timeout} s for {what}")


def steps(log):
    """The step records of a run log (the last line may be cut short while it is written)."""
    if not log.exists():
        return []
    records = []
    for line in log.read_text(encoding="utf-8").splitlines():
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError:
            pass
    return [r for r in records if r.get("event") == "step"]


def result(folder):
    path = folder / "result.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def branch_tip(workspace, batch, experiment):
    return subprocess.run(["git", "rev-parse", f"sealbook/exp/{batch}/{experiment}"], cwd=workspace,
                          capture_output=True, text=True, check=True).stdout.strip()


@pytest.fixture
def kernel(tmp_path):
    shutil.copy(DATA / "digits.csv", tmp_path / "digits.csv")
    km, kc = start_new_kernel(kernel_name=KERNEL, cwd=str(tmp_path), startup_timeout=120)
    yield tmp_path, km, kc
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def test_interrupt_stops_training_with_checkpoints_and_resume_after_a_restart_goes_on(kernel):
    folder, km, kc = kernel
    for cell in ("%data_check digits.csv --target digit", "%hypothesize --families baseline,mlp",
                 "%design_experiments --concurrency 1"):
        reply, shown = run_cell(kc, cell)
        assert reply["status"] == "ok", shown
    workspace = folder / "sealbook-project"
    plan = json.loads((workspace / "plan.json").read_text(encoding="utf-8"))
    batch = plan["decision"]["batch"]
    runs = workspace / "runs" / batch
    first_net = runs / "exp_001"

    # 1. An interrupt while a cell waits for the batch: the wait ends as interrupted and every run stops.
    waiting = kc.execute("%train --wait")
    wait_for(lambda: len(steps(first_net / "log.jsonl")) >= 2, "exp_001 to train two epochs")
    km.interrupt_kernel()
    reply, shown = collect(kc, waiting, timeout=120)
    assert reply["status"] == "error", shown
    wait_for(lambda: all(result(runs / e) is not None for e in ("exp_000", "exp_001")), "the runs to record results")
    assert result(runs / "exp_000")["status"] == "DONE"
    stopped = result(first_net)
    assert stopped["status"] == "STOPPED", stopped
    index = [json.loads(line) for line in (first_net / "checkpoints.jsonl").read_text().splitlines()]
    last = [e for e in index if "last" in e["kinds"]][-1]
    assert last["step"] == stopped["steps"] and (first_net / "checkpoints" / last["file"]).is_file()
    baseline_tip = branch_tip(workspace, batch, "exp_000")

    # 2. A restart: a new kernel process that knows nothing of the batch but what the workspace holds.
    km.restart_kernel(now=True)
    kc.wait_for_ready(timeout=120)
    reply, shown = run_cell(kc, "%train --resume")
    assert reply["status"] == "ok", shown
    assert "keep their results (exp_000)" in shown, shown
    assert f"exp_001 from step {last['step']}" in shown, shown

    # 3. An interrupt while no cell runs stops the background batch too.
    before = len(steps(first_net / "log.jsonl"))
    wait_for(lambda: len(steps(first_net / "log.jsonl")) > before, "exp_001 to go on training")
    km.interrupt_kernel()
    wait_for(lambda: (result(first_net) or {}).get("steps", 0) > last["step"]
             and result(first_net)["status"] == "STOPPED", "exp_001 to stop again")

    # 4. Resume to the end: every run finishes, the baseline was never trained again. (--wait first lets the
    # stopped batch finish sealing its ledger; a resume while it still runs would be refused.)
    reply, shown = run_cell(kc, "%train --wait")
    assert reply["status"] == "ok", shown
    reply, shown = run_cell(kc, "%train --resume --wait", timeout=600)
    assert reply["status"] == "ok", shown
    assert f"DONE: All {len(plan['decision']['experiments'])} experiments of batch {batch} trained" in shown, shown
    assert branch_tip(workspace, batch, "exp_000") == baseline_tip
    events = [json.loads(line)["event"] for line in (first_net / "log.jsonl").read_text().splitlines()]
    assert events.count("resume") == 2, events
    assert result(first_net)["status"] == "DONE"
