"""The notebook runs from top to bottom on the database the command line wrote, so that it never rots.

`figures extract seeds/` writes the database first, as the README says; the notebook reads it through
FIGURES_DB (read-only: it never extracts). The kernel is this interpreter's own (a kernelspec written to
a temporary folder that JUPYTER_PATH puts first), so the test runs the same code in a local venv and in
CI's venv, whatever other kernels the machine has.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import duckdb
import nbclient
import nbformat
import pytest
from click.testing import CliRunner
from ipykernel import kernelspec

from figures.cli import main

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "figures_seed.ipynb"
KERNEL = "figures-test-python"
CELL_TIMEOUT = 300  # seconds: a cold kernel and a few plots


def _outputs(notebook: nbformat.NotebookNode) -> list[dict[str, object]]:
    return [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]


def _text(output: dict[str, object]) -> str:
    data = output.get("data", {})
    assert isinstance(data, dict)
    return str(output.get("text", "")) + str(data.get("text/plain", ""))


def test_seed_notebook_reads_what_the_command_wrote(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    database = tmp_path / "seed.duckdb"
    extracted = CliRunner().invoke(main, ["extract", str(ROOT / "seeds"), "--db", str(database), "--quiet"])
    assert extracted.exit_code == 0, extracted.output
    with duckdb.connect(str(database), read_only=True) as connection:
        (stated,) = connection.execute(
            "SELECT count(*) FROM figures WHERE subject IS NOT NULL AND property IS NOT NULL"
        ).fetchone() or (0,)
        (in_disagreement,) = connection.execute(
            "SELECT count(DISTINCT figure_id) FROM clustered_claims WHERE clusters > 1"
        ).fetchone() or (0,)
    before = database.stat().st_mtime_ns

    prefix = tmp_path / "jupyter"
    kernelspec.install(kernel_name=KERNEL, prefix=str(prefix))
    spec = prefix / "share" / "jupyter" / "kernels" / KERNEL / "kernel.json"
    assert sys.executable in spec.read_text(encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(prefix / "share" / "jupyter"))
    monkeypatch.setenv("FIGURES_DB", str(database))
    monkeypatch.setenv("PYTHONPATH", str(ROOT))  # the kernel imports this checkout's figures

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
    text = "\n".join(_text(output) for output in outputs)
    assert f"database: {database}" in text
    counted = re.search(r"(\d+) figures about (\d+) entity-property pairs: (.*)", text)
    assert counted is not None and int(counted.group(1)) == stated  # every stated value, none lost
    disagreeing = re.search(r"(\d+) disagree", counted.group(3))
    # the Potanina settlement (£30.9million against around £63m) at least; a group disagrees through a
    # figure of a disagreement, so there are never more such groups than such figures
    assert disagreeing is not None and 1 <= int(disagreeing.group(1)) <= in_disagreement
    assert "Potanina" in text and "£30.9million" in text and "£63m" in text
    pairs = int(counted.group(2))
    assert f"… and {pairs - 12} more entity-property pairs" in text  # the top 12, then how many more
    images = [output for output in outputs if "image/png" in output.get("data", {})]  # type: ignore[operator]
    assert len(images) == 3  # dimensions, the intervals of each group, the conflicts
    assert database.stat().st_mtime_ns == before  # read, never written
