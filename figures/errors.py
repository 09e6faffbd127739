"""The library's own exceptions. Only the CLI turns them into ``click.ClickException``."""

from __future__ import annotations


class FiguresError(Exception):
    """Base class for every error figures raises on purpose."""


class InputError(FiguresError):
    """Input that cannot be read at all (no such path, unknown format)."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path, self.line, self.message = path, line, message
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


class StoreError(FiguresError):
    """The database could not be opened, written or queried."""


class UnitError(FiguresError):
    """A unit string that the registry cannot read."""

    def __init__(self, unit: str, message: str = "unknown unit") -> None:
        self.unit, self.message = unit, message
        super().__init__(f"{unit!r}: {message}")
