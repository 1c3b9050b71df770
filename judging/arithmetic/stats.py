"""Per-entry statistics of review totals, exact where the maths allows it.

Totals arrive as integers over one common denominator (``total = value / denominator``), so sums,
medians, minima, maxima and variances are exact integer arithmetic. Only the standard deviation
(a square root) is a float.

Standard deviation: the POPULATION standard deviation (divide by n, not n - 1). The reviews of an
entry are all its reviews, not a sample of some larger set; it is defined for a single review (0);
and for two reviews it is simply half the gap between them, which a juror can check by hand.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction


def fraction_to_decimal(value: Fraction, places: int = 2) -> Decimal:
    """Round an exact value half-to-even to ``places`` decimals, as a Decimal (no float in between)."""
    rounded = round(value, places)
    quantum = Decimal(1).scaleb(-places)
    return (Decimal(rounded.numerator) / Decimal(rounded.denominator)).quantize(quantum, rounding=ROUND_HALF_EVEN)


def ratio_over_sqrt(numerator: int, radicand: int) -> float:
    """``numerator / sqrt(radicand)`` for (possibly huge) non-negative ``radicand`` > 0, as a float.

    Plain float conversion overflows above about 1e308; totals built from float inputs can have
    very large common denominators, so both numbers are scaled down by the same power of two first.
    """
    excess = max(radicand.bit_length() - 1000, 0)
    shift = excess + (excess & 1)  # even, so the square root halves it exactly
    if shift:
        # int / int is correctly rounded in Python however large the ints are.
        return (numerator / (1 << (shift // 2))) / math.sqrt(radicand >> shift)
    return numerator / math.sqrt(radicand)


def variance_numerator(count: int, total: int, total_of_squares: int) -> int:
    """n * sum(x^2) - (sum x)^2, which is n^2 times the population variance (exact, never negative)."""
    return count * total_of_squares - total * total


def twice_median(sorted_values: Sequence[int]) -> int:
    """Two times the median, so that the median of an even count stays an integer."""
    n = len(sorted_values)
    middle = n // 2
    if n % 2:
        return 2 * sorted_values[middle]
    return sorted_values[middle - 1] + sorted_values[middle]


@dataclass(frozen=True, slots=True)
class EntryStats:
    """The raw scores of one entry over its final reviews, on the rubric scale.

    Floats are for display and charts; ``mean_exact`` and ``median_exact`` are what the raw ranking
    compares, and ``mean_decimal()`` rounds the exact mean for money or storage.
    """

    count: int
    mean: float
    median: float
    std: float
    """Population standard deviation of the review totals (0 for a single review)."""
    minimum: float
    maximum: float
    range: float
    """Highest total minus lowest total."""
    disagreement: bool
    """``std`` is above the disagreement threshold of the result."""
    mean_exact: Fraction
    median_exact: Fraction

    def mean_decimal(self, places: int = 2) -> Decimal:
        return fraction_to_decimal(self.mean_exact, places)

    def median_decimal(self, places: int = 2) -> Decimal:
        return fraction_to_decimal(self.median_exact, places)


def entry_stats(values: Sequence[int], denominator: int, *, disagreement_threshold: Fraction) -> EntryStats:
    """Statistics of totals ``value / denominator``; ``values`` must be non-empty."""
    ordered = sorted(values)
    n = len(ordered)
    total = sum(ordered)
    var_num = variance_numerator(n, total, sum(v * v for v in ordered))
    mean = Fraction(total, n * denominator)
    median = Fraction(twice_median(ordered), 2 * denominator)
    low, high = Fraction(ordered[0], denominator), Fraction(ordered[-1], denominator)
    variance = Fraction(var_num, (n * denominator) ** 2)
    return EntryStats(
        count=n,
        mean=float(mean),
        median=float(median),
        std=math.sqrt(variance),
        minimum=float(low),
        maximum=float(high),
        range=float(high - low),
        # Compared exactly: std > t  <=>  variance > t^2 (both sides non-negative).
        disagreement=variance > disagreement_threshold * disagreement_threshold,
        mean_exact=mean,
        median_exact=median,
    )
