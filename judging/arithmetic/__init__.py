"""The scoring arithmetic of judging, as pure functions without Django.

Entry point: ``rank_edition(reviews, criteria, tie_break_rule, top_n=..., ...)`` returns a
``RankingResult`` with weighted totals, per-entry statistics, raw and calibrated rankings side by
side, disagreement flags, tie-break notes and leave-one-juror-out stability. See
``docs/judging-arithmetic.md`` for the formulas and the choices behind them.

Numbers: exact ``Fraction`` for everything that is a ratio of the inputs (weighted totals, means,
medians, ranges, the raw ranking and its ties); ``float`` only where a square root enters
(standard deviations, z-scores, calibrated scores), computed so that the order of the input can
never change a result. No Django imports here or in any submodule (a test checks this).
"""

from .calibration import CALIBRATION_DECIMALS, DegenerateReason, JurorCalibration
from .edition import (
    DEFAULT_DISAGREEMENT_SHARE,
    DEFAULT_TOP_N,
    EntryResult,
    RankingResult,
    rank_edition,
    rank_totals,
)
from .errors import (
    DuplicateReviewError,
    IncompleteReviewError,
    InvalidParameterError,
    InvalidScoreError,
    ReviewError,
    RubricError,
    ScoreOutOfScaleError,
    ScoringInputError,
    UnknownCriterionError,
    UnknownTieBreakRuleError,
)
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
    validate_rubric,
    weighted_total,
)
from .ranking import TieInfo
from .stats import EntryStats, fraction_to_decimal

__all__ = [
    "CALIBRATION_DECIMALS",
    "DEFAULT_DISAGREEMENT_SHARE",
    "DEFAULT_TOP_N",
    "CriterionInput",
    "DegenerateReason",
    "DuplicateReviewError",
    "EntryResult",
    "EntryStats",
    "Id",
    "IncompleteReviewError",
    "InvalidParameterError",
    "InvalidScoreError",
    "JurorCalibration",
    "Number",
    "RankingResult",
    "ReviewError",
    "ReviewInput",
    "ReviewTotal",
    "Rubric",
    "RubricError",
    "Scale",
    "ScoreOutOfScaleError",
    "ScoringInputError",
    "TieBreakRule",
    "TieInfo",
    "UnknownCriterionError",
    "UnknownTieBreakRuleError",
    "compute_review_totals",
    "fraction_to_decimal",
    "rank_edition",
    "rank_totals",
    "validate_rubric",
    "weighted_total",
]
