#!/usr/bin/env python3
"""How usable the kernel stays while a batch trains: '1+1' latency idle vs during %train, in one kernel.

Starts the installed Sealbook kernel in a scratch folder with the digits data, seals a plan of one large neural
network (so training lasts a while), measures execute_request('1+1') -> iopub idle --runs times with nothing
running, then starts %train (which returns at once) and measures the same while the batch trains, then waits for
the batch. Prints medians, p95 and the ratio (target: during <= 2 x idle).

Usage: train_latency.py [--kernel sealbook] [--runs 30] [--epochs 300]
Needs jupyter_client (Debian's python3-jupyter-client) and the kernel installed where Jupyter looks.
"""
import argparse
import os
import shutil
import statistics
import tempfile
import time

from jupyter_client.manager import KernelManager

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(os.path.dirname(HERE), "notebooks", "data", "digits.csv")


def run(kc, code, timeout=300):
    """Executes code; returns (seconds to iopub idle, text of the status line or result shown)."""
    t0 = time.perf_counter()
    msg_id = kc.execute(code)
    shown = []
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind in ("display_data", "execute_result", "stream", "error"):
            shown.append(content.get("data", {}).get("text/plain") or content.get("text") or content.get("evalue", ""))
        if kind == "status" and content["execution_state"] == "idle":
            return time.perf_counter() - t0, "\n".join(shown)


def p95(values):
    return sorted(values)[max(0, int(round(0.95 * len(values))) - 1)]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kernel", default="sealbook")
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--epochs", type=int, default=300)
    args = ap.parse_args()

    folder = tempfile.mkdtemp(prefix="train_latency.")
    shutil.copy(DATA, folder)
    km = KernelManager(kernel_name=args.kernel)
    km.start_kernel(cwd=folder)
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        for cell in ("%data_check digits.csv --target digit",
                     "%hypothesize --families baseline,mlp",
                     f"%%design_experiments\nexp_001: mlp hidden=256,256 epochs={args.epochs}"):
            _, shown = run(kc, cell)
            status = [line for line in shown.splitlines() if line.startswith(("DONE", "BLOCKED", "NEEDS"))]
            print(f"{cell.splitlines()[0]:40s} {status[-1][:100] if status else shown[-200:]}")
        for _ in range(10):
            run(kc, "1+1")  # warm-up, not counted
        idle = [run(kc, "1+1")[0] for _ in range(args.runs)]

        t_start = time.perf_counter()
        start_s, _ = run(kc, "%train")
        during = []
        for _ in range(args.runs):
            during.append(run(kc, "1+1")[0])
        measured_in = time.perf_counter() - t_start
        _, shown = run(kc, "%train status")
        still = "RUNNING" in shown or "QUEUED" in shown or "PREFLIGHT" in shown
        wait_s, shown = run(kc, "%train --wait", timeout=1800)
        final = [line for line in shown.splitlines() if line.startswith(("DONE", "BLOCKED"))]

        med_idle, med_during = statistics.median(idle), statistics.median(during)
        print(f"%train returned in {start_s * 1000:.0f} ms; {args.runs} runs of '1+1' during training took "
              f"{measured_in:.1f} s; the batch was {'still training' if still else 'FINISHED'} after them"
              f" ({'valid' if still else 'NOT valid: raise --epochs'}); it ended {wait_s:.1f} s later: "
              f"{final[-1][:120] if final else '?'}")
        print(f"'1+1' idle:            median {med_idle * 1000:6.1f} ms, p95 {p95(idle) * 1000:6.1f} ms (n={len(idle)})")
        print(f"'1+1' during training: median {med_during * 1000:6.1f} ms, p95 {p95(during) * 1000:6.1f} ms "
              f"(n={len(during)})")
        ratio = med_during / med_idle
        print(f"during / idle: {ratio:.2f}x   (target <= 2x: {'MET' if ratio <= 2 else 'NOT MET'})")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
