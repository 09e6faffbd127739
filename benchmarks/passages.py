"""Linking on the project's own unseen passages: subject, property and entity accuracy, and conflicts found.

    python -m benchmarks.passages           # a short table
    python -m benchmarks.passages --json    # the same numbers as one JSON object

``tests/data/passages.jsonl`` holds about 30 short news passages written by hand before the spaCy linker
(issue 7, section 5), on subjects the seed corpus does not cover (ships, aircraft, budgets, disasters,
company results, infrastructure, stadiums), with every figure labelled: subject (and other acceptable
names), entity kind, property. ``tests/data/passages_conflicts.json`` lists the genuine disagreements
between passages, the agreeing groups and the look-alike traps. Read ``tests/data/README.md``: these
passages are a held-out measure, so nobody tunes the linker to them, and this script prints numbers only,
never the individual misses.

Measures:
- extraction recall: labelled figures overlapped by a predicted figure of the same passage;
- subject accuracy (of the figures found): the predicted ``subject`` is the labelled subject or one of its
  aliases (case-insensitive, a leading "the" ignored); a figure labelled with no subject must get none;
- property accuracy (of the figures found): the same test on ``property``;
- entity accuracy, when ``Figure`` has an ``entity_id``: the entity's name (from the store's ``entities``
  table when there is one, else the id itself) matches as for subjects; and merging: the share of found
  figures of each labelled entity that carry that entity's most common ``entity_id``;
- conflicts: the passages are loaded into an in-memory DuckDB with ``figures.store``; a labelled
  disagreement is found when one reported conflict holds figures of two of its sides and names its entity;
  a reported conflict is spurious when it holds no two sides of any labelled disagreement.

``tests/data/passages_dev.jsonl`` is the development set beside them: 16 short invented passages in the
same style and labels, written on 2026-11-29 (fourth session) to be read, miss by miss, while the linker
changes: ``python -m benchmarks.passages --dev --misses``. The held-out file never prints its misses.

It imports whichever ``figures`` comes first on the path (printed), so that the same script measures an
older checkout: ``PYTHONPATH=/path/to/old python /path/to/benchmarks/passages.py``. It imports nothing from
``benchmarks`` for the same reason.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
PASSAGES = DATA / "passages.jsonl"
CONFLICTS = DATA / "passages_conflicts.json"
DEV_PASSAGES = DATA / "passages_dev.jsonl"  # the development set: its misses may be read
NO_CONFLICTS = {"disagreements": [], "agreements": [], "traps": []}

_LEADING_THE = re.compile(r"^the\s+")
_SPACES = re.compile(r"\s+")

Span = tuple[str, int, int]  # doc_id, start, end


def normal(name: str | None) -> str:
    """A name as compared: case folded, spaces collapsed, a leading "the" dropped."""
    if not name:
        return ""
    return _LEADING_THE.sub("", _SPACES.sub(" ", name.strip()).casefold())


@dataclass(frozen=True)
class Gold:
    """One labelled figure of a passage."""

    passage: str
    text: str
    start: int
    end: int
    subject: str | None
    subject_names: frozenset[str]  # the subject and its aliases, normalised
    property: str
    property_names: frozenset[str]


def read_passages(path: Path = PASSAGES) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def gold_figures(passages: Iterable[dict[str, Any]]) -> list[Gold]:
    found = []
    for passage in passages:
        for row in passage["figures"]:
            names = [row["subject"], *row.get("subject_aliases", [])] if row["subject"] else []
            found.append(
                Gold(
                    passage=passage["id"],
                    text=row["text"],
                    start=row["start"],
                    end=row["end"],
                    subject=row["subject"],
                    subject_names=frozenset(normal(name) for name in names),
                    property=row["property"],
                    property_names=frozenset(
                        normal(name) for name in [row["property"], *row.get("property_aliases", [])]
                    ),
                )
            )
    return found


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def best_match(gold: Gold, predicted: Sequence[Any]) -> Any | None:
    """The predicted figure of the passage overlapping the labelled span most, if any."""
    scored = [(overlap(gold.start, gold.end, figure.start, figure.end), figure) for figure in predicted]
    scored = [(size, figure) for size, figure in scored if size > 0]
    return max(scored, key=lambda pair: pair[0])[1] if scored else None


def subject_right(gold: Gold, subject: str | None) -> bool:
    if gold.subject is None:
        return not normal(subject)
    return normal(subject) in gold.subject_names


@dataclass(frozen=True)
class Reported:
    """One reported disagreement: its subject and property as the store names them, and its figures."""

    subject: str | None
    property: str | None
    figures: frozenset[Span]


def reported_conflicts(store: Any) -> list[Reported]:
    """The disagreements the store reports, as groups of figures.

    Today the ``conflicts`` view has one row per pair of figures (``a_doc_id``, ``a_start``, ``a_end`` and
    the same for ``b``). Issue 7 replaces it with groups of claims and keeps the pairs in a
    ``conflict_pairs`` view: this function is the only place that knows the layout, and it reads pairs from
    whichever of the two views has them, then joins pairs that share a figure (within one subject and
    property) into one group, so that pairs today and groups later count alike. Bad conversions (the two
    halves of one dual-unit statement) are kept: they are reported conflicts too.
    """
    pair_columns = {"a_doc_id", "a_start", "a_end", "b_doc_id", "b_start", "b_end"}
    for view in ("conflict_pairs", "conflicts"):
        if not store.has_view(view):
            continue
        frame = store.query(f"SELECT * FROM {view}")
        if pair_columns <= set(frame.columns):
            break
    else:
        raise SystemExit("no conflicts view with pair columns (a_doc_id, ...): see reported_conflicts")
    # union-find over figures, within one (subject, property)
    parent: dict[tuple[Any, Any, Span], tuple[Any, Any, Span]] = {}

    def root(node: tuple[Any, Any, Span]) -> tuple[Any, Any, Span]:
        while parent.setdefault(node, node) != node:
            node = parent[node]
        return node

    for row in frame.to_dict("records"):
        key = (row.get("subject"), row.get("property"))
        a = (*key, (row["a_doc_id"], int(row["a_start"]), int(row["a_end"])))
        b = (*key, (row["b_doc_id"], int(row["b_start"]), int(row["b_end"])))
        parent[root(a)] = root(b)
    groups: dict[tuple[Any, Any, Span], set[Span]] = defaultdict(set)
    for node in list(parent):
        groups[root(node)].add(node[2])
    return [
        Reported(subject=top[0], property=top[1], figures=frozenset(spans)) for top, spans in groups.items()
    ]


def _touches(spans: Iterable[Span], passage: str, gold: Gold) -> bool:
    return any(doc == passage and overlap(start, end, gold.start, gold.end) > 0 for doc, start, end in spans)


def id_as_name(entity_id: str) -> str:
    """An entity id read as a name when the store has no row for it: "ship:hms-glasgow" -> "hms glasgow"."""
    return normal(entity_id.rsplit(":", 1)[-1].replace("-", " ").replace("_", " "))


def _entity_names(store: Any) -> dict[str, set[str]]:
    """entity_id -> its name and aliases, from the store's ``entities`` table when there is one."""
    if "entities" not in store.relations():
        return {}
    names: dict[str, set[str]] = {}
    for row in store.query("SELECT * FROM entities").to_dict("records"):
        aliases = row.get("aliases")
        if isinstance(aliases, str):
            aliases = aliases.split("|")
        elif aliases is None or not isinstance(aliases, Iterable):
            aliases = []
        names[str(row["entity_id"])] = {normal(row.get("name")), *(normal(str(alias)) for alias in aliases)}
    return names


def measure(
    passages_path: Path = PASSAGES, conflicts_path: Path | None = CONFLICTS, oracle: bool = False
) -> dict[str, Any]:
    """Every number of the module docstring; ``oracle`` gives the conflict views the labelled subject and
    property of each figure found, which measures the conflict logic apart from linking. With no
    ``conflicts_path`` no disagreement is labelled. ``subject_misses`` lists each wrong subject; only
    the development set's may be printed."""
    import figures
    from figures.model import Document
    from figures.pipeline import analyse
    from figures.store import open_store

    passages = read_passages(passages_path)
    labelled = json.loads(conflicts_path.read_text(encoding="utf-8")) if conflicts_path else NO_CONFLICTS
    golds = gold_figures(passages)
    by_passage: dict[str, list[Gold]] = defaultdict(list)
    for gold in golds:
        by_passage[gold.passage].append(gold)

    documents, predicted = [], {}
    for passage in passages:
        document = Document(
            doc_id=passage["id"],
            text=passage["text"],
            title=passage.get("title"),
            source=passage.get("source"),
            date=dt.date.fromisoformat(passage["date"]),
        )
        documents.append(document)
        predicted[document.doc_id] = analyse(document)

    found = subject_ok = property_ok = 0
    has_entity = any(hasattr(figure, "entity_id") for figures_ in predicted.values() for figure in figures_)
    pairs: list[tuple[Gold, Any]] = []
    subject_misses: list[dict[str, Any]] = []
    for gold in golds:
        match = best_match(gold, predicted[gold.passage])
        if match is None:
            continue
        found += 1
        pairs.append((gold, match))
        if subject_right(gold, match.subject):
            subject_ok += 1
        else:
            subject_misses.append({
                "passage": gold.passage, "text": gold.text, "got": match.subject,
                "rule": match.extra.get("subject_rule"), "want": gold.subject,
            })  # fmt: skip
        property_ok += normal(match.property) in gold.property_names
    if oracle:
        labelled_as = {id(match): gold for gold, match in pairs}

        def as_labelled(figure: Any) -> Any:
            # the conflict views group by entity_id before the subject, and leave out a property the
            # linker marked as the dimension's default: the labelled links replace both
            cleared = {"entity_id": None} if hasattr(figure, "entity_id") else {}
            gold = labelled_as.get(id(figure))
            if gold is None:  # a figure nobody labelled: no claim about anything
                return replace(figure, subject=None, **cleared)
            extra = {key: value for key, value in figure.extra.items() if key != "property_rule"}
            return replace(
                figure, subject=gold.subject, property=gold.property, property_text=gold.property,
                extra=extra, **cleared,
            )  # fmt: skip

        predicted = {doc_id: [as_labelled(one) for one in found_] for doc_id, found_ in predicted.items()}

    store = open_store(":memory:")
    try:
        store.load(documents, [figure for document in documents for figure in predicted[document.doc_id]])
        reported = reported_conflicts(store)
        entity_names = _entity_names(store) if has_entity else {}
    finally:
        store.close()

    entity: dict[str, Any] | None = None
    if has_entity:
        entity_ok = 0
        by_subject: dict[str, Counter[str | None]] = defaultdict(Counter)
        for gold, match in pairs:
            entity_id = getattr(match, "entity_id", None)
            names = entity_names.get(str(entity_id), {id_as_name(str(entity_id))}) if entity_id else set()
            entity_ok += (not names) if gold.subject is None else bool(names & gold.subject_names)
            if gold.subject is not None:
                by_subject[gold.subject][entity_id] += 1
        merged = sum(max(ids.values()) for ids in by_subject.values() if ids.most_common(1)[0][0] is not None)
        entity = {
            "accuracy": _share(entity_ok, found),
            "merged": _share(merged, sum(sum(ids.values()) for ids in by_subject.values())),
        }

    def hits(group: Reported, sides: Sequence[Sequence[Sequence[str]]]) -> int:
        """How many sides of a labelled group have a figure in the reported group."""
        count = 0
        for side in sides:
            golds_of_side = [g for passage, surface in side for g in by_passage[passage] if g.text == surface]
            count += any(_touches(group.figures, g.passage, g) for g in golds_of_side)
        return count

    found_disagreements = 0
    matched_groups: set[Reported] = set()
    for disagreement in labelled["disagreements"]:
        sides = disagreement["values"]
        names = {
            name
            for side in sides
            for passage, surface in side
            for g in by_passage[passage]
            if g.text == surface
            for name in g.subject_names
        } | {normal(disagreement["entity"])}
        catching = [group for group in reported if hits(group, sides) >= 2]
        matched_groups.update(catching)
        found_disagreements += any(normal(group.subject) in names for group in catching)
    spurious = [group for group in reported if group not in matched_groups]
    flagged_agreements = sum(
        any(hits(group, [[value] for value in agreement["values"]]) >= 2 for group in reported)
        for agreement in labelled["agreements"]
    )
    flagged_traps = sum(
        any(hits(group, [[value] for value in trap["values"]]) >= 2 for group in reported)
        for trap in labelled.get("traps", [])
    )
    return {
        "figures_module": figures.__file__,
        "oracle": oracle,
        "passages": len(passages),
        "labelled_figures": len(golds),
        "extraction_recall": _share(found, len(golds)),
        "subject_accuracy": _share(subject_ok, found),
        "subject_misses": subject_misses,
        "property_accuracy": _share(property_ok, found),
        "entity": entity,
        "conflicts": {
            "disagreements": len(labelled["disagreements"]),
            "found": found_disagreements,
            "reported": len(reported),
            "spurious": len(spurious),
            "agreements_flagged": flagged_agreements,
            "agreements": len(labelled["agreements"]),
            "traps_flagged": flagged_traps,
            "traps": len(labelled.get("traps", [])),
        },
    }


def _share(part: int, whole: int) -> dict[str, Any]:
    return {"right": part, "of": whole, "percent": round(100.0 * part / whole, 1) if whole else None}


def _line(label: str, share: dict[str, Any]) -> str:
    return f"{label:<28} {share['percent']:>5}%  ({share['right']}/{share['of']})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.passages", description=(__doc__ or "").split("\n\n")[0]
    )
    parser.add_argument("--json", action="store_true", help="print the numbers as one JSON object")
    parser.add_argument("--passages", type=Path, default=PASSAGES, help="the passages file (jsonl)")
    parser.add_argument("--conflicts", type=Path, default=CONFLICTS, help="the labelled conflicts (json)")
    parser.add_argument(
        "--dev",
        action="store_true",
        help=f"the development set ({DEV_PASSAGES.name}, no labelled conflicts) instead of the held-out one",
    )
    parser.add_argument(
        "--misses", action="store_true", help="print each wrong subject (the development set only)"
    )
    parser.add_argument(
        "--oracle",
        action="store_true",
        help="give the conflict views the labelled subject and property (the conflict logic alone)",
    )
    args = parser.parse_args(argv)
    if args.dev:
        args.passages, args.conflicts = DEV_PASSAGES, None
    if args.misses and args.passages.resolve() == PASSAGES.resolve():
        parser.error("the held-out passages print numbers only (tests/data/README.md): use --dev --misses")
    result = measure(args.passages, args.conflicts, oracle=args.oracle)
    subject_misses = result.pop("subject_misses")
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    conflicts = result["conflicts"]
    print(f"figures from {result['figures_module']}")
    print(f"{result['passages']} passages, {result['labelled_figures']} labelled figures")
    print(_line("extraction recall", result["extraction_recall"]))
    print(_line("subject accuracy (found)", result["subject_accuracy"]))
    print(_line("property accuracy (found)", result["property_accuracy"]))
    if result["entity"] is None:
        print("entity accuracy              n/a (Figure has no entity_id)")
    else:
        print(_line("entity accuracy (found)", result["entity"]["accuracy"]))
        print(_line("entity merging", result["entity"]["merged"]))
    oracle = " (oracle subjects and properties)" if result["oracle"] else ""
    print(
        f"conflicts{oracle}: {conflicts['found']}/{conflicts['disagreements']} labelled disagreements found; "
        f"{conflicts['reported']} reported, {conflicts['spurious']} spurious; "
        f"agreeing groups flagged {conflicts['agreements_flagged']}/{conflicts['agreements']}, "
        f"traps flagged {conflicts['traps_flagged']}/{conflicts['traps']}"
    )
    if args.misses:
        print("subject misses:")
        for miss in subject_misses:
            print(
                f"  {miss['passage']:<16} {miss['text']!r:<26} got {miss['got']!r} ({miss['rule']}) "
                f"want {miss['want']!r}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
