"""Print the README's commands of "Two commands on a fresh machine", one a line, as they are written.

The commands are the section's indented lines (its code blocks). .ci/run runs them; tests/test_install.py
runs the first. Standard library only: it runs before anything is installed.
"""

from __future__ import annotations

import sys
from pathlib import Path

SECTION = "## Two commands on a fresh machine"


def commands(readme: str) -> list[str]:
    text = readme.split(SECTION, 1)[1].split("\n## ", 1)[0]
    return [line.strip() for line in text.splitlines() if line.startswith("    ") and line.strip()]


if __name__ == "__main__":
    found = commands(Path(sys.argv[1] if len(sys.argv) > 1 else "README.md").read_text(encoding="utf-8"))
    if len(found) != 2:
        sys.exit(f"README: expected two commands under {SECTION!r}, found {len(found)}")
    print("\n".join(found))
