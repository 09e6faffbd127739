"""Peak memory and time of reading a large input through ``figures.ingest.read_paths``, nothing else.

    python -m benchmarks.ingest_memory                      # 200 MB of JSONL made from the seed corpus
    python -m benchmarks.ingest_memory --mb 50 --format json
    python -m benchmarks.ingest_memory --tree /work/wt/base # the same, with another checkout's figures

The file is made once in a temporary folder (the seed articles repeated with varied ids), then read in a
new process, so that the peak resident size (``ru_maxrss``) is the reading's alone. Issue 10: "a 200 MB
JSONL file holds 1.6 GB before the first article is processed". This prints the figures and never fails
on them.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ("jsonl", "jsonl.gz", "json", "txt")

_READER = """
import resource, sys, time
sys.path.insert(0, sys.argv[1])
from figures.ingest import read_paths
start = time.perf_counter()
documents = problems = 0
for item in read_paths([sys.argv[2]]):
    documents += hasattr(item, "text")
    problems += not hasattr(item, "text")
seconds = time.perf_counter() - start
try:  # VmHWM starts afresh at exec; ru_maxrss keeps the forking parent's peak on Linux
    status = open("/proc/self/status").read().split("VmHWM:")[1]
    peak_kb = int(status.split()[0])
except (OSError, IndexError):
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(documents, problems, seconds, peak_kb)
"""


def make_input(folder: Path, megabytes: int, kind: str) -> Path:
    """Seed articles repeated with varied ids (and text, so that none is a repeat) up to ``megabytes``."""
    sys.path.insert(0, str(ROOT))
    from figures.ingest import read_paths
    from figures.model import Document

    seeds = [item for item in read_paths([ROOT / "seeds"]) if isinstance(item, Document)]
    target = folder / f"input.{kind}"
    lines = []
    size = count = 0
    while size < megabytes * 2**20:
        for seed in seeds:
            record = {"id": f"{seed.doc_id}-{count}", "title": seed.title, "text": f"{seed.text}\n\n{count}"}
            lines.append(json.dumps(record, ensure_ascii=False))
            size += len(lines[-1]) + 1
            count += 1
    if kind == "json":
        target.write_text("[\n" + ",\n".join(lines) + "\n]\n", encoding="utf-8")
    elif kind == "txt":
        texts = (json.loads(line)["text"] for line in lines)
        target.write_text("".join(f"{text}\nSource link\n" for text in texts), encoding="utf-8")
    else:
        data = ("\n".join(lines) + "\n").encode("utf-8")
        target.write_bytes(gzip.compress(data, 1) if kind.endswith(".gz") else data)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=int, default=200, help="size of the input before compression")
    parser.add_argument("--format", choices=FORMATS, default="jsonl")
    parser.add_argument("--tree", type=Path, default=ROOT, help="the checkout whose figures reads it")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="figures-ingest-memory-") as folder:
        path = make_input(Path(folder), arguments.mb, arguments.format)
        result = subprocess.run(
            [sys.executable, "-c", _READER, str(arguments.tree), str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            print(result.stderr, file=sys.stderr)
            raise SystemExit(result.returncode)
        documents, problems, seconds, peak_kb = result.stdout.split()
        size, peak = path.stat().st_size / 2**20, int(peak_kb) / 1024
        print(
            f"{arguments.tree}: {path.name} of {size:,.0f} MiB: {int(documents):,} documents, "
            f"{int(problems):,} problems in {float(seconds):.1f} s; peak resident {peak:,.0f} MiB"
        )


if __name__ == "__main__":
    main()
