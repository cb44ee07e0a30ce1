"""Runs notebooks/00-hello-java.ipynb in a real Jupyter client and checks what a learner sees under each cell.

Needs the kernel installed where Jupyter looks (install/install.sh); SEALBOOK_KERNEL names it (default sealbook).
"""
import re
from pathlib import Path

import nbformat
import pytest
from run_notebook import execute

NOTEBOOK = Path(__file__).resolve().parent.parent / "00-hello-java.ipynb"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def executed():
    return execute(nbformat.read(NOTEBOOK, as_version=4), NOTEBOOK.parent, timeout=180)


def outputs(executed, cell_id, output_type):
    return [o for o in executed[cell_id].outputs if o.output_type == output_type]


def result(executed, cell_id):
    results = outputs(executed, cell_id, "execute_result")
    assert len(results) == 1, f"cell {cell_id} should show one result, got {executed[cell_id].outputs}"
    return results[0].data["text/plain"]


def stdout(executed, cell_id):
    return "".join(o.text for o in outputs(executed, cell_id, "stream") if o.name == "stdout")


def test_committed_notebook_has_no_outputs_and_names_the_kernel():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    assert (nb.nbformat, nb.nbformat_minor) == (4, 5)
    assert nb.metadata.kernelspec.name == "sealbook"
    assert nb.metadata.language_info.name == "java"
    for cell in nb.cells:
        assert cell.get("id"), "every cell needs an id"
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"cell {cell.id} was committed with outputs"


def test_arithmetic_shows_its_value(executed):
    assert result(executed, "arithmetic") == "38"


def test_variables_persist_across_cells(executed):
    assert result(executed, "use-variables") == "Ada published her notes in 1843"
    assert executed["define-variables"].outputs == []


def test_printing_goes_to_stdout(executed):
    text = stdout(executed, "print")
    assert re.match(r"Hello from Java \d+!\nline 1\nline 2\nline 3\n$", text), text
    assert outputs(executed, "print", "execute_result") == []


def test_method_defined_in_one_cell_is_called_in_the_next(executed):
    assert executed["define-method"].outputs == []
    assert result(executed, "call-method") == "Hello, Ada!"


def test_html_and_markdown_are_displayed_without_a_result(executed):
    html = outputs(executed, "display-html", "display_data")
    assert len(html) == 1 and "<b>Bold</b>" in html[0].data["text/html"]
    markdown = outputs(executed, "display-markdown", "display_data")
    assert len(markdown) == 1 and markdown[0].data["text/markdown"].startswith("**Markdown** works too")
    # The trailing ";" hides display's returned id.
    assert outputs(executed, "display-html", "execute_result") == []
    assert outputs(executed, "display-markdown", "execute_result") == []


def test_update_display_replaces_the_earlier_output(executed):
    shown = outputs(executed, "display-counter", "display_data")
    assert len(shown) == 1 and shown[0].data["text/plain"] == "counting: 3"
    assert executed["update-counter"].outputs == []


def test_background_thread_prints_into_its_own_cell(executed):
    assert stdout(executed, "background-thread") == (
        "The cell goes on while the thread sleeps...\nHello from a background thread.\n")
    others = [cid for cid, cell in executed.items()
              if cid != "background-thread" and cell.cell_type == "code"
              and "background thread" in stdout(executed, cid)]
    assert others == []


def test_time_magics_print_wall_time_and_keep_the_result(executed):
    wall = re.compile(r"^Wall time: \d+(\.\d+)? m?s\n$")
    assert wall.match(stdout(executed, "time-line")), stdout(executed, "time-line")
    assert result(executed, "time-line") == "12500002500000"
    assert wall.match(stdout(executed, "time-cell")), stdout(executed, "time-cell")
    assert result(executed, "time-cell") == "2999998"


def test_html_cell_magic_shows_html(executed):
    shown = outputs(executed, "html-magic", "display_data")
    assert len(shown) == 1 and "<th>Java type</th>" in shown[0].data["text/html"]


def test_lsmagic_lists_the_magics_the_tutorial_mentions(executed):
    listing = result(executed, "lsmagic")
    for magic in ("%time", "%%time", "%%html", "%maven", "%classpath", "%jars", "%load"):
        assert re.search(rf"(^|\s){re.escape(magic)}\s", listing), f"{magic} missing from:\n{listing}"


def test_error_names_the_exception_and_where_it_happened(executed):
    cell = executed["error"]
    errors = outputs(executed, "error", "error")
    assert len(errors) == 1, cell.outputs
    assert errors[0].ename.endswith("ArrayIndexOutOfBoundsException")
    assert "Index 5 out of bounds for length 2" in errors[0].evalue
    traceback = ANSI.sub("", "\n".join(errors[0].traceback))
    # The cell number is the one shown as In [N] beside the cell; the mistake is on its second line.
    assert f"cell [{cell.execution_count}] line 2" in traceback, traceback


def test_kernel_carries_on_after_the_error(executed):
    assert result(executed, "after-error") == "2"
