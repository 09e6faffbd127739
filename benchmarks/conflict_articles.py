"""Conflicts found on invented articles written for the conflicts rules (tests/data/conflict_articles.json).

    python -m benchmarks.conflict_articles          # totals, then each labelled group
    python -m benchmarks.conflict_articles --json   # the same as one JSON object

The articles (a research icebreaker, a regional jet, a city budget, a mine collapse, a drugmaker's results)
run through the whole pipeline (extraction, normalising, linking), are loaded into a scratch DuckDB, and the
``disagreements`` view is read. Unlike ``benchmarks.passages`` (a held-out measure that prints totals
only), this set is the conflicts rules' development set: it prints each group.

- a labelled disagreement is *found* when one reported disagreement holds a figure of two of its sides in
  two different clusters;
- an agreement or a trap is *flagged* when one reported disagreement holds two of its figures in two
  different clusters;
- a reported disagreement is *spurious* when it finds no labelled disagreement.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ARTICLES = Path(__file__).resolve().parent.parent / "tests" / "data" / "conflict_articles.json"

Span = tuple[str, int, int]  # doc_id, start, end


@dataclass(frozen=True)
class Reported:
    """A reported disagreement: each cluster as the spans of its claims."""

    entity: str | None
    property: str | None
    clusters: tuple[frozenset[Span], ...]


def load(path: Path = ARTICLES) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def span_of(texts: dict[str, str], doc_id: str, surface: str) -> Span:
    start = texts[doc_id].index(surface)
    return doc_id, start, start + len(surface)


def _cluster_of(reported: Reported, span: Span) -> set[int]:
    doc_id, start, end = span
    return {
        number
        for number, cluster in enumerate(reported.clusters)
        for other_doc, other_start, other_end in cluster
        if other_doc == doc_id and min(end, other_end) > max(start, other_start)
    }


def splits(reported: Reported, groups: Sequence[Iterable[Span]]) -> bool:
    """Two of ``groups`` (each a set of spans) have a figure in two different clusters of ``reported``."""
    seen = [set().union(*(_cluster_of(reported, span) for span in group)) for group in groups]
    return any(
        a != b for i, first in enumerate(seen) for second in seen[i + 1 :] for a in first for b in second
    )


def _as_labelled(data: dict[str, Any], figures: list[Any]) -> list[Any]:
    """The figures of labelled disagreements with the labelled entity (as subject, no entity id) and property:
    what the conflict rules make of them when linking is right. Other figures stay as linked."""
    from dataclasses import replace

    texts = {article["id"]: article["text"] for article in data["articles"]}
    labels = {
        span_of(texts, doc, surface): (label["entity"], label["property"])
        for label in data["disagreements"]
        for side in label["values"]
        for doc, surface in side
    }
    out = []
    for figure in figures:
        for (doc, start, end), (entity, property_) in labels.items():
            if figure.doc_id == doc and min(end, figure.end) > max(start, figure.start):
                extra = {k: v for k, v in figure.extra.items() if k != "property_rule"}
                figure = replace(
                    figure, subject=entity, entity_id=None, property=property_, property_text=property_,
                    extra=extra,
                )  # fmt: skip
                break
        out.append(figure)
    return out


def reported_disagreements(data: dict[str, Any], oracle: bool = False) -> list[Reported]:
    """The articles analysed and loaded into a scratch store: its disagreements, as clusters of spans
    (``oracle``: the labelled disagreements' figures linked as labelled)."""
    from figures.compare import find_disagreements
    from figures.model import Document
    from figures.pipeline import analyse
    from figures.store import open_store

    documents = [
        Document(
            doc_id=article["id"],
            text=article["text"],
            title=article["title"],
            source=article["source"],
            date=dt.date.fromisoformat(article["date"]),
        )
        for article in data["articles"]
    ]
    found = [figure for document in documents for figure in analyse(document)]
    if oracle:
        found = _as_labelled(data, found)
    store = open_store(":memory:")
    try:
        store.load(documents, found)
        disagreements = find_disagreements(store)
    finally:
        store.close()
    return [
        Reported(
            entity=d.entity,
            property=d.property,
            clusters=tuple(
                frozenset((claim.doc_id, claim.start, claim.end) for claim in cluster.claims)
                for cluster in d.clusters
            ),
        )
        for d in disagreements
    ]


def measure(path: Path = ARTICLES, oracle: bool = False) -> dict[str, Any]:
    data = load(path)
    texts = {article["id"]: article["text"] for article in data["articles"]}
    reported = reported_disagreements(data, oracle)
    finding: set[int] = set()
    found = {}
    for label in data["disagreements"]:
        sides = [[span_of(texts, doc, surface) for doc, surface in side] for side in label["values"]]
        hits = [number for number, one in enumerate(reported) if splits(one, sides)]
        finding.update(hits)
        found[label["id"]] = bool(hits)
    flagged = {}
    for kind in ("agreements", "traps"):
        for label in data[kind]:
            spans = [[span_of(texts, doc, surface)] for doc, surface in label["values"]]
            flagged[label["id"]] = any(splits(one, spans) for one in reported)
    spurious = [one for number, one in enumerate(reported) if number not in finding]
    agreements = [label["id"] for label in data["agreements"]]
    traps = [label["id"] for label in data["traps"]]
    return {
        "found": found,
        "flagged": flagged,
        "totals": {
            "found": sum(found.values()),
            "disagreements": len(found),
            "reported": len(reported),
            "spurious": len(spurious),
            "agreements_flagged": sum(flagged[name] for name in agreements),
            "agreements": len(agreements),
            "traps_flagged": sum(flagged[name] for name in traps),
            "traps": len(traps),
        },
        "spurious": [
            {"entity": one.entity, "property": one.property, "clusters": [sorted(c) for c in one.clusters]}
            for one in spurious
        ],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.conflict_articles", description=(__doc__ or "").split("\n\n")[0]
    )
    parser.add_argument("--json", action="store_true", help="print the numbers as one JSON object")
    parser.add_argument("--articles", type=Path, default=ARTICLES, help="the labelled articles (json)")
    parser.add_argument(
        "--oracle", action="store_true",
        help="link the labelled disagreements' figures as labelled (the conflict rules alone)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    result = measure(args.articles, oracle=args.oracle)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0
    totals = result["totals"]
    oracle = " (oracle links)" if args.oracle else ""
    print(
        f"conflicts{oracle}: {totals['found']}/{totals['disagreements']} labelled disagreements found; "
        f"{totals['reported']} reported, {totals['spurious']} spurious; "
        f"agreeing groups flagged {totals['agreements_flagged']}/{totals['agreements']}, "
        f"traps flagged {totals['traps_flagged']}/{totals['traps']}"
    )
    for name, hit in result["found"].items():
        print(f"  {'found ' if hit else 'missed'}  {name}")
    for name, hit in result["flagged"].items():
        if hit:
            print(f"  FLAGGED {name}")
    for one in result["spurious"]:
        print(f"  spurious {one['entity']} / {one['property']}: {one['clusters']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
