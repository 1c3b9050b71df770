"""``rank_edition``: weighted totals, entry statistics, raw and calibrated rankings, disagreement
flags and leave-one-juror-out stability, in one result object.

Everything is a pure function of the *set* of reviews: reviews are sorted by (juror, entry) before
any arithmetic, raw values are exact fractions, and float sums use ``math.fsum``. Calling it twice,
or with the reviews shuffled, gives an identical result.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from typing import Any

from .calibration import JurorCalibration, juror_calibrations, rounded, z_scores
from .errors import DuplicateReviewError, InvalidParameterError, ReviewError, ScoringInputError
from .inputs import (
    CriterionInput,
    Id,
    Number,
    ReviewInput,
    ReviewTotal,
    Rubric,
    Scale,
    TieBreakRule,
    compute_review_totals,
    id_sort_key,
    sorted_ids,
    to_fraction,
    validate_rubric,
)
from .ranking import Placement, TieInfo, rank_entries
from .stats import EntryStats, entry_stats, twice_median, variance_numerator

DEFAULT_TOP_N = 5
SNAPSHOT_FORMAT = 1
DEFAULT_DISAGREEMENT_SHARE = Fraction(1, 5)
"""Default disagreement threshold: a standard deviation above 1/5 of the scale width
(1.8 points on a 1-10 scale: e.g. two jurors more than 3.6 points apart)."""


@dataclass(frozen=True, slots=True)
class EntryResult:
    """Everything the jury sees about one entry, raw and calibrated side by side."""

    entry_id: Id
    stats: EntryStats
    raw_rank: int
    """Competition rank on the mean of the review totals (ties per the rule; shared ranks 1, 2, 2, 4)."""
    raw_position: int
    raw_tie: TieInfo | None
    mean_z: float
    """Mean z-score of the entry's reviews (0 = average; +1 = one juror standard deviation above)."""
    calibrated_score: float
    """``mean_z`` mapped onto the rubric scale, comparable with ``stats.mean``."""
    calibrated_rank: int
    calibrated_position: int
    calibrated_tie: TieInfo | None
    in_top_n_raw: bool
    in_top_n_calibrated: bool
    stability_raw: float | None
    """Share of leave-one-juror-out runs (one per juror) in which the entry stays in the raw top N;
    ``None`` when there are no jurors."""
    stability_calibrated: float | None

    @property
    def rank_move(self) -> int:
        """Raw rank minus calibrated rank: positive when calibration moves the entry up."""
        return self.raw_rank - self.calibrated_rank

    @property
    def enters_top_n(self) -> bool:
        """In the calibrated top N but not in the raw top N."""
        return self.in_top_n_calibrated and not self.in_top_n_raw

    @property
    def leaves_top_n(self) -> bool:
        """In the raw top N but not in the calibrated top N."""
        return self.in_top_n_raw and not self.in_top_n_calibrated

    @property
    def crosses_top_n(self) -> bool:
        return self.enters_top_n or self.leaves_top_n


@dataclass(frozen=True)
class RankingResult:
    """The result of ``rank_edition`` / ``rank_totals``. ``entries`` is in raw ranking order."""

    tie_break_rule: TieBreakRule
    top_n: int
    """An entry is in the top N when its rank is at most N, so a tie on place N can make it larger."""
    scale: Scale
    disagreement_threshold: float
    key_criterion_id: Id | None
    entries: tuple[EntryResult, ...]
    jurors: tuple[JurorCalibration, ...]
    review_totals: tuple[ReviewTotal, ...]
    overall_mean: float | None
    overall_std: float | None
    leave_one_out_runs: int
    unscored_entry_ids: tuple[Id, ...]
    """Entries passed in ``entry_ids`` that have no review: not ranked."""

    @cached_property
    def _by_id(self) -> dict[Id, EntryResult]:
        return {entry.entry_id: entry for entry in self.entries}

    def entry(self, entry_id: Id) -> EntryResult:
        """The result for one entry; ``KeyError`` when it has no reviews."""
        return self._by_id[entry_id]

    @property
    def raw_order(self) -> tuple[Id, ...]:
        return tuple(entry.entry_id for entry in self.entries)

    @property
    def calibrated_order(self) -> tuple[Id, ...]:
        return tuple(entry.entry_id for entry in sorted(self.entries, key=lambda e: e.calibrated_position))

    @property
    def calibrated_entries(self) -> tuple[EntryResult, ...]:
        return tuple(sorted(self.entries, key=lambda e: e.calibrated_position))

    @property
    def entering_top_n(self) -> tuple[EntryResult, ...]:
        return tuple(entry for entry in self.entries if entry.enters_top_n)

    @property
    def leaving_top_n(self) -> tuple[EntryResult, ...]:
        return tuple(entry for entry in self.entries if entry.leaves_top_n)

    @property
    def disagreements(self) -> tuple[EntryResult, ...]:
        return tuple(entry for entry in self.entries if entry.stats.disagreement)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-serialisable snapshot, e.g. to store with a decision as "the ranking used".

        Exact values appear twice: rounded to 4 decimals as a string for people, and as an exact
        fraction string ("22/3") for checking later. ``format`` changes when the shape does.
        """
        return {
            "format": SNAPSHOT_FORMAT,
            "tie_break_rule": self.tie_break_rule.value,
            "top_n": self.top_n,
            "scale": {"minimum": str(self.scale.minimum), "maximum": str(self.scale.maximum)},
            "disagreement_threshold": self.disagreement_threshold,
            "key_criterion_id": self.key_criterion_id,
            "overall_mean": self.overall_mean,
            "overall_std": self.overall_std,
            "leave_one_out_runs": self.leave_one_out_runs,
            "unscored_entry_ids": list(self.unscored_entry_ids),
            "jurors": [
                {
                    "juror_id": juror.juror_id,
                    "count": juror.count,
                    "mean": juror.mean,
                    "std": juror.std,
                    "degenerate_reason": juror.degenerate_reason.value if juror.degenerate_reason else None,
                }
                for juror in self.jurors
            ],
            "entries": [_entry_dict(entry) for entry in self.entries],
        }


def _tie_dict(tie: TieInfo | None) -> dict[str, Any] | None:
    if tie is None:
        return None
    return {
        "rule": tie.rule.value,
        "tied_with": list(tie.tied_with),
        "shares_rank_with": list(tie.shares_rank_with),
        "rank": tie.rank,
        "resolved": tie.resolved,
        "note": tie.note,
    }


def _entry_dict(entry: EntryResult) -> dict[str, Any]:
    stats = entry.stats
    return {
        "entry_id": entry.entry_id,
        "count": stats.count,
        "mean": str(stats.mean_decimal(4)),
        "mean_exact": str(stats.mean_exact),
        "median": str(stats.median_decimal(4)),
        "median_exact": str(stats.median_exact),
        "std": stats.std,
        "minimum": stats.minimum,
        "maximum": stats.maximum,
        "range": stats.range,
        "disagreement": stats.disagreement,
        "raw_rank": entry.raw_rank,
        "raw_position": entry.raw_position,
        "raw_tie": _tie_dict(entry.raw_tie),
        "mean_z": entry.mean_z,
        "calibrated_score": entry.calibrated_score,
        "calibrated_rank": entry.calibrated_rank,
        "calibrated_position": entry.calibrated_position,
        "calibrated_tie": _tie_dict(entry.calibrated_tie),
        "rank_move": entry.rank_move,
        "in_top_n_raw": entry.in_top_n_raw,
        "in_top_n_calibrated": entry.in_top_n_calibrated,
        "enters_top_n": entry.enters_top_n,
        "leaves_top_n": entry.leaves_top_n,
        "stability_raw": entry.stability_raw,
        "stability_calibrated": entry.stability_calibrated,
    }


@dataclass(frozen=True, slots=True)
class _Row:
    juror_id: Id
    entry_id: Id
    value: int
    """The review total times the common denominator."""
    key: int
    """The key criterion score times its common denominator (0 when not needed)."""


@dataclass(frozen=True, slots=True)
class _Run:
    raw: dict[Id, Placement]
    calibrated: dict[Id, Placement]
    mean_z: dict[Id, float]


def _common_denominator(values: Iterable[Fraction]) -> int:
    return math.lcm(1, *{value.denominator for value in values})


def _fsum_mean(values: Sequence[float]) -> float:
    return math.fsum(values) / len(values)


def _float_median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _rank_rows(rows: Sequence[_Row], rule: TieBreakRule, *, explain_ties: bool) -> _Run:
    """Raw and calibrated rankings of the entries in ``rows`` (rows sorted by juror, entry)."""
    by_entry: dict[Id, list[int]] = {}
    for index, row in enumerate(rows):
        by_entry.setdefault(row.entry_id, []).append(index)
    jurors = [row.juror_id for row in rows]
    z = z_scores(jurors, [row.value for row in rows])
    key_z = z_scores(jurors, [row.key for row in rows]) if rule is TieBreakRule.FIRST_CRITERION else None

    # Raw keys are exact integers: a mean total/n is stored as total x (L / n), with L the least
    # common multiple of the review counts, so comparing them is comparing the exact means.
    common = math.lcm(1, *{len(indices) for indices in by_entry.values()})
    raw_primary: dict[Id, int] = {}
    raw_secondary: dict[Id, int] = {}
    cal_primary: dict[Id, float] = {}
    cal_secondary: dict[Id, float] = {}
    mean_z: dict[Id, float] = {}
    for entry, indices in by_entry.items():
        values = [rows[i].value for i in indices]
        n, total = len(values), sum(values)
        raw_primary[entry] = total * (common // n)
        entry_z = [z[i] for i in indices]
        mean_z[entry] = _fsum_mean(entry_z)
        cal_primary[entry] = rounded(mean_z[entry])
        if rule is TieBreakRule.MEDIAN:
            raw_secondary[entry] = twice_median(sorted(values))
            cal_secondary[entry] = rounded(_float_median(entry_z))
        elif rule is TieBreakRule.FIRST_CRITERION:
            assert key_z is not None
            raw_secondary[entry] = sum(rows[i].key for i in indices) * (common // n)
            cal_secondary[entry] = rounded(_fsum_mean([key_z[i] for i in indices]))
        elif rule is TieBreakRule.FEWER_LOW_SCORES:
            # Lower spread ranks first: negate, because rank_entries puts higher keys first.
            # variance = var_num / n^2, scaled by L^2 to stay an integer.
            var_num = variance_numerator(n, total, sum(v * v for v in values))
            raw_secondary[entry] = -var_num * (common * common // (n * n))
            center = mean_z[entry]
            cal_secondary[entry] = -rounded(_fsum_mean([(value - center) ** 2 for value in entry_z]))
    secondary_raw = raw_secondary if rule is not TieBreakRule.SHARED else None
    secondary_cal = cal_secondary if rule is not TieBreakRule.SHARED else None
    return _Run(
        raw=rank_entries(raw_primary, secondary_raw, rule, explain_ties=explain_ties),
        calibrated=rank_entries(cal_primary, secondary_cal, rule, explain_ties=explain_ties),
        mean_z=mean_z,
    )


def _check_parameters(top_n: int, disagreement_threshold: Number | None, scale: Scale) -> Fraction:
    if isinstance(top_n, bool) or not isinstance(top_n, int) or top_n < 1:
        raise InvalidParameterError(f"top_n must be a whole number of at least 1, not {top_n!r}.", parameter="top_n")
    if disagreement_threshold is None:
        return DEFAULT_DISAGREEMENT_SHARE * scale.width
    threshold = to_fraction(disagreement_threshold)
    if threshold is None or threshold < 0:
        raise InvalidParameterError(
            f"The disagreement threshold must be a number of at least 0, not {disagreement_threshold!r}.",
            parameter="disagreement_threshold",
        )
    return threshold


def rank_totals(
    totals: Iterable[ReviewTotal],
    *,
    scale: Scale,
    tie_break_rule: TieBreakRule | str,
    top_n: int = DEFAULT_TOP_N,
    disagreement_threshold: Number | None = None,
    entry_ids: Iterable[Id] | None = None,
    key_criterion_id: Id | None = None,
) -> RankingResult:
    """Rank entries from review totals that are already computed (see ``rank_edition``).

    Totals are not checked against the scale here (``rank_edition`` checks the scores), so this
    also accepts transformed totals, e.g. in tests of the calibration. ``key_score`` is needed on
    every total when the rule is ``first_criterion``.
    """
    rule = TieBreakRule.parse(tie_break_rule)
    threshold = _check_parameters(top_n, disagreement_threshold, scale)

    checked: list[ReviewTotal] = []
    seen: set[tuple[Id, Id]] = set()
    for item in totals:
        pair = (item.juror_id, item.entry_id)
        if pair in seen:
            raise DuplicateReviewError(juror_id=item.juror_id, entry_id=item.entry_id)
        seen.add(pair)
        total = to_fraction(item.total)
        key = to_fraction(item.key_score) if item.key_score is not None else None
        if total is None or (item.key_score is not None and key is None):
            raise ReviewError(
                f"Review by juror {item.juror_id!r} of entry {item.entry_id!r} has a total that is not a finite number.",
                juror_id=item.juror_id,
                entry_id=item.entry_id,
            )
        if key is None and rule is TieBreakRule.FIRST_CRITERION:
            raise ScoringInputError(
                "The tie-break rule 'first_criterion' needs the key criterion score of every review "
                f"(missing for juror {item.juror_id!r}, entry {item.entry_id!r})."
            )
        checked.append(ReviewTotal(item.juror_id, item.entry_id, total, key))
    checked.sort(key=lambda t: (id_sort_key(t.juror_id), id_sort_key(t.entry_id)))

    scored = sorted_ids(t.entry_id for t in checked)
    unscored: tuple[Id, ...] = ()
    if entry_ids is not None:
        allowed = set(entry_ids)
        stray = [t for t in checked if t.entry_id not in allowed]
        if stray:
            raise ReviewError(
                f"Review by juror {stray[0].juror_id!r} is of entry {stray[0].entry_id!r}, "
                "which is not among the entries to rank.",
                juror_id=stray[0].juror_id,
                entry_id=stray[0].entry_id,
            )
        unscored = tuple(sorted_ids(allowed - set(scored)))

    denominator = _common_denominator(t.total for t in checked)
    key_denominator = _common_denominator(t.key_score for t in checked if t.key_score is not None)
    rows = [
        _Row(
            juror_id=t.juror_id,
            entry_id=t.entry_id,
            value=t.total.numerator * (denominator // t.total.denominator),
            key=(t.key_score.numerator * (key_denominator // t.key_score.denominator))
            if t.key_score is not None
            else 0,
        )
        for t in checked
    ]
    full = _rank_rows(rows, rule, explain_ties=True)

    # Leave one juror out: one run per juror, without any of that juror's reviews.
    juror_ids = sorted_ids(row.juror_id for row in rows)
    stays_raw = dict.fromkeys(scored, 0)
    stays_calibrated = dict.fromkeys(scored, 0)
    for left_out in juror_ids:
        run = _rank_rows([row for row in rows if row.juror_id != left_out], rule, explain_ties=False)
        for entry, placement in run.raw.items():
            stays_raw[entry] += placement.rank <= top_n
        for entry, placement in run.calibrated.items():
            stays_calibrated[entry] += placement.rank <= top_n

    overall_mean: float | None = None
    overall_std: float | None = None
    if rows:
        count, grand_total = len(rows), sum(row.value for row in rows)
        squares = sum(row.value**2 for row in rows)
        overall_mean = float(Fraction(grand_total, count * denominator))
        overall_std = math.sqrt(Fraction(variance_numerator(count, grand_total, squares), (count * denominator) ** 2))
    low, high = float(scale.minimum), float(scale.maximum)

    values_by_entry: dict[Id, list[int]] = {}
    for row in rows:
        values_by_entry.setdefault(row.entry_id, []).append(row.value)
    results = []
    for entry in scored:
        raw, calibrated = full.raw[entry], full.calibrated[entry]
        assert overall_mean is not None and overall_std is not None
        results.append(
            EntryResult(
                entry_id=entry,
                stats=entry_stats(values_by_entry[entry], denominator, disagreement_threshold=threshold),
                raw_rank=raw.rank,
                raw_position=raw.position,
                raw_tie=raw.tie,
                mean_z=full.mean_z[entry],
                calibrated_score=min(max(overall_mean + full.mean_z[entry] * overall_std, low), high),
                calibrated_rank=calibrated.rank,
                calibrated_position=calibrated.position,
                calibrated_tie=calibrated.tie,
                in_top_n_raw=raw.rank <= top_n,
                in_top_n_calibrated=calibrated.rank <= top_n,
                stability_raw=stays_raw[entry] / len(juror_ids) if juror_ids else None,
                stability_calibrated=stays_calibrated[entry] / len(juror_ids) if juror_ids else None,
            )
        )
    results.sort(key=lambda result: result.raw_position)
    calibrations = juror_calibrations([row.juror_id for row in rows], [row.value for row in rows], denominator)
    return RankingResult(
        tie_break_rule=rule,
        top_n=top_n,
        scale=scale,
        disagreement_threshold=float(threshold),
        key_criterion_id=key_criterion_id,
        entries=tuple(results),
        jurors=tuple(calibrations[juror] for juror in juror_ids),
        review_totals=tuple(checked),
        overall_mean=overall_mean,
        overall_std=overall_std,
        leave_one_out_runs=len(juror_ids),
        unscored_entry_ids=unscored,
    )


def rank_edition(
    reviews: Iterable[ReviewInput],
    criteria: Iterable[CriterionInput] | Rubric,
    tie_break_rule: TieBreakRule | str,
    *,
    top_n: int = DEFAULT_TOP_N,
    disagreement_threshold: Number | None = None,
    entry_ids: Iterable[Id] | None = None,
) -> RankingResult:
    """Score and rank one round of an edition.

    ``reviews``: the final reviews that count (no drafts, no conflicted jurors), one per juror per
    entry, each with a score for every criterion. ``criteria``: the rubric, in its configured order
    (the order only matters for ``first_criterion`` when several criteria share the highest weight).
    ``tie_break_rule``: a ``TieBreakRule`` or its value (the edition's ``tie_break_rule``).
    ``top_n``: size of the top group for the move flags and the stability figures.
    ``disagreement_threshold``: standard deviation (in rubric points) above which an entry is
    flagged; default 1/5 of the scale width. ``entry_ids``: all entries of the round, so entries
    without reviews are reported in ``unscored_entry_ids`` (a review of any other entry is refused).

    Raises a ``ScoringInputError`` subclass naming the cause when the input cannot be scored.
    """
    rule = TieBreakRule.parse(tie_break_rule)
    rubric = criteria if isinstance(criteria, Rubric) else validate_rubric(criteria)
    totals = compute_review_totals(reviews, rubric)
    return rank_totals(
        totals,
        scale=rubric.scale,
        tie_break_rule=rule,
        top_n=top_n,
        disagreement_threshold=disagreement_threshold,
        entry_ids=entry_ids,
        key_criterion_id=rubric.key_criterion_id,
    )
