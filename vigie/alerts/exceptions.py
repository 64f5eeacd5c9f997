"""The refusal every step of the alerts answers with: the reasons, for the agent."""

from __future__ import annotations

from collections.abc import Iterable


class AlertRefused(Exception):
    """The step is refused; ``problems`` says why, each in a sentence for the agent."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = [str(problem) for problem in problems]
        super().__init__(" ".join(self.problems))
