"""Drives `jupyter console` against the installed Sealbook kernel, typing cells on its standard input.

Needs the kernel installed where Jupyter looks (install/install.sh); SEALBOOK_KERNEL names it (default sealbook).
"""
import importlib.util
import os
import re
import subprocess
import sys

import pytest
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

KERNEL = os.environ.get("SEALBOOK_KERNEL", "sealbook")
TIMEOUT_S = 120


def console(cells, tmp_path):
    """Types the cells, one per line, into a fresh console; returns everything it printed."""
    if importlib.util.find_spec("jupyter_console") is None:
        pytest.fail(f"{sys.executable} has no jupyter_console; apt-get install --no-install-recommends jupyter-console.")
    try:
        KernelSpecManager().get_kernel_spec(KERNEL)
    except NoSuchKernel:
        pytest.fail(f"Jupyter finds no kernel named {KERNEL!r}; run install/install.sh "
                    f"(or set JUPYTER_PATH to where it installed, or SEALBOOK_KERNEL to another name).")
    # The console keeps its own IPython profile; a temporary one leaves the home folder alone.
    env = dict(os.environ, IPYTHONDIR=str(tmp_path / "ipython"))
    # --no-confirm-exit: end of input quits without asking, so a run never waits on a question.
    done = subprocess.run(
        # The console of the Python running these tests, whatever 'jupyter' on PATH happens to be.
        [sys.executable, "-m", "jupyter_console", "--kernel", KERNEL, "--simple-prompt",
         "--no-confirm-exit",
         "--ZMQTerminalInteractiveShell.kernel_timeout=120"],
        input="".join(c + "\n" for c in cells), capture_output=True, text=True, timeout=TIMEOUT_S, env=env)
    text = done.stdout + done.stderr
    assert done.returncode == 0, f"jupyter console exited with {done.returncode}:\n{text}"
    return text


def test_console_runs_cells_and_prints_results(tmp_path):
    text = console(['int x = 20;', 'x + 22', 'System.out.println("hi from console")', "exit"], tmp_path)
    assert re.search(r"Out\[\d+\]: 42\b", text), text
    assert "hi from console" in text, text


def test_exit_ends_the_console(tmp_path):
    # `exit` must end the session (the kernel answers with an ask_exit payload), not run as Java.
    text = console(["exit", 'System.out.println("still " + "here")'], tmp_path)
    assert "still here" not in text, text
    assert "Compile error" not in text, text
