"""Per-juror z-score calibration.

Some jurors score strictly, others generously; some use the whole scale, others only a corner.
Calibration compares each review with the juror's own habits: for every juror,
``z = (total - juror's mean) / juror's standard deviation`` over the entries that juror reviewed
(population standard deviation, as in ``stats``). An entry's calibrated standing is the mean of its
reviews' z-scores; for display it is mapped back onto the rubric scale as
``overall mean + mean z x overall standard deviation`` (over all review totals), clamped to the scale.

Degenerate jurors: a juror with a single review, or whose reviews all have the same total, has no
spread to divide by. Their reviews get z = 0: "as good as this juror's average", which adds no
information but also does not push the entry up or down. The juror is reported with the reason.

Floats are used here because square roots are involved. The z-scores are computed from exact
integers (``(n x value - sum) / sqrt(n x sum of squares - sum^2)``), sums use ``math.fsum`` (exactly
rounded, so the order of the terms cannot matter), and every value the calibrated ranking compares is
rounded to ``CALIBRATION_DECIMALS`` decimals first. z-scores have no unit, so that fixed grid is far
below any real difference and far above float noise: a tie stays a tie, and a juror whose scores
are all shifted or stretched (``a x total + b``, ``a > 0``) gets exactly the same rounded z-scores.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from .inputs import Id
from .stats import ratio_over_sqrt, variance_numerator

CALIBRATION_DECIMALS = 9


def rounded(value: float) -> float:
    """Round to the calibration grid; ``+ 0.0`` turns -0.0 into 0.0."""
    return round(value, CALIBRATION_DECIMALS) + 0.0


class DegenerateReason(StrEnum):
    SINGLE_REVIEW = "single_review"
    """The juror has only one review in this set: there is no spread to compare with."""
    NO_SPREAD = "no_spread"
    """All of the juror's reviews have the same total."""


@dataclass(frozen=True, slots=True)
class JurorCalibration:
    """One juror's scoring habits: how many reviews, their mean and spread (on the rubric scale)."""

    juror_id: Id
    count: int
    mean: float
    std: float
    degenerate_reason: DegenerateReason | None
    """Why this juror's reviews all get z = 0, or ``None`` when they are calibrated normally."""

    @property
    def degenerate(self) -> bool:
        return self.degenerate_reason is not None


def _sums(jurors: Sequence[Id], values: Sequence[int]) -> dict[Id, tuple[int, int, int]]:
    sums: dict[Id, tuple[int, int, int]] = {}
    for juror, value in zip(jurors, values, strict=True):
        n, s, q = sums.get(juror, (0, 0, 0))
        sums[juror] = (n + 1, s + value, q + value * value)
    return sums


def z_scores(jurors: Sequence[Id], values: Sequence[int]) -> list[float]:
    """The z-score of each value against the other values of the same juror (0 for degenerate jurors).

    ``jurors[i]`` is the juror of ``values[i]``; values are integers over any common denominator
    (z-scores do not depend on it).
    """
    spread = {juror: (n, s, variance_numerator(n, s, q)) for juror, (n, s, q) in _sums(jurors, values).items()}
    result = []
    for juror, value in zip(jurors, values, strict=True):
        n, s, var_num = spread[juror]
        result.append(ratio_over_sqrt(n * value - s, var_num) if n > 1 and var_num > 0 else 0.0)
    return result


def juror_calibrations(jurors: Sequence[Id], values: Sequence[int], denominator: int) -> dict[Id, JurorCalibration]:
    """Mean and population standard deviation of each juror's totals ``value / denominator``."""
    result = {}
    for juror, (n, s, q) in _sums(jurors, values).items():
        var_num = variance_numerator(n, s, q)
        reason = None
        if n == 1:
            reason = DegenerateReason.SINGLE_REVIEW
        elif var_num == 0:
            reason = DegenerateReason.NO_SPREAD
        result[juror] = JurorCalibration(
            juror_id=juror,
            count=n,
            mean=float(Fraction(s, n * denominator)),
            std=math.sqrt(Fraction(var_num, (n * denominator) ** 2)),
            degenerate_reason=reason,
        )
    return result
