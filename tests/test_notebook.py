"""The seed notebook runs from top to bottom on a fresh run, so that it never rots.

The kernel is this interpreter's own (a kernelspec written to a temporary folder that JUPYTER_PATH puts
first), so the test runs the same code in a local venv and in CI's `.ci/venv`, whatever other kernels
the machine has.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbclient
import nbformat
import pytest
from ipykernel import kernelspec

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "figures_seed.ipynb"
KERNEL = "figures-test-python"
CELL_TIMEOUT = 300  # seconds: a cold kernel, the extraction of the seed corpus and three plots


def _outputs(notebook: nbformat.NotebookNode) -> list[dict[str, object]]:
    return [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]


def test_seed_notebook_runs_top_to_bottom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    prefix = tmp_path / "jupyter"
    kernelspec.install(kernel_name=KERNEL, prefix=str(prefix))
    spec = prefix / "share" / "jupyter" / "kernels" / KERNEL / "kernel.json"
    assert sys.executable in spec.read_text(encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(prefix / "share" / "jupyter"))
    database = tmp_path / "seed.duckdb"  # new: the notebook extracts the seed corpus itself
    monkeypatch.setenv("FIGURES_DB", str(database))

    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        timeout=CELL_TIMEOUT,
        kernel_name=KERNEL,
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()  # raises CellExecutionError, naming the cell, when one fails

    outputs = _outputs(notebook)
    assert not [output for output in outputs if output.get("output_type") == "error"]
    text = "\n".join(
        str(output.get("text", "")) + str(output.get("data", {}).get("text/plain", ""))  # type: ignore[union-attr]
        for output in outputs
    )
    assert "extracted 20 articles" in text  # a fresh run: the notebook loaded the corpus itself
    assert "Potanina" in text and "£30.9million" in text  # the conflicts table
    assert "Tomahawk" in text  # the ranges table
    images = [output for output in outputs if "image/png" in output.get("data", {})]  # type: ignore[operator]
    assert len(images) == 3  # dimensions, ranges per weapon, conflicts
    assert database.exists()
