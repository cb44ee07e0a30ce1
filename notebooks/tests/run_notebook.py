"""Executes a notebook the way a learner's front end does, against the installed kernel.

The kernel is the one Jupyter finds under the name in SEALBOOK_KERNEL (default sealbook): install it with
install/install.sh. Cells run in `folder`, as JupyterLab and nbconvert run them in the notebook's own folder.
"""
import os
import shutil

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from nbclient import NotebookClient

KERNEL = os.environ.get("SEALBOOK_KERNEL", "sealbook")


def execute(nb, folder, timeout):
    """Runs every cell of `nb` in place and returns the cells by id; only cells tagged raises-exception may fail."""
    try:
        KernelSpecManager().get_kernel_spec(KERNEL)
    except NoSuchKernel:
        pytest.fail(f"Jupyter finds no kernel named {KERNEL!r}; run install/install.sh "
                    f"(or set JUPYTER_PATH to where it installed, or SEALBOOK_KERNEL to another name).")
    NotebookClient(nb, kernel_name=KERNEL, timeout=timeout, startup_timeout=120,
                   resources={"metadata": {"path": str(folder)}}).execute()
    return {cell.id: cell for cell in nb.cells}


def execute_tutorial(notebook, folder, timeout):
    """Copies a tutorial notebook and the data folder beside it into `folder`, then executes it there, as a learner
    runs it in its own folder (so paths like data/... resolve), and saves it there with its outputs, as
    `jupyter nbconvert --execute --inplace` would; returns the cells by id."""
    shutil.copy(notebook, folder / notebook.name)
    shutil.copytree(notebook.parent / "data", folder / "data")
    nb = nbformat.read(folder / notebook.name, as_version=4)
    try:
        return execute(nb, folder, timeout)
    finally:
        nbformat.write(nb, folder / notebook.name)


def displays(cells, cell_id):
    """The MIME bundles a cell displayed."""
    return [o.data for o in cells[cell_id].outputs if o.output_type == "display_data"]


def status(cells, cell_id):
    """The one stage status line a cell ends with (its plain-text form), e.g. "DONE: ..."."""
    found = [d["text/plain"] for d in displays(cells, cell_id) if "sealbook-status" in d.get("text/html", "")]
    assert len(found) == 1, f"cell {cell_id} shows {len(found)} status lines"
    return found[0]
