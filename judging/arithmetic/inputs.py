"""Plain input data for the arithmetic: criteria, reviews, the tie-break rule, weighted totals.

Numbers come in as ``int``, ``Decimal`` (what Django's DecimalField gives), ``Fraction`` or ``float``
and are converted to ``Fraction`` without any rounding. Weighted totals are therefore exact: a total
of 22/3 is 22/3, not 7.333333333333333, and two totals that are equal on paper compare equal.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Any, TypeAlias

from .errors import (
    DuplicateReviewError,
    IncompleteReviewError,
    InvalidScoreError,
    RubricError,
    ScoreOutOfScaleError,
    UnknownCriterionError,
    UnknownTieBreakRuleError,
)

Id: TypeAlias = int | str
"""Juror, entry and criterion ids: database primary keys or any other int or str."""

Number: TypeAlias = int | Decimal | Fraction | float


class TieBreakRule(StrEnum):
    """How entries with exactly the same score are ordered.

    The values equal ``submissions.enums.TieBreakRule`` (a Django-side test checks this); this copy
    exists so that the arithmetic does not import Django.
    """

    MEDIAN = "median"
    """Higher median of the entry's review totals ranks first."""
    FIRST_CRITERION = "first_criterion"
    """Higher mean score on the first (heaviest) criterion ranks first."""
    FEWER_LOW_SCORES = "fewer_low_scores"
    """Lower spread between the jurors (population variance of the totals) ranks first."""
    SHARED = "shared"
    """No tie-break: tied entries share the place (competition ranking 1, 2, 2, 4)."""

    @classmethod
    def parse(cls, value: str | TieBreakRule) -> TieBreakRule:
        try:
            return cls(value)
        except ValueError:
            raise UnknownTieBreakRuleError(value) from None


def id_sort_key(value: Id) -> tuple[str, Id]:
    """Sort key that orders ints among ints and strs among strs, so mixed ids never fail to sort."""
    return (type(value).__name__, value)


def to_fraction(value: Any) -> Fraction | None:
    """Exact conversion of a finite number; ``None`` for anything else (bools, NaN, infinities, text)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | Fraction):
        return Fraction(value)
    if isinstance(value, Decimal):
        return Fraction(value) if value.is_finite() else None
    if isinstance(value, float):
        return Fraction(value) if math.isfinite(value) else None
    return None


@dataclass(frozen=True, slots=True)
class Scale:
    """The rubric scale, e.g. 1 to 10. Totals, means and calibrated scores are on this scale."""

    minimum: Fraction
    maximum: Fraction

    @property
    def width(self) -> Fraction:
        return self.maximum - self.minimum

    def __str__(self) -> str:
        return f"{self.minimum} to {self.maximum}"


@dataclass(frozen=True, slots=True)
class CriterionInput:
    """One criterion of the rubric. Order matters only for ``first_criterion`` (see ``Rubric``)."""

    id: Id
    weight: Number
    scale_min: Number = 1
    scale_max: Number = 10


@dataclass(frozen=True, slots=True)
class ReviewInput:
    """One juror's final review of one entry: a score for every criterion of the rubric.

    Only final reviews by jurors without a conflict of interest belong here; drafts and conflicted
    reviews are filtered out by the caller.
    """

    juror_id: Id
    entry_id: Id
    scores: Mapping[Id, Number] = field(hash=False)


@dataclass(frozen=True, slots=True)
class Rubric:
    """Validated criteria: exact weights, one shared scale, and the key criterion for tie-breaks."""

    criteria: tuple[CriterionInput, ...]
    weights: Mapping[Id, Fraction] = field(hash=False)
    scale: Scale
    key_criterion_id: Id
    """The first (heaviest) criterion: highest weight, and of equal weights the first one given."""
    # Weights as integers over their common denominator (which cancels in the weighted average),
    # so a review with whole-number scores is totalled in plain integer arithmetic.
    _int_weights: dict[Id, int] = field(init=False, repr=False, compare=False, hash=False)
    _int_weight_sum: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        common = math.lcm(*(w.denominator for w in self.weights.values()))
        int_weights = {c: w.numerator * (common // w.denominator) for c, w in self.weights.items()}
        object.__setattr__(self, "_int_weights", int_weights)
        object.__setattr__(self, "_int_weight_sum", sum(int_weights.values()))

    @property
    def weight_sum(self) -> Fraction:
        return sum(self.weights.values(), Fraction(0))

    def total(self, scores: Mapping[Id, int | Fraction]) -> Fraction:
        """sum(weight x score) / sum(weights) for checked scores (see ``weighted_total``)."""
        weights = self._int_weights
        return Fraction(sum(weights[c] * s for c, s in scores.items())) / self._int_weight_sum


def validate_rubric(criteria: Iterable[CriterionInput]) -> Rubric:
    """Check the criteria and return them as a ``Rubric``; raise ``RubricError`` with the cause.

    All criteria must share one scale: the weighted total is an average of the scores, and an
    average of a 1-5 score and a 1-10 score is not on any scale. Call this when the Secretariaat
    saves the rubric, so the problem shows up there and not when the jury is done.
    """
    items = tuple(criteria)
    if not items:
        raise RubricError("The rubric has no criteria; add at least one criterion.")
    weights: dict[Id, Fraction] = {}
    for criterion in items:
        if criterion.id in weights:
            raise RubricError(f"Criterion {criterion.id!r} appears twice in the rubric.", criterion_id=criterion.id)
        weight = to_fraction(criterion.weight)
        if weight is None or weight <= 0:
            raise RubricError(
                f"Criterion {criterion.id!r} has weight {criterion.weight!r}; a weight must be a number above 0.",
                criterion_id=criterion.id,
            )
        weights[criterion.id] = weight
    scale: Scale | None = None
    for criterion in items:
        low, high = to_fraction(criterion.scale_min), to_fraction(criterion.scale_max)
        if low is None or high is None or high <= low:
            raise RubricError(
                f"Criterion {criterion.id!r} has scale {criterion.scale_min!r} to {criterion.scale_max!r}; "
                "the highest score must be above the lowest.",
                criterion_id=criterion.id,
            )
        if scale is None:
            scale = Scale(low, high)
        elif (low, high) != (scale.minimum, scale.maximum):
            raise RubricError(
                f"Criterion {criterion.id!r} uses scale {low} to {high} while criterion {items[0].id!r} uses "
                f"{scale}; all criteria of an edition must use the same scale.",
                criterion_id=criterion.id,
            )
    assert scale is not None
    heaviest = max(weights.values())
    key = next(c.id for c in items if weights[c.id] == heaviest)
    return Rubric(criteria=items, weights=weights, scale=scale, key_criterion_id=key)


@dataclass(frozen=True, slots=True)
class ReviewTotal:
    """The weighted total of one review, exact, on the rubric scale."""

    juror_id: Id
    entry_id: Id
    total: Fraction
    key_score: Fraction | None = None
    """The review's score on the rubric's key (first, heaviest) criterion, for ``first_criterion``."""

    @property
    def total_float(self) -> float:
        return float(self.total)


def _checked_scores(review: ReviewInput, rubric: Rubric) -> dict[Id, int | Fraction]:
    given = review.scores
    missing = tuple(c.id for c in rubric.criteria if c.id not in given)
    if missing:
        raise IncompleteReviewError(juror_id=review.juror_id, entry_id=review.entry_id, missing=missing)
    unknown = tuple(sorted((c for c in given if c not in rubric.weights), key=id_sort_key))
    if unknown:
        raise UnknownCriterionError(juror_id=review.juror_id, entry_id=review.entry_id, unknown=unknown)
    scores: dict[Id, int | Fraction] = {}
    low, high = rubric.scale.minimum, rubric.scale.maximum
    # Integer bounds compare with integer scores without building Fractions.
    low_cmp = low.numerator if low.denominator == 1 else low
    high_cmp = high.numerator if high.denominator == 1 else high
    for criterion in rubric.criteria:
        raw = given[criterion.id]
        # Whole numbers (the usual case) stay ints: same value, much faster arithmetic.
        value: int | Fraction | None = raw if type(raw) is int else to_fraction(raw)
        if value is None:
            raise InvalidScoreError(
                juror_id=review.juror_id, entry_id=review.entry_id, criterion_id=criterion.id, value=raw
            )
        if not low_cmp <= value <= high_cmp:
            raise ScoreOutOfScaleError(
                juror_id=review.juror_id,
                entry_id=review.entry_id,
                criterion_id=criterion.id,
                value=raw,
                minimum=low,
                maximum=high,
            )
        scores[criterion.id] = value
    return scores


def weighted_total(review: ReviewInput, rubric: Rubric) -> Fraction:
    """sum(weight x score) / sum(weights): an exact weighted average, on the rubric scale.

    Raises ``IncompleteReviewError``, ``UnknownCriterionError``, ``InvalidScoreError`` or
    ``ScoreOutOfScaleError`` naming the juror, entry and criterion concerned.
    """
    return rubric.total(_checked_scores(review, rubric))


def compute_review_totals(reviews: Iterable[ReviewInput], rubric: Rubric) -> tuple[ReviewTotal, ...]:
    """Validate every review and return its weighted total, sorted by (juror, entry).

    The sorting makes everything downstream independent of the order the reviews came in.
    Raises ``DuplicateReviewError`` when one juror has two reviews of the same entry.
    """
    seen: set[tuple[Id, Id]] = set()
    totals: list[ReviewTotal] = []
    for review in reviews:
        pair = (review.juror_id, review.entry_id)
        if pair in seen:
            raise DuplicateReviewError(juror_id=review.juror_id, entry_id=review.entry_id)
        seen.add(pair)
        scores = _checked_scores(review, rubric)
        totals.append(
            ReviewTotal(
                review.juror_id, review.entry_id, rubric.total(scores), Fraction(scores[rubric.key_criterion_id])
            )
        )
    totals.sort(key=lambda t: (id_sort_key(t.juror_id), id_sort_key(t.entry_id)))
    return tuple(totals)


def sorted_ids(ids: Iterable[Id]) -> list[Id]:
    return sorted(set(ids), key=id_sort_key)
