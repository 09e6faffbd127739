"""benchmarks/REPORT.md: measured sections (rewritten by each benchmark run) inside fixed explanations."""

from __future__ import annotations

import re

from benchmarks import REPO

REPORT = REPO / "benchmarks" / "REPORT.md"

TEMPLATE = """# figures: accuracy and speed, beside CQE and quantulum3

Rewritten by `python -m benchmarks.accuracy` (the accuracy table) and `python -m benchmarks.speed` (the
throughput table); each run replaces its own section only. Our misses and false positives, grouped by
pattern: `python -m benchmarks.misses [newsquant|recognizers|quantulum3|seeds]`.

## Accuracy

<!-- accuracy -->
(not measured yet)
<!-- /accuracy -->

## Speed

<!-- speed -->
(not measured yet)
<!-- /speed -->

## How each benchmark is scored

- **NewsQuant dev half** (295 news sentences, 461 quantities; `../shared/benchmarks/newsquant`, no
  license, so it is read from there and never copied into the project): each sentence goes through
  `figures.pipeline.analyse` as one document; our figures are written in the prediction contract and
  scored by NewsQuant's own `score.py`, as are CQE's and quantulum3's predictions from `../shared/baselines`.
  The scorer reads NewsQuant's counted-noun units ("62 drones" -> unit "drone") as counts, so our `count`
  unit with its `noun` needs no rewriting; strict F1 checks the noun. The held-out (odd) half is not
  distributed here: rules tuned to dev sentences can only show there, when someone scores it.
- **Recognizers-Text English specs** (MIT, copied in `tests/peers/recognizers`): an expected result passes
  when a figure in the input states its value, and its unit where the spec has one (their unit names are
  mapped to Pint strings in `benchmarks/peers.py`; "Dollar", a bare `$`, accepts any dollar currency).
  Cases marked NotSupported for Python count like the rest. Number and range specs compare values only;
  ranges compare both ends of their interval ("[20,30)"), an empty end is an open bound ("(30,)" = more
  than 30) met by a figure's asserted interval or its qualifier. Ordinals are not figures by design: that
  spec is measured as ordinals that no figure overlaps. Results with no value (a unit alone) are left out.
- **quantulum3's cases** (MIT, copied in `tests/peers/quantulum3`): ranges are a midpoint plus an
  uncertainty, compared as the interval; "a dozen" is a count of 12. quantulum3 expects bare years and
  numbers inside names ("Voyager 2", "English 101", "Core i7 860") as quantities: we do not report those
  by design, so they are excluded and counted. quantulum3 passes its own cases by construction.
- **Seed corpus**: `tests/golden/seeds.jsonl`, the hand-checked figures of the 20 articles. Recall: golden
  figures stated (value and unit, via Pint) by an output overlapping the golden span. False positives:
  outputs that overlap no golden figure. Never-figures: outputs overlapping a span of
  `tests/golden/seeds_not_figures.jsonl` (years, dates, model names, gallery counters, ordinals).
- **Peers**: CQE is not installed here; its column is its NewsQuant baseline only. quantulum3 0.10.0 runs
  live in the same process for every other column (PYTHONHASHSEED=0: its output depends on it).
"""

_MARKERS = "<!-- {0} -->\n", "<!-- /{0} -->"


def write_section(name: str, body: str) -> None:
    """Replace the text between ``<!-- name -->`` and ``<!-- /name -->`` in REPORT.md (created if missing)."""
    text = REPORT.read_text(encoding="utf-8") if REPORT.exists() else TEMPLATE
    begin, end = (m.format(name) for m in _MARKERS)
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.S)
    if not pattern.search(text):
        text = text.rstrip("\n") + f"\n\n{begin}{end}\n"
    text = pattern.sub(lambda _: f"{begin}{body.rstrip()}\n{end}", text, count=1)
    REPORT.write_text(text, encoding="utf-8")
