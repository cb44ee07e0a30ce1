"""Fresh kernels of several kernelspecs, started in turn: how soon each gives its first `1+1` and how long its first
%data_check takes. Used to compare start-up archives (bench/README.md, issue 11); a benchmark, not a test.

    JUPYTER_PATH=P1/share/jupyter:P2/share/jupyter python bench/start_ab.py KERNEL [KERNEL ...] [--rounds N]

Run it with the peers' Python (~/.cache/sealbook-peers/bin/python, made by bench/kernel_bench.sh).
"""
import argparse
import os
import shutil
import statistics
import tempfile
import time

from jupyter_client.manager import KernelManager

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "notebooks", "data", "breast_cancer.csv")


def run(kc, code, timeout=120):
    """Milliseconds from execute_request to that request's idle and reply, and the reply's status."""
    t0 = time.perf_counter()
    msg_id = kc.execute(code)
    while True:
        m = kc.get_iopub_msg(timeout=timeout)
        if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "status" \
                and m["content"]["execution_state"] == "idle":
            break
    reply = kc.get_shell_msg(timeout=timeout)
    return (time.perf_counter() - t0) * 1000, reply["content"]["status"]


def one_start(name):
    folder = tempfile.mkdtemp()
    try:
        os.makedirs(os.path.join(folder, "data"))
        shutil.copy(DATA, os.path.join(folder, "data"))
        km = KernelManager(kernel_name=name)
        t0 = time.perf_counter()
        km.start_kernel(cwd=folder)
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=60)
            ready = (time.perf_counter() - t0) * 1000
            first, _ = run(kc, "1+1")
            to_result = (time.perf_counter() - t0) * 1000
            # the bundled file separates its classes well enough to trip the leakage check; allow it, as the tutorial does
            run(kc, 'Files.createDirectories(Path.of("sealbook-project")); Files.writeString(Path.of("sealbook-project",'
                    ' "data_check.properties"), "correlation.auc_leak = 0.99\\n");')
            check, status = run(kc, "%data_check data/breast_cancer.csv --target diagnosis")
            return ready, first, to_result, check, status
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
    finally:
        shutil.rmtree(folder)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kernels", nargs="+")
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    results = {k: [] for k in args.kernels}
    for _ in range(args.rounds):
        for name in args.kernels:
            ready, first, to_result, check, status = one_start(name)
            results[name].append((ready, first, to_result, check))
            print(f"{name:20} kernel_info {ready:6.0f}  first 1+1 {first:6.0f}  start -> its result {to_result:6.0f}"
                  f"  first %data_check {check:6.0f} ms ({status})", flush=True)
    print("medians (ms): kernel_info, first 1+1, start -> its result, first %data_check")
    for name, rows in results.items():
        print(f"{name:20}", [round(statistics.median(col)) for col in zip(*rows)])


if __name__ == "__main__":
    main()
