"""Errors of an import: each names where (feature or line), which field, and why. No Django."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Issue:
    where: str  # "feature 3 (code 35001)", "line 12", "header"
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}, {self.field}: {self.reason}"


class ImportRefused(Exception):
    """The whole file is refused; `issues` lists every problem found."""

    def __init__(self, source: str, issues: list[Issue]) -> None:
        self.source = source
        self.issues = issues
        super().__init__(self.message)

    @property
    def message(self) -> str:
        lines = [f"{self.source}: refused, {len(self.issues)} error(s); nothing was stored."]
        lines += [f"  - {issue}" for issue in self.issues]
        return "\n".join(lines)
