#!/usr/bin/env python3
"""Sealbook kernel vs ipykernel: latency and idle cost, both kernels in the same run, as a Jupyter client sees them.

Every measure runs on both kernels in one process, interleaved where the measure allows, so that the noise of a
shared machine hits both alike; the ratios are computed within the run. Client side: jupyter_client's
KernelManager + BlockingKernelClient, with the round-trip helpers of the peers' kernel_latency.py.

  cold start     fresh kernel: start_kernel() -> first kernel_info_reply on shell (kernel_info re-sent every
                 second until one comes). Then, on the same fresh kernel, right after that reply:
  first complete complete_request (Java 'System.out.pri', Python 'import os; os.pa') -> complete_reply,
                 then one execute '1+1' (information only). Kernels alternate: J P, P J, J P ...
  first execute  --first-execute-runs more fresh kernels of each kind whose first request is '1+1' (after a
                 kernel_info that proves iopub is connected, as jupyter_server's nudge does); information only.
  execute        one warm kernel each: execute_request -> iopub status idle of that request. Each round runs
                 Java '1+1', Python '1+1' and Java '%classpath' (a magic that prints a sentence and runs no
                 Java) in a shuffled order; --warmup rounds not counted, then --runs rounds.
  complete       same warm kernels, rounds of one Java and one Python completion, shuffled.
  idle           after the above: both kernels left alone for --idle-seconds (1 s to settle first); CPU time
                 from /proc/PID/stat (utime+stime of the kernel and its child processes) over wall time, in
                 percent of one core; resident memory (VmRSS in /proc/PID/status) sampled every second.
  interrupt      busy loop (Java 'while (true) { }', Python 'while True: pass'); once the kernel reports busy,
                 wait 1 s, then interrupt: Java by interrupt_request on the control channel (its kernelspec
                 says interrupt_mode message), Python by KernelManager.interrupt_kernel() (SIGINT); time from
                 the interrupt to the execute's iopub idle. Then '1+1' must still give 2.

Targets (absolute ones apply to the Java kernel):
  cold start <= 1.5 x ipykernel's; no-op magic <= 1.0 x ipykernel's '1+1'; Java '1+1' <= 4 x ipykernel's '1+1';
  completion median <= 100 ms and first call <= 300 ms; idle < 2 % of a core and <= 250 MB resident.

Usage: kernel_bench.py [--java sealbook] [--python python3] [--quick] [--repeat N] [--json OUT.json]
The kernel's own stderr (the Java kernel's log) goes to files under the output folder, not to the terminal.
With --python python3 the Python kernel is this interpreter's ipykernel (as in the peers' venv) unless
--python-installed is given, which takes whatever kernelspec 'python3' resolves to.
"""
import argparse
import datetime as dt
import importlib.util
import json
import os
import platform
import queue
import random
import re
import shutil
import statistics
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # importing from shared/ must not leave __pycache__ there
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
PEERS = os.environ.get("SEALBOOK_PEERS_DIR") or os.path.join(os.path.dirname(REPO), "shared", "bench", "peers")
DEFAULT_OUT = os.environ.get("SEALBOOK_BENCH_DIR", "/tmp/sealbook-bench")

JAVA, PY = "java", "python"
LABEL = {JAVA: "Java", PY: "Python"}
CODE = {
    JAVA: {"one": "1+1", "magic": "%classpath", "complete": "System.out.pri", "busy": "while (true) { }"},
    PY: {"one": "1+1", "complete": "import os; os.pa", "busy": "while True: pass"},
}
MB = 1_000_000  # resident memory is shown in MB of 10^6 bytes (the stricter reading of "250 MB")


def import_peer_helpers():
    if not os.path.isfile(os.path.join(PEERS, "kernel_latency.py")):
        sys.exit(f"kernel_bench: the peers' kernel_latency.py is not in {PEERS} (set SEALBOOK_PEERS_DIR)")
    sys.path.insert(0, PEERS)
    global execute_rtt, complete_rtt, wait_shell_reply, drain_iopub, KernelManager, zmq
    from kernel_latency import complete_rtt, drain_iopub, execute_rtt, wait_shell_reply  # noqa: F401
    from jupyter_client.manager import KernelManager  # noqa: F401
    import zmq  # noqa: F401


# ---------------------------------------------------------------------------------------------------- statistics

def tstats(values_s):
    """Timing samples in seconds -> median, p95, min, max in ms."""
    ms = sorted(v * 1000.0 for v in values_s)
    if not ms:
        return None
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    return {"center": statistics.median(ms), "min": ms[0], "max": ms[-1], "p95": p95, "n": len(ms),
            "samples": [round(v * 1000.0, 3) for v in values_s]}  # in the order taken


def drift(values_s, k=20):
    """Median of the last k samples over the median of the first k: does a kernel slow down as cells pile up?"""
    if len(values_s) < 2 * k:
        return None
    return statistics.median(values_s[-k:]) / statistics.median(values_s[:k])


# ---------------------------------------------------------------------------------------------------- kernels

class Kernel:
    """One kernel process with its client; stderr and stdout of the process go to a log file."""

    def __init__(self, which, name, log_path, timeout):
        self.which, self.name, self.log_path, self.timeout = which, name, log_path, timeout
        self.km = KernelManager(kernel_name=name)
        self.kc = None
        self.log = None
        self.t_wall_start = None

    def start(self):
        self.log = open(self.log_path, "wb")
        self.t_wall_start = time.time()
        self.km.start_kernel(stdout=self.log, stderr=self.log)
        self.kc = self.km.client()
        self.kc.start_channels()

    @property
    def pid(self):
        prov = getattr(self.km, "provisioner", None)
        pid = getattr(prov, "pid", None)
        if pid is None and getattr(prov, "process", None) is not None:
            pid = prov.process.pid
        return pid

    def wait_kernel_info(self, t0):
        """Sends kernel_info until a reply comes; returns (seconds since t0, reply content)."""
        self.kc.kernel_info()
        while True:
            try:
                msg = self.kc.get_shell_msg(timeout=1.0)
            except queue.Empty:
                if not self.km.is_alive():
                    raise RuntimeError(f"kernel {self.name} died before kernel_info_reply; log: {self.log_path}")
                if time.perf_counter() - t0 > self.timeout:
                    raise RuntimeError(f"no kernel_info_reply from {self.name} in {self.timeout} s; log: {self.log_path}")
                self.kc.kernel_info()
                continue
            if msg["msg_type"] == "kernel_info_reply":
                return time.perf_counter() - t0, msg["content"]

    def nudge_iopub(self):
        """Makes sure the iopub subscription is live before an execute is timed (ZeroMQ drops what a PUB socket
        sends before the subscriber is connected): like jupyter_server's nudge, kernel_info until an iopub status
        message answers one. A status for an earlier kernel_info already in the queue is enough."""
        deadline = time.perf_counter() + self.timeout
        sent = False
        while time.perf_counter() < deadline:
            try:
                m = self.kc.get_iopub_msg(timeout=0.5 if sent else 0.0)
                if m["msg_type"] == "status" and m["parent_header"].get("msg_type") == "kernel_info_request":
                    return
                continue
            except queue.Empty:
                pass
            self.kc.kernel_info()  # its reply on shell is skipped later: replies are matched by msg_id
            sent = True
        raise RuntimeError(f"{self.name}: iopub never answered a kernel_info; log: {self.log_path}")

    def stop(self):
        t0 = time.perf_counter()
        try:
            if self.kc is not None:
                self.kc.stop_channels()
            if self.km.has_kernel:
                self.km.shutdown_kernel(now=False)
        finally:
            if self.log:
                self.log.close()
        return time.perf_counter() - t0


def java_log_marks(path, t_wall_start):
    """Offsets (ms after start_kernel) of the Java kernel's own log lines: JVM up, sockets bound, JShell ready."""
    marks = {}
    try:
        text = open(path, encoding="utf-8", errors="replace").read()
    except OSError:
        return marks
    day = dt.datetime.fromtimestamp(t_wall_start).date()
    for m in re.finditer(r"\[sealbook \w+ (\d\d):(\d\d):(\d\d)\.(\d{1,3})\] (.*)", text):
        h, mi, s, frac, what = m.groups()
        t = dt.datetime.combine(day, dt.time(int(h), int(mi), int(s), int(frac.ljust(3, "0")) * 1000)).timestamp()
        off = (t - t_wall_start) * 1000.0
        if not -1000 < off < 600_000:
            continue
        if what.startswith("Sealbook kernel starting"):
            marks.setdefault("main_entered_ms", off)
        elif what.startswith("Kernel ready"):
            marks.setdefault("kernel_ready_ms", off)
        elif what.startswith("JShell ready"):
            marks.setdefault("jshell_ready_ms", off)
            took = re.search(r"in (\d+) ms", what)
            if took:
                marks.setdefault("jshell_build_ms", float(took.group(1)))
    return marks


# ---------------------------------------------------------------------------------------------------- /proc

def _children(pid):
    kids = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            try:
                with open(f"/proc/{pid}/task/{tid}/children") as fh:
                    kids += [int(x) for x in fh.read().split()]
            except OSError:
                pass
    except OSError:
        pass
    return kids


def process_tree(pid):
    seen, todo = [], [pid]
    while todo:
        p = todo.pop()
        if p not in seen:
            seen.append(p)
            todo += _children(p)
    return seen


def cpu_ticks(pids):
    total = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14, 15 of stat)
        except (OSError, IndexError, ValueError):
            pass
    return total


def thread_ticks(pids):
    """{(pid, tid): (thread name, utime+stime)} for every thread of the processes."""
    out = {}
    for p in pids:
        try:
            tids = os.listdir(f"/proc/{p}/task")
        except OSError:
            continue
        for tid in tids:
            try:
                with open(f"/proc/{p}/task/{tid}/stat") as fh:
                    head, tail = fh.read().rsplit(")", 1)
                fields = tail.split()
                out[(p, tid)] = (head.split("(", 1)[1], int(fields[11]) + int(fields[12]))
            except (OSError, IndexError, ValueError):
                pass
    return out


def busiest_threads(before, after, hz, seconds, top=5):
    """The threads that used the most CPU between two thread_ticks() snapshots, in % of one core."""
    used = {}
    for key, (name, ticks) in after.items():
        d = ticks - before.get(key, (name, 0))[1]
        if d > 0:
            used[name] = used.get(name, 0) + d
    best = sorted(used.items(), key=lambda kv: -kv[1])[:top]
    return [(name, round(100.0 * t / hz / seconds, 2)) for name, t in best]


def status_fields(pids):
    rss_kb, threads = 0, 0
    for p in pids:
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        rss_kb += int(line.split()[1])
                    elif line.startswith("Threads:"):
                        threads += int(line.split()[1])
        except OSError:
            pass
    return rss_kb * 1024, threads


# ---------------------------------------------------------------------------------------------------- measures

def cold_start(which, name, code, timeout, log_path, execute_first=False):
    """One fresh kernel: spawn, kernel_info_reply, first completion, then one execute, shutdown.
    With execute_first no completion is sent: the execute is the first request after kernel_info_reply but for
    the kernel_info that checks that iopub is connected (its time is left out of the execute's, not out of
    to_first_result)."""
    k = Kernel(which, name, log_path, timeout)
    t0 = time.perf_counter()
    k.start()
    t_spawn = time.perf_counter() - t0
    t_comp, matches = None, []
    try:
        t_info, info = k.wait_kernel_info(t0)
        if not execute_first:
            t_comp, matches = complete_rtt(k.kc, code["complete"], timeout)
        k.nudge_iopub()  # not timed in t_exec; it is in t_first_result
        t_exec, result, status = execute_rtt(k.kc, code["one"], timeout)
        t_first_result = time.perf_counter() - t0
    finally:
        t_shut = k.stop()
    r = {"spawn": t_spawn, "kernel_info": t_info, "first_complete": t_comp, "first_complete_matches": len(matches),
         "first_execute": t_exec, "first_execute_result": f"{status}:{result}", "shutdown": t_shut, "info": info,
         "to_first_result": t_first_result}
    if which == JAVA:
        r["log_marks"] = java_log_marks(log_path, k.t_wall_start)
        r["log_warnings"] = log_warnings(log_path)
    return r


def log_warnings(path, limit=5):
    """Distinct warning and error lines of a kernel's own log (e.g. the JVM refusing a flag or a CDS archive)."""
    found = []
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                text = re.sub(r"^\[[^\]]*\]\s*", "", line.strip())  # drop a leading [uptime] or [sealbook ...]
                if re.search(r"warn|error|exception", line, re.I) and text not in found:
                    found.append(text)
                if len(found) >= limit:
                    break
    except OSError:
        pass
    return found


def interrupt_once(k, code, timeout):
    kc = k.kc
    msg_id = kc.execute(code["busy"])
    deadline = time.perf_counter() + timeout
    while True:  # wait until the kernel says it is busy with this request
        msg = kc.get_iopub_msg(timeout=max(0.0, deadline - time.perf_counter()))
        if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                and msg["content"]["execution_state"] == "busy"):
            break
    time.sleep(1.0)
    t0 = time.perf_counter()
    if k.which == JAVA:
        kc.control_channel.send(kc.session.msg("interrupt_request", content={}))
    else:
        k.km.interrupt_kernel()
    t_sent = time.perf_counter() - t0
    poller = zmq.Poller()
    poller.register(kc.iopub_channel.socket, zmq.POLLIN)
    poller.register(kc.control_channel.socket, zmq.POLLIN)
    t_reply = t_idle = None
    ename = None
    while t_idle is None:
        left = deadline + timeout - time.perf_counter()
        if left <= 0:
            raise RuntimeError(f"{k.name}: no idle within {timeout} s of the interrupt")
        ready = dict(poller.poll(left * 1000))
        now = time.perf_counter()
        if kc.control_channel.socket in ready:
            m = kc.control_channel.get_msg(timeout=0)
            if m["msg_type"] == "interrupt_reply" and t_reply is None:
                t_reply = now - t0
        if kc.iopub_channel.socket in ready:
            m = kc.iopub_channel.get_msg(timeout=0)
            if m["parent_header"].get("msg_id") != msg_id:
                continue
            if m["msg_type"] == "error":
                ename = m["content"].get("ename")
            elif m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                t_idle = now - t0
    reply = wait_shell_reply(kc, msg_id, timeout)
    if k.which == JAVA and t_reply is None:  # the reply may come after idle
        try:
            m = kc.get_control_msg(timeout=2.0)
            if m["msg_type"] == "interrupt_reply":
                t_reply = time.perf_counter() - t0
        except queue.Empty:
            pass
    t_after, result, status = execute_rtt(kc, code["one"], timeout)
    return {"to_idle": t_idle, "to_interrupt_reply": t_reply, "send": t_sent,
            "execute_status": reply["content"].get("status"), "ename": ename or reply["content"].get("ename"),
            "after": f"{status}:{result}", "after_execute": t_after}


def idle_window(kernels, seconds):
    """Both kernels over the same window: whole-window CPU %, 1-s CPU % samples, RSS and thread samples."""
    hz = os.sysconf("SC_CLK_TCK")
    time.sleep(1.0)  # let the last replies settle
    trees = {w: process_tree(k.pid) for w, k in kernels.items()}
    threads_before = {w: thread_ticks(p) for w, p in trees.items()}
    start = {w: (time.perf_counter(), cpu_ticks(p)) for w, p in trees.items()}
    prev = dict(start)
    per_sec = {w: [] for w in kernels}
    rss = {w: [] for w in kernels}
    threads = {w: [] for w in kernels}
    end_at = time.perf_counter() + seconds
    while True:
        time.sleep(max(0.0, min(1.0, end_at - time.perf_counter())))
        for w, pids in trees.items():
            now, ticks = time.perf_counter(), cpu_ticks(pids)
            per_sec[w].append(100.0 * (ticks - prev[w][1]) / hz / max(1e-9, now - prev[w][0]))
            prev[w] = (now, ticks)
            b, th = status_fields(pids)
            rss[w].append(b / MB)
            threads[w].append(th)
        if time.perf_counter() >= end_at - 1e-3:
            break
    out = {}
    for w in kernels:
        total = 100.0 * (prev[w][1] - start[w][1]) / hz / (prev[w][0] - start[w][0])
        busiest = busiest_threads(threads_before[w], thread_ticks(trees[w]), hz, prev[w][0] - start[w][0])
        out[w] = {
            "cpu": {"center": total, "min": min(per_sec[w]), "max": max(per_sec[w]), "n": len(per_sec[w]),
                    "samples": [round(v, 2) for v in per_sec[w]]},
            "rss": {"center": statistics.median(rss[w]), "min": min(rss[w]), "max": max(rss[w]), "n": len(rss[w])},
            "threads": max(threads[w]), "pids": trees[w], "seconds": prev[w][0] - start[w][0],
            "busiest_threads": busiest}
    return out


def run_round(args, names, out_dir, rnd, rng):
    res = {"round": rnd, "loadavg_start": loadavg()}
    log_dir = os.path.join(out_dir, "logs")
    os.makedirs(log_dir, exist_ok=True)
    tag = f"{time.strftime('%H%M%S')}-r{rnd}"

    # ---- cold starts, one kernel at a time, alternating which goes first
    cold = {JAVA: [], PY: []}
    for i in range(args.cold_runs):
        order = [JAVA, PY] if i % 2 == 0 else [PY, JAVA]
        for w in order:
            c = cold_start(w, names[w], CODE[w], args.timeout, os.path.join(log_dir, f"{tag}-cold{i + 1}-{w}.log"))
            cold[w].append(c)
            print(f"  cold start {i + 1} {LABEL[w]:6s}: kernel_info_reply {c['kernel_info'] * 1000:6.0f} ms, "
                  f"first complete {c['first_complete'] * 1000:6.0f} ms ({c['first_complete_matches']} matches), "
                  f"first 1+1 {c['first_execute'] * 1000:5.0f} ms, shutdown {c['shutdown'] * 1000:5.0f} ms", flush=True)
    res["kernel_info"] = {w: {k: cold[w][-1]["info"].get(k) for k in ("implementation", "implementation_version")}
                          | {"language_version": (cold[w][-1]["info"].get("language_info") or {}).get("version")}
                          for w in cold}
    for key in ("kernel_info", "first_complete", "spawn", "shutdown", "first_execute"):
        res[f"cold_{key}"] = {w: tstats([c[key] for c in cold[w]]) for w in cold}
    # ---- fresh kernels whose first request is an execute (what a user who runs a cell first waits for)
    fresh = {JAVA: [], PY: []}
    for i in range(args.first_execute_runs):
        for w in ([PY, JAVA] if i % 2 == 0 else [JAVA, PY]):
            c = cold_start(w, names[w], CODE[w], args.timeout, os.path.join(log_dir, f"{tag}-fresh{i + 1}-{w}.log"),
                           execute_first=True)
            fresh[w].append(c)
            print(f"  fresh kernel {i + 1} {LABEL[w]:6s}: kernel_info_reply {c['kernel_info'] * 1000:6.0f} ms, "
                  f"then first execute 1+1 {c['first_execute'] * 1000:6.0f} ms -> {c['first_execute_result']}", flush=True)
    res["fresh_first_execute"] = {w: tstats([c["first_execute"] for c in fresh[w]]) for w in fresh}
    res["fresh_to_first_result"] = {w: tstats([c["to_first_result"] for c in fresh[w]]) for w in fresh}
    res["cold_checks"] = {w: sorted({c["first_execute_result"] for c in cold[w] + fresh[w]}) for w in cold}
    res["first_complete_matches"] = {w: sorted({c["first_complete_matches"] for c in cold[w]}) for w in cold}
    res["java_log_warnings"] = sorted({w for c in cold[JAVA] for w in c.get("log_warnings", [])})
    for w in res["java_log_warnings"]:
        print(f"  Java kernel log says: {w}", flush=True)
    marks = [c.get("log_marks", {}) for c in cold[JAVA]]
    res["java_log_marks"] = {key: tstats([m[key] / 1000.0 for m in marks if key in m])
                             for key in ("main_entered_ms", "kernel_ready_ms", "jshell_ready_ms", "jshell_build_ms")}

    # ---- warm kernels, both up at once
    kernels = {w: Kernel(w, names[w], os.path.join(log_dir, f"{tag}-warm-{w}.log"), args.timeout) for w in (JAVA, PY)}
    try:
        for k in kernels.values():
            k.start()
        for k in kernels.values():
            k.kc.wait_for_ready(timeout=args.timeout)
            drain_iopub(k.kc)
        res["pids"] = {w: k.pid for w, k in kernels.items()}

        jobs = [(JAVA, "one"), (PY, "one"), (JAVA, "magic")]
        times = {j: [] for j in jobs}
        seen = {j: set() for j in jobs}
        for i in range(args.warmup + args.runs):
            rng.shuffle(jobs)
            for w, what in jobs:
                t, result, status = execute_rtt(kernels[w].kc, CODE[w][what], args.timeout)
                seen[(w, what)].add(f"{status}:{result}")
                if i >= args.warmup:
                    times[(w, what)].append(t)
        res["execute_one"] = {w: tstats(times[(w, "one")]) for w in (JAVA, PY)}
        res["execute_magic"] = {JAVA: tstats(times[(JAVA, "magic")])}
        res["execute_drift"] = {f"{w}:{what}": drift(v) for (w, what), v in times.items()}
        res["execute_seen"] = {f"{w}:{what}": sorted(s) for (w, what), s in seen.items()}
        print(f"  execute: {args.warmup} + {args.runs} rounds done; results seen {res['execute_seen']}", flush=True)

        order = [JAVA, PY]
        ctimes = {JAVA: [], PY: []}
        nmatch = {JAVA: set(), PY: set()}
        for i in range(args.warmup + args.runs):
            rng.shuffle(order)
            for w in order:
                t, matches = complete_rtt(kernels[w].kc, CODE[w]["complete"], args.timeout)
                nmatch[w].add(len(matches))
                if i >= args.warmup:
                    ctimes[w].append(t)
        res["complete"] = {w: tstats(ctimes[w]) for w in ctimes}
        res["complete_matches"] = {w: sorted(s) for w, s in nmatch.items()}
        res["complete_drift"] = {w: drift(v) for w, v in ctimes.items()}
        print(f"  complete: {args.warmup} + {args.runs} rounds done; match counts {res['complete_matches']}", flush=True)

        idle = idle_window(kernels, args.idle_seconds)
        res["idle_cpu"] = {w: idle[w]["cpu"] for w in idle}
        res["idle_rss"] = {w: idle[w]["rss"] for w in idle}
        res["idle_threads"] = {w: idle[w]["threads"] for w in idle}
        res["idle_pids"] = {w: idle[w]["pids"] for w in idle}
        res["idle_busiest_threads"] = {w: idle[w]["busiest_threads"] for w in idle}
        print(f"  idle {args.idle_seconds:.0f} s: " + ", ".join(
            f"{LABEL[w]} {idle[w]['cpu']['center']:.2f} % CPU, {idle[w]['rss']['center']:.0f} MB, "
            f"{idle[w]['threads']} threads" for w in idle), flush=True)
        for w in idle:
            if idle[w]["busiest_threads"]:
                print(f"    {LABEL[w]} threads that used CPU while idle (% of a core): "
                      + ", ".join(f"{n} {v:.2f}" for n, v in idle[w]["busiest_threads"]), flush=True)

        ints = {JAVA: [], PY: []}
        for i in range(args.interrupts):
            for w in ([JAVA, PY] if i % 2 == 0 else [PY, JAVA]):
                r = interrupt_once(kernels[w], CODE[w], args.timeout)
                ints[w].append(r)
                reply_ms = "-" if r["to_interrupt_reply"] is None else f"{r['to_interrupt_reply'] * 1000:.1f}"
                print(f"  interrupt {i + 1} {LABEL[w]:6s}: idle after {r['to_idle'] * 1000:7.1f} ms "
                      f"(interrupt_reply {reply_ms} ms), status {r['execute_status']} {r['ename']}, "
                      f"then 1+1 -> {r['after']}", flush=True)
        res["interrupt"] = {w: tstats([r["to_idle"] for r in ints[w]]) for w in ints}
        res["interrupt_reply"] = {JAVA: tstats([r["to_interrupt_reply"] for r in ints[JAVA]
                                                if r["to_interrupt_reply"] is not None])}
        res["interrupt_checks"] = {w: sorted({f"{r['execute_status']}/{r['ename']}/{r['after']}" for r in ints[w]})
                                   for w in ints}
    finally:
        for k in kernels.values():
            try:
                k.stop()
            except Exception as e:  # noqa: BLE001 - report, keep stopping the other one
                print(f"  warning: stopping {k.name}: {e}", file=sys.stderr)
    res["loadavg_end"] = loadavg()
    return res


def loadavg():
    try:
        with open("/proc/loadavg") as fh:
            return [float(x) for x in fh.read().split()[:3]]
    except OSError:
        return None


# ---------------------------------------------------------------------------------------------------- report

# (key, label, java metric, python metric, kind, limit): kind 'ratio' compares Java/Python, 'abs' Java alone.
ROWS = [
    ("cold_start", "cold start -> kernel_info_reply", ("cold_kernel_info", JAVA), ("cold_kernel_info", PY), "ratio", 1.5, "ms"),
    ("execute", "execute '1+1' -> idle", ("execute_one", JAVA), ("execute_one", PY), "ratio", 4.0, "ms"),
    ("magic", "no-op magic: Java %classpath vs Python '1+1'", ("execute_magic", JAVA), ("execute_one", PY), "ratio", 1.0, "ms"),
    ("complete", "complete, steady (median of runs)", ("complete", JAVA), ("complete", PY), "abs", 100.0, "ms"),
    ("first_complete", "complete, first call on a fresh kernel", ("cold_first_complete", JAVA), ("cold_first_complete", PY), "abs", 300.0, "ms"),
    ("interrupt", "interrupt busy loop -> idle", ("interrupt", JAVA), ("interrupt", PY), None, None, "ms"),
    ("idle_cpu", "idle kernel CPU (% of one core)", ("idle_cpu", JAVA), ("idle_cpu", PY), "abs_lt", 2.0, "%"),
    ("idle_rss", "idle kernel resident memory", ("idle_rss", JAVA), ("idle_rss", PY), "abs", 250.0, "MB"),
]
INFO_ROWS = [
    ("start_kernel() returns (process spawn)", ("cold_spawn", JAVA), ("cold_spawn", PY), "ms"),
    ("first '1+1' on a fresh kernel, no completion before it", ("fresh_first_execute", JAVA), ("fresh_first_execute", PY), "ms"),
    ("  start_kernel() -> that 1+1's result", ("fresh_to_first_result", JAVA), ("fresh_to_first_result", PY), "ms"),
    ("first '1+1' on a fresh kernel, right after the first complete", ("cold_first_execute", JAVA), ("cold_first_execute", PY), "ms"),
    ("shutdown_kernel()", ("cold_shutdown", JAVA), ("cold_shutdown", PY), "ms"),
    ("Java log: main() entered, after spawn", ("java_log_marks", "main_entered_ms"), None, "ms"),
    ("Java log: 'Kernel ready' (sockets bound), after spawn", ("java_log_marks", "kernel_ready_ms"), None, "ms"),
    ("Java log: 'JShell ready', after spawn", ("java_log_marks", "jshell_ready_ms"), None, "ms"),
    ("Java log: JShell build + warm-up took", ("java_log_marks", "jshell_build_ms"), None, "ms"),
    ("Java interrupt_request -> interrupt_reply", ("interrupt_reply", JAVA), None, "ms"),
]


def get(res, ref):
    if ref is None:
        return None
    return (res.get(ref[0]) or {}).get(ref[1])


def num(v, unit):
    if v is None:
        return "-"
    if unit == "%":
        return f"{v:.2f}"
    return f"{v:.2f}" if abs(v) < 10 else f"{v:.1f}" if abs(v) < 100 else f"{v:.0f}"


def cell(st, unit):
    if not st:
        return "-"
    return f"{num(st['center'], unit)} [{num(st['min'], unit)}-{num(st['max'], unit)}] {unit}"


def verdict(kind, limit, java_v, ratio):
    if kind is None:
        return "-", ""
    if kind == "ratio":
        ok = ratio is not None and ratio <= limit
        return f"<= {limit:g}x py", "PASS" if ok else "MISS"
    if kind == "abs_lt":
        return f"< {limit:g}", "PASS" if java_v is not None and java_v < limit else "MISS"
    return f"<= {limit:g}", "PASS" if java_v is not None and java_v <= limit else "MISS"


def summarize(rounds):
    """One row per measure: with one round, median [min-max] of the samples; with several, the median of the
    round medians [their min-max], and the median of the ratios computed within each round."""
    rows = []
    for key, label, jref, pref, kind, limit, unit in ROWS:
        js = [get(r, jref) for r in rounds]
        ps = [get(r, pref) for r in rounds]
        ratios = [j["center"] / p["center"] for j, p in zip(js, ps) if j and p and p["center"] > 0]
        rows.append({"key": key, "label": label, "unit": unit, "kind": kind, "limit": limit,
                     "java": combine(js), "python": combine(ps),
                     "ratio": statistics.median(ratios) if ratios else None})
    info = []
    for label, jref, pref, unit in INFO_ROWS:
        info.append({"label": label, "unit": unit, "java": combine([get(r, jref) for r in rounds]),
                     "python": combine([get(r, pref) for r in rounds]) if pref else None})
    return rows, info


def combine(stats_list):
    stats_list = [s for s in stats_list if s]
    if not stats_list:
        return None
    if len(stats_list) == 1:
        return stats_list[0]
    c = [s["center"] for s in stats_list]
    return {"center": statistics.median(c), "min": min(c), "max": max(c), "n": len(c), "of": "round medians"}


def print_table(rows, info, names, n_rounds):
    jl, pl = f"Java ({names[JAVA]})", f"Python ({names[PY]})"
    head = ("measure", jl, pl, "ratio J/P", "target", "")
    lines = []
    for r in rows:
        target, mark = verdict(r["kind"], r["limit"], r["java"]["center"] if r["java"] else None, r["ratio"])
        ratio = "-" if r["ratio"] is None else f"{r['ratio']:.2f}x"
        lines.append((r["label"], cell(r["java"], r["unit"]), cell(r["python"], r["unit"]), ratio, target, mark))
        r["target"], r["verdict"] = target, mark
    w = [max(len(x[i]) for x in lines + [head]) for i in range(len(head))]
    fmt = "  ".join(f"{{:{'<' if i < 1 else '>' if i < 4 else '<'}{w[i]}}}" for i in range(len(head)))
    print()
    what = "median [min-max] of the samples" if n_rounds == 1 else f"median of {n_rounds} runs' medians [their min-max]"
    print(f"Sealbook kernel benchmark: {what}; ratios computed within each run"
          + ("" if n_rounds == 1 else " (median of the runs' ratios)"))
    print(fmt.format(*head))
    print(fmt.format(*("-" * x for x in w)))
    for ln in lines:
        print(fmt.format(*ln))
    print()
    print("for information (no target):")
    iw = max(len(i["label"]) for i in info)
    for i in info:
        p = "" if i["python"] is None else f"   Python {cell(i['python'], i['unit'])}"
        print(f"  {i['label']:<{iw}}  Java {cell(i['java'], i['unit'])}{p}")


# ---------------------------------------------------------------------------------------------------- setup

def python_kernel_name(name, use_installed, out_dir):
    """'python3' -> this interpreter's ipykernel (through JUPYTER_PATH), so the peer is the venv's ipykernel."""
    if use_installed or name != "python3" or importlib.util.find_spec("ipykernel") is None:
        return name, None
    data = os.path.join(out_dir, "jupyter")
    spec_dir = os.path.join(data, "kernels", name)
    os.makedirs(spec_dir, exist_ok=True)
    spec = {"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "Python 3 (ipykernel of the bench venv)", "language": "python"}
    with open(os.path.join(spec_dir, "kernel.json"), "w") as fh:
        json.dump(spec, fh, indent=1)
    os.environ["JUPYTER_PATH"] = data + (os.pathsep + os.environ["JUPYTER_PATH"] if os.environ.get("JUPYTER_PATH") else "")
    return name, spec


def shown_argv(argv):
    """The kernelspec's command line with the class path shortened to its number of entries."""
    out, skip = [], False
    for i, a in enumerate(argv):
        if skip:
            out.append(f"<{len(a.split(os.pathsep))} entries>")
            skip = False
            continue
        out.append(a)
        skip = a in ("-cp", "-classpath", "--class-path") and i + 1 < len(argv)
    return " ".join(out)


def environment(names):
    from jupyter_client.kernelspec import KernelSpecManager
    ksm = KernelSpecManager()
    env = {"date": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "platform": platform.platform(), "cpus": os.cpu_count(),
           "python": sys.version.split()[0]}
    for mod in ("jupyter_client", "zmq", "ipykernel"):
        try:
            env[mod] = __import__(mod).__version__
        except Exception:  # noqa: BLE001
            pass
    env["kernelspecs"] = {}
    for w, n in names.items():
        try:
            s = ksm.get_kernel_spec(n)
            env["kernelspecs"][w] = {"name": n, "dir": s.resource_dir, "argv": s.argv, "interrupt_mode": s.interrupt_mode}
        except Exception as e:  # noqa: BLE001
            sys.exit(f"kernel_bench: kernelspec '{n}' not found ({e}); installed: {sorted(ksm.find_kernel_specs())}")
    try:
        env["git_head"] = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"], capture_output=True,
                                         text=True, timeout=10).stdout.strip()
        env["git_dirty"] = bool(subprocess.run(["git", "-C", REPO, "status", "--porcelain", "--untracked-files=no"],
                                               capture_output=True, text=True, timeout=10).stdout.strip())
    except Exception:  # noqa: BLE001
        pass
    try:
        with open("/proc/cpuinfo") as fh:
            env["cpu_model"] = next((ln.split(":", 1)[1].strip() for ln in fh if ln.startswith("model name")), None)
        with open("/proc/loadavg") as fh:
            env["loadavg_at_start"] = fh.read().split()[:3]
    except OSError:
        pass
    return env


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--java", default="sealbook", help="the Java kernel's kernelspec name (default sealbook)")
    ap.add_argument("--python", default="python3", help="the Python kernel's kernelspec name (default python3)")
    ap.add_argument("--python-installed", action="store_true",
                    help="use the installed 'python3' kernelspec as it resolves, not this interpreter's ipykernel")
    ap.add_argument("--quick", action="store_true", help="fewer runs, for development (about a minute)")
    ap.add_argument("--repeat", type=int, default=1, help="whole runs; the table then shows medians over runs")
    ap.add_argument("--cold-runs", type=int, default=None, help="fresh kernels per kind (default 5, quick 2)")
    ap.add_argument("--warmup", type=int, default=None, help="uncounted rounds (default 10, quick 3)")
    ap.add_argument("--runs", type=int, default=None, help="timed rounds (default 100, quick 20)")
    ap.add_argument("--interrupts", type=int, default=None, help="interrupts per kernel (default 5, quick 1)")
    ap.add_argument("--first-execute-runs", type=int, default=None,
                    help="extra fresh kernels per kind whose first request is '1+1' (default 3, quick 1)")
    ap.add_argument("--idle-seconds", type=float, default=None, help="idle window (default 20, quick 5)")
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out-dir", default=DEFAULT_OUT, help=f"logs and JSON go here (default {DEFAULT_OUT})")
    ap.add_argument("--json", default=None, help="JSON result path (default OUT_DIR/kernel_bench-TIME.json)")
    args = ap.parse_args()
    for opt, full, quick in (("cold_runs", 5, 2), ("warmup", 10, 3), ("runs", 100, 20), ("interrupts", 5, 1), ("first_execute_runs", 3, 1),
                             ("idle_seconds", 20.0, 5.0)):
        if getattr(args, opt) is None:
            setattr(args, opt, quick if args.quick else full)

    import_peer_helpers()
    os.makedirs(args.out_dir, exist_ok=True)
    py_name, py_spec = python_kernel_name(args.python, args.python_installed, args.out_dir)
    names = {JAVA: args.java, PY: py_name}
    env = environment(names)
    print(f"Java kernel '{names[JAVA]}': {shown_argv(env['kernelspecs'][JAVA]['argv'])}")
    print(f"Python kernel '{names[PY]}': {shown_argv(env['kernelspecs'][PY]['argv'])}"
          + (" (this interpreter's ipykernel)" if py_spec else ""))
    print(f"repository {REPO} at {env.get('git_head')}{' with uncommitted changes' if env.get('git_dirty') else ''}")
    print(f"runs: {args.repeat} x [{args.cold_runs} + {args.first_execute_runs} cold starts each, {args.warmup}+{args.runs} execute and complete "
          f"rounds, {args.idle_seconds:g} s idle, {args.interrupts} interrupts each]; logs in {args.out_dir}/logs",
          flush=True)

    rng = random.Random(args.seed)
    rounds = []
    t_all = time.perf_counter()
    for rnd in range(1, args.repeat + 1):
        if args.repeat > 1:
            print(f"run {rnd}/{args.repeat}", flush=True)
        rounds.append(run_round(args, names, args.out_dir, rnd, rng))
    rows, info = summarize(rounds)
    print_table(rows, info, names, len(rounds))
    r0 = rounds[-1]
    print(f"\nkernels: {r0['kernel_info']}")
    print(f"checks: first 1+1 {r0['cold_checks']}; execute {r0['execute_seen']}; "
          f"interrupt {r0['interrupt_checks']}; idle threads {r0['idle_threads']}")
    for r in rounds:
        d = {k: f"{v:.2f}x" for k, v in (r["execute_drift"] | {f"complete:{w}": v for w, v in r["complete_drift"].items()}).items() if v}
        print(f"run {r['round']}: slow-down over the timed rounds (median of last 20 / first 20) {d}; "
              f"load average {r['loadavg_start']} -> {r['loadavg_end']}")
        print(f"run {r['round']}: threads busy while idle {r['idle_busiest_threads']}")
    print(f"total time {time.perf_counter() - t_all:.0f} s")

    path = args.json or os.path.join(args.out_dir, f"kernel_bench-{time.strftime('%Y%m%d-%H%M%S')}.json")
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w") as fh:
        json.dump({"env": env, "args": vars(args), "python_spec_used": py_spec, "summary": rows, "info": info,
                   "rounds": rounds}, fh, indent=1, default=str)
    latest = os.path.join(args.out_dir, "latest.json")
    try:
        if os.path.abspath(path) != os.path.abspath(latest):
            shutil.copyfile(path, latest)
    except OSError:
        pass
    print(f"JSON: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
