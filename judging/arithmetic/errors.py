"""Exceptions raised on input the arithmetic cannot score.

Each exception carries the ids of what caused it as attributes, so the Django side can show a
translated message next to the review, score or criterion concerned. The English ``str()`` is meant
for logs, the command line and tests.
"""

from __future__ import annotations

from typing import Any


class ScoringInputError(ValueError):
    """Base class: the input cannot be scored as given. Nothing is computed."""


class RubricError(ScoringInputError):
    """The criteria (ids, weights, scales) do not form a usable rubric."""

    def __init__(self, message: str, *, criterion_id: Any = None) -> None:
        super().__init__(message)
        self.criterion_id = criterion_id


class ReviewError(ScoringInputError):
    """One review cannot be scored."""

    def __init__(self, message: str, *, juror_id: Any, entry_id: Any) -> None:
        super().__init__(message)
        self.juror_id = juror_id
        self.entry_id = entry_id


class IncompleteReviewError(ReviewError):
    """A review lacks a score for one or more criteria of the rubric."""

    def __init__(self, *, juror_id: Any, entry_id: Any, missing: tuple[Any, ...]) -> None:
        names = ", ".join(repr(c) for c in missing)
        super().__init__(
            f"Review by juror {juror_id!r} of entry {entry_id!r} has no score for criterion {names}.",
            juror_id=juror_id,
            entry_id=entry_id,
        )
        self.missing = missing


class UnknownCriterionError(ReviewError):
    """A review scores a criterion that is not in the rubric."""

    def __init__(self, *, juror_id: Any, entry_id: Any, unknown: tuple[Any, ...]) -> None:
        names = ", ".join(repr(c) for c in unknown)
        super().__init__(
            f"Review by juror {juror_id!r} of entry {entry_id!r} scores criterion {names}, which is not in the rubric.",
            juror_id=juror_id,
            entry_id=entry_id,
        )
        self.unknown = unknown


class InvalidScoreError(ReviewError):
    """A score is not a finite number (or is a bool, NaN or infinite)."""

    def __init__(self, *, juror_id: Any, entry_id: Any, criterion_id: Any, value: Any) -> None:
        super().__init__(
            f"Review by juror {juror_id!r} of entry {entry_id!r}: score {value!r} for criterion "
            f"{criterion_id!r} is not a finite number.",
            juror_id=juror_id,
            entry_id=entry_id,
        )
        self.criterion_id = criterion_id
        self.value = value


class ScoreOutOfScaleError(ReviewError):
    """A score lies outside its criterion's scale."""

    def __init__(self, *, juror_id: Any, entry_id: Any, criterion_id: Any, value: Any, minimum: Any, maximum: Any):
        super().__init__(
            f"Review by juror {juror_id!r} of entry {entry_id!r}: score {value} for criterion {criterion_id!r} "
            f"is outside the scale {minimum} to {maximum}.",
            juror_id=juror_id,
            entry_id=entry_id,
        )
        self.criterion_id = criterion_id
        self.value = value
        self.minimum = minimum
        self.maximum = maximum


class DuplicateReviewError(ReviewError):
    """The same juror reviewed the same entry twice in one input (pass one review per juror per entry)."""

    def __init__(self, *, juror_id: Any, entry_id: Any) -> None:
        super().__init__(
            f"Juror {juror_id!r} has more than one review of entry {entry_id!r}; pass only the final one.",
            juror_id=juror_id,
            entry_id=entry_id,
        )


class UnknownTieBreakRuleError(ScoringInputError):
    """The tie-break rule name is not one of ``TieBreakRule``'s values."""

    def __init__(self, value: Any) -> None:
        from .inputs import TieBreakRule

        allowed = ", ".join(rule.value for rule in TieBreakRule)
        super().__init__(f"Unknown tie-break rule {value!r}; use one of: {allowed}.")
        self.value = value


class InvalidParameterError(ScoringInputError):
    """A parameter such as ``top_n`` or the disagreement threshold is out of range."""

    def __init__(self, message: str, *, parameter: str) -> None:
        super().__init__(message)
        self.parameter = parameter
