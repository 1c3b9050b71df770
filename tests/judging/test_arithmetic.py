"""Example-based tests of judging.arithmetic with expectations computed by hand.

The main example (``calibration_example``) has two criteria, A with weight 2 and B with weight 1,
on a 1-10 scale, so a review's total is (2A + B) / 3. Three jurors, four entries:

    juror  entry  A   B   total    juror mean, std   z
    J1     E1     7   4   6        4, 2              +1
    J1     E2     5   8   6                          +1
    J1     E3     2   2   2                          -1
    J1     E4     1   4   2                          -1
    J2     E1    10  10  10        9, 1              +1
    J2     E3     9   6   8                          -1
    J3     E2     6   9   7        8, 1              -1
    J3     E4    10   7   9                          +1

    entry  totals  mean  median  std (population)  range  mean z
    E1     6, 10   8     8       2                 4      +1
    E2     6, 7    6.5   6.5     0.5               1       0
    E3     2, 8    5     5       3                 6      -1
    E4     2, 9    5.5   5.5     3.5               7       0

Raw ranking: E1, E2, E4, E3. Calibrated: E1 first, E2 and E4 tied on mean z 0 (their median z and
z spread are equal too, so they share place 2 under every rule but ``first_criterion``), E3 last.
"""

import json
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from judging.arithmetic import (
    CriterionInput,
    DegenerateReason,
    DuplicateReviewError,
    IncompleteReviewError,
    InvalidParameterError,
    InvalidScoreError,
    ReviewError,
    ReviewInput,
    ReviewTotal,
    RubricError,
    Scale,
    ScoreOutOfScaleError,
    ScoringInputError,
    TieBreakRule,
    UnknownCriterionError,
    UnknownTieBreakRuleError,
    compute_review_totals,
    fraction_to_decimal,
    rank_edition,
    rank_totals,
    validate_rubric,
    weighted_total,
)

REPO = Path(__file__).resolve().parents[2]

CRITERIA = [CriterionInput("A", weight=2), CriterionInput("B", weight=1)]

CALIBRATION_EXAMPLE = {
    ("J1", "E1"): (7, 4),
    ("J1", "E2"): (5, 8),
    ("J1", "E3"): (2, 2),
    ("J1", "E4"): (1, 4),
    ("J2", "E1"): (10, 10),
    ("J2", "E3"): (9, 6),
    ("J3", "E2"): (6, 9),
    ("J3", "E4"): (10, 7),
}


def reviews_from(table):
    return [ReviewInput(juror, entry, {"A": a, "B": b}) for (juror, entry), (a, b) in table.items()]


@pytest.fixture
def calibration_example():
    return reviews_from(CALIBRATION_EXAMPLE)


# --- rubric and weighted totals ------------------------------------------------------------------


def test_weighted_total_is_the_exact_weighted_average_of_the_scores():
    rubric = validate_rubric(CRITERIA)
    assert weighted_total(ReviewInput("J", "E", {"A": 7, "B": 4}), rubric) == 6
    # (2 x 7 + 5) / 3 = 19/3, kept exact rather than 6.333...
    assert weighted_total(ReviewInput("J", "E", {"A": 7, "B": 5}), rubric) == Fraction(19, 3)


def test_weighted_total_accepts_decimal_weights_and_half_points():
    rubric = validate_rubric([CriterionInput(1, weight=Decimal("1.50")), CriterionInput(2, weight=Decimal("0.50"))])
    # (1.5 x 8.5 + 0.5 x 6) / 2 = (12.75 + 3) / 2 = 7.875
    assert weighted_total(ReviewInput("J", "E", {1: Decimal("8.5"), 2: 6}), rubric) == Fraction("7.875")


def test_rubric_key_criterion_is_the_heaviest_and_the_first_of_equal_weights():
    assert validate_rubric(CRITERIA).key_criterion_id == "A"
    rubric = validate_rubric([CriterionInput("x", 1), CriterionInput("y", 3), CriterionInput("z", 3)])
    assert rubric.key_criterion_id == "y"
    assert rubric.scale == Scale(Fraction(1), Fraction(10))


@pytest.mark.parametrize(
    ("criteria", "message"),
    [
        ([], "no criteria"),
        ([CriterionInput("A", 1), CriterionInput("A", 2)], "appears twice"),
        ([CriterionInput("A", 0)], "above 0"),
        ([CriterionInput("A", Decimal("-1"))], "above 0"),
        ([CriterionInput("A", float("nan"))], "above 0"),
        ([CriterionInput("A", 1, scale_min=5, scale_max=5)], "highest score must be above"),
        ([CriterionInput("A", 1), CriterionInput("B", 1, scale_min=1, scale_max=5)], "same scale"),
    ],
)
def test_unusable_rubric_is_refused_with_the_cause(criteria, message):
    with pytest.raises(RubricError, match=message):
        validate_rubric(criteria)


def test_incomplete_review_names_the_missing_criterion():
    with pytest.raises(IncompleteReviewError) as caught:
        rank_edition([ReviewInput("J1", "E1", {"A": 5})], CRITERIA, "median")
    assert (caught.value.juror_id, caught.value.entry_id, caught.value.missing) == ("J1", "E1", ("B",))


def test_score_for_a_criterion_outside_the_rubric_is_refused():
    with pytest.raises(UnknownCriterionError) as caught:
        rank_edition([ReviewInput("J1", "E1", {"A": 5, "B": 5, "C": 5})], CRITERIA, "median")
    assert caught.value.unknown == ("C",)


@pytest.mark.parametrize("value", [0, 11, Decimal("10.01"), Fraction(1, 2)])
def test_score_outside_the_scale_is_refused(value):
    with pytest.raises(ScoreOutOfScaleError) as caught:
        rank_edition([ReviewInput("J1", "E1", {"A": 5, "B": value})], CRITERIA, "median")
    error = caught.value
    assert (error.criterion_id, error.value, error.minimum, error.maximum) == ("B", value, 1, 10)


def test_scores_on_the_scale_edges_are_accepted():
    result = rank_edition([ReviewInput("J1", "E1", {"A": 1, "B": 10})], CRITERIA, "median")
    assert result.entry("E1").stats.mean_exact == 4


@pytest.mark.parametrize("value", [True, None, "7", float("nan"), float("inf"), Decimal("NaN")])
def test_score_that_is_not_a_number_is_refused(value):
    with pytest.raises(InvalidScoreError):
        rank_edition([ReviewInput("J1", "E1", {"A": 5, "B": value})], CRITERIA, "median")


def test_two_reviews_by_one_juror_of_one_entry_are_refused():
    reviews = [ReviewInput("J1", "E1", {"A": 5, "B": 5}), ReviewInput("J1", "E1", {"A": 6, "B": 5})]
    with pytest.raises(DuplicateReviewError):
        rank_edition(reviews, CRITERIA, "median")


def test_unknown_tie_break_rule_and_bad_parameters_are_refused(calibration_example):
    with pytest.raises(UnknownTieBreakRuleError, match="median, first_criterion, fewer_low_scores, shared"):
        rank_edition(calibration_example, CRITERIA, "coin_toss")
    with pytest.raises(InvalidParameterError) as caught:
        rank_edition(calibration_example, CRITERIA, "median", top_n=0)
    assert caught.value.parameter == "top_n"
    with pytest.raises(InvalidParameterError):
        rank_edition(calibration_example, CRITERIA, "median", disagreement_threshold=-1)


def test_review_of_an_entry_outside_the_round_is_refused(calibration_example):
    with pytest.raises(ReviewError, match="not among the entries"):
        rank_edition(calibration_example, CRITERIA, "median", entry_ids=["E1", "E2", "E3"])


def test_entries_without_reviews_are_reported_as_unscored(calibration_example):
    result = rank_edition(calibration_example, CRITERIA, "median", entry_ids=["E1", "E2", "E3", "E4", "E9", "E5"])
    assert result.unscored_entry_ids == ("E5", "E9")
    assert result.raw_order == ("E1", "E2", "E4", "E3")


def test_no_reviews_gives_an_empty_result():
    result = rank_edition([], CRITERIA, "median", entry_ids=[1, 2])
    assert result.entries == ()
    assert result.unscored_entry_ids == (1, 2)
    assert result.leave_one_out_runs == 0
    assert result.overall_mean is None


# --- the calibration example -------------------------------------------------------------------


def test_per_entry_statistics_match_the_hand_computation(calibration_example):
    result = rank_edition(calibration_example, CRITERIA, "median")
    expected = {  # count, mean, median, std, min, max, range
        "E1": (2, 8, 8, 2, 6, 10, 4),
        "E2": (2, 6.5, 6.5, 0.5, 6, 7, 1),
        "E3": (2, 5, 5, 3, 2, 8, 6),
        "E4": (2, 5.5, 5.5, 3.5, 2, 9, 7),
    }
    for entry, (count, mean, median, std, low, high, spread) in expected.items():
        stats = result.entry(entry).stats
        assert (stats.count, stats.mean, stats.median, stats.minimum, stats.maximum, stats.range) == (
            count,
            mean,
            median,
            low,
            high,
            spread,
        )
        assert stats.std == pytest.approx(std, abs=1e-12)
        assert stats.mean_exact == Fraction(mean)


def test_disagreement_flag_uses_the_population_std_and_the_default_of_a_fifth_of_the_scale(calibration_example):
    result = rank_edition(calibration_example, CRITERIA, "median")
    assert result.disagreement_threshold == pytest.approx(1.8)  # (10 - 1) / 5
    assert [e.entry_id for e in result.disagreements] == ["E1", "E4", "E3"]  # std 2, 3.5, 3; E2 has 0.5
    # The flag needs a spread strictly above the threshold: E1's std of exactly 2 is not above 2.
    result = rank_edition(calibration_example, CRITERIA, "median", disagreement_threshold=2)
    assert [e.entry_id for e in result.disagreements] == ["E4", "E3"]


def test_raw_ranking_orders_by_mean_total(calibration_example):
    result = rank_edition(calibration_example, CRITERIA, "median", top_n=2)
    assert result.raw_order == ("E1", "E2", "E4", "E3")
    assert [e.raw_rank for e in result.entries] == [1, 2, 3, 4]
    assert all(e.raw_tie is None for e in result.entries)


def test_juror_calibration_reports_each_jurors_mean_and_std(calibration_example):
    result = rank_edition(calibration_example, CRITERIA, "median")
    assert [(j.juror_id, j.count, j.mean, j.std, j.degenerate) for j in result.jurors] == [
        ("J1", 4, 4.0, 2.0, False),
        ("J2", 2, 9.0, 1.0, False),
        ("J3", 2, 8.0, 1.0, False),
    ]


def test_calibrated_ranking_uses_mean_z_and_maps_it_back_onto_the_scale(calibration_example):
    result = rank_edition(calibration_example, CRITERIA, "median", top_n=2)
    assert {e.entry_id: e.mean_z for e in result.entries} == {"E1": 1.0, "E2": 0.0, "E3": -1.0, "E4": 0.0}
    # Over all eight totals (6, 6, 2, 2, 10, 8, 7, 9): mean 50/8 = 6.25, population variance 61.5/8.
    assert result.overall_mean == 6.25
    assert result.overall_std == pytest.approx((61.5 / 8) ** 0.5)
    assert result.entry("E1").calibrated_score == pytest.approx(6.25 + (61.5 / 8) ** 0.5)
    assert result.entry("E2").calibrated_score == 6.25
    assert result.entry("E3").calibrated_score == pytest.approx(6.25 - (61.5 / 8) ** 0.5)
    assert result.calibrated_order == ("E1", "E2", "E4", "E3")
    assert {e.entry_id: e.calibrated_rank for e in result.entries} == {"E1": 1, "E2": 2, "E4": 2, "E3": 4}


def test_rank_moves_and_top_n_flags(calibration_example):
    result = rank_edition(calibration_example, CRITERIA, "median", top_n=2)
    moves = {e.entry_id: (e.raw_rank, e.calibrated_rank, e.rank_move) for e in result.entries}
    assert moves == {"E1": (1, 1, 0), "E2": (2, 2, 0), "E4": (3, 2, 1), "E3": (4, 4, 0)}
    # E4 shares calibrated place 2 with E2, so it is in the calibrated top 2 but not in the raw one.
    assert [e.entry_id for e in result.entering_top_n] == ["E4"]
    assert result.leaving_top_n == ()


def test_calibrated_tie_is_explained_with_the_rule(calibration_example):
    result = rank_edition(calibration_example, CRITERIA, "median", top_n=2)
    tie = result.entry("E4").calibrated_tie
    assert tie.rule is TieBreakRule.MEDIAN
    assert (tie.tied_with, tie.shares_rank_with, tie.rank, tie.resolved) == (("E2",), ("E2",), 2, False)
    assert "median" in tie.note and "shares place 2" in tie.note


def test_calibrated_first_criterion_tie_break_uses_each_jurors_z_on_that_criterion(calibration_example):
    # Criterion A z-scores: J1 scored A 7, 5, 2, 1 (mean 3.75, std sqrt(5.6875)); J3 scored E2 6, E4 10.
    # E2: (1.25 / 2.385 - 1) / 2 = -0.238; E4: (-2.75 / 2.385 + 1) / 2 = -0.077, so E4 goes first.
    result = rank_edition(calibration_example, CRITERIA, "first_criterion", top_n=2)
    assert result.key_criterion_id == "A"
    assert result.calibrated_order == ("E1", "E4", "E2", "E3")
    assert [result.entry(e).calibrated_rank for e in ("E1", "E4", "E2", "E3")] == [1, 2, 3, 4]
    assert result.entry("E4").calibrated_tie.resolved
    assert [e.entry_id for e in result.entering_top_n] == ["E4"]
    assert [e.entry_id for e in result.leaving_top_n] == ["E2"]


def test_leave_one_juror_out_stability_matches_the_hand_computation(calibration_example):
    # Raw top 2 without J1: E1 10, E4 9 | without J2: E2 6.5, E1 6 | without J3: E1 8, E2 6.
    # Calibrated top 2 without J1: E1 and E4 share 1 | without J2: E1, then E2 and E4 share 2 |
    # without J3: E1 and E2 share 1.
    result = rank_edition(calibration_example, CRITERIA, "median", top_n=2)
    assert result.leave_one_out_runs == 3
    assert {e.entry_id: e.stability_raw for e in result.entries} == {"E1": 1, "E2": 2 / 3, "E3": 0, "E4": 1 / 3}
    assert {e.entry_id: e.stability_calibrated for e in result.entries} == {
        "E1": 1,
        "E2": 2 / 3,
        "E3": 0,
        "E4": 2 / 3,
    }


# --- tie-break rules on raw ties ---------------------------------------------------------------

# Z has the highest mean (9). X, Y and W all have mean 7:
#   X totals 6, 7, 8  (median 7, variance 2/3, mean A-score 7)
#   Y totals 8, 5, 8  (median 8, variance 2,   mean A-score (8 + 4 + 7) / 3 = 19/3)
#   W totals 8, 7, 6  (median 7, variance 2/3, mean A-score 7): the same as X on every rule.
TIE_EXAMPLE = {
    ("J1", "Z"): (9, 9),
    ("J2", "Z"): (9, 9),
    ("J3", "Z"): (9, 9),
    ("J1", "X"): (6, 6),
    ("J2", "X"): (7, 7),
    ("J3", "X"): (8, 8),
    ("J1", "Y"): (8, 8),
    ("J2", "Y"): (4, 7),
    ("J3", "Y"): (7, 10),
    ("J1", "W"): (8, 8),
    ("J2", "W"): (7, 7),
    ("J3", "W"): (6, 6),
}


@pytest.mark.parametrize(
    ("rule", "expected_ranks", "expected_order"),
    [
        ("shared", {"Z": 1, "W": 2, "X": 2, "Y": 2}, ("Z", "W", "X", "Y")),
        ("median", {"Z": 1, "Y": 2, "W": 3, "X": 3}, ("Z", "Y", "W", "X")),
        ("fewer_low_scores", {"Z": 1, "W": 2, "X": 2, "Y": 4}, ("Z", "W", "X", "Y")),
        ("first_criterion", {"Z": 1, "W": 2, "X": 2, "Y": 4}, ("Z", "W", "X", "Y")),
    ],
)
def test_raw_ties_are_broken_by_the_editions_rule(rule, expected_ranks, expected_order):
    result = rank_edition(reviews_from(TIE_EXAMPLE), CRITERIA, rule)
    assert {e.entry_id: e.raw_rank for e in result.entries} == expected_ranks
    # Within a shared place the list follows the entry id; that order is for display only.
    assert result.raw_order == expected_order
    assert result.entry("Z").raw_tie is None
    for entry in "XYW":
        tie = result.entry(entry).raw_tie
        assert tie.rule == rule
        assert set(tie.tied_with) == set("XYW") - {entry}
        assert tie.rank == expected_ranks[entry]
        assert set(tie.shares_rank_with) == {e for e in "XYW" if e != entry and expected_ranks[e] == tie.rank}


def test_tie_notes_say_whether_the_rule_settled_the_tie():
    result = rank_edition(reviews_from(TIE_EXAMPLE), CRITERIA, "median")
    assert result.entry("Y").raw_tie.note == (
        "Same score as W, X; tie-break rule 'median' (the higher median ranks first) puts it in place 2."
    )
    assert result.entry("X").raw_tie.note == (
        "Same score as Y, W; tie-break rule 'median' (the higher median ranks first) does not separate it "
        "from W: shares place 3."
    )
    shared = rank_edition(reviews_from(TIE_EXAMPLE), CRITERIA, "shared")
    assert shared.entry("X").raw_tie.note == (
        "Same score as W, Y; tie-break rule 'shared' (tied entries share the place): shares place 2."
    )


def test_top_n_includes_everyone_sharing_place_n():
    result = rank_edition(reviews_from(TIE_EXAMPLE), CRITERIA, "shared", top_n=2)
    assert [e.entry_id for e in result.entries if e.in_top_n_raw] == ["Z", "W", "X", "Y"]


# --- degenerate jurors, decimals, determinism ----------------------------------------------------


def test_degenerate_jurors_get_z_zero_and_are_reported():
    reviews = [
        ReviewInput("solo", "E1", {"A": 9, "B": 9}),  # one review only
        ReviewInput("flat", "E1", {"A": 5, "B": 5}),  # two reviews with the same total
        ReviewInput("flat", "E2", {"A": 5, "B": 5}),
        ReviewInput("normal", "E1", {"A": 8, "B": 8}),
        ReviewInput("normal", "E2", {"A": 4, "B": 4}),
    ]
    result = rank_edition(reviews, CRITERIA, "median")
    reasons = {j.juror_id: j.degenerate_reason for j in result.jurors}
    assert reasons == {"flat": DegenerateReason.NO_SPREAD, "normal": None, "solo": DegenerateReason.SINGLE_REVIEW}
    # E1: z = 0 (solo), 0 (flat), +1 (normal) -> 1/3; E2: 0 (flat), -1 (normal) -> -1/2.
    assert result.entry("E1").mean_z == pytest.approx(1 / 3)
    assert result.entry("E2").mean_z == pytest.approx(-1 / 2)


def test_z_scores_equal_on_paper_stay_tied_despite_float_rounding():
    # J1 gives totals 1, 2, 3 and J2 gives 3, 6, 9 (three times J1). On paper A and D both have
    # z = -3 / sqrt(6), but computed in floats J2's value is -9 / sqrt(54), one unit in the last
    # place away. Rounding to the calibration grid keeps the tie (and the same for B/E, C/F).
    totals = [
        ReviewTotal("J1", "A", Fraction(1)),
        ReviewTotal("J1", "B", Fraction(2)),
        ReviewTotal("J1", "C", Fraction(3)),
        ReviewTotal("J2", "D", Fraction(3)),
        ReviewTotal("J2", "E", Fraction(6)),
        ReviewTotal("J2", "F", Fraction(9)),
    ]
    result = rank_totals(totals, scale=Scale(Fraction(1), Fraction(10)), tie_break_rule="shared")
    assert {e.entry_id: e.calibrated_rank for e in result.entries} == {"C": 1, "F": 1, "B": 3, "E": 3, "A": 5, "D": 5}
    assert result.calibrated_order == ("C", "F", "B", "E", "A", "D")


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        # P and Q both have mean z 1/3. P's z-scores are +1, +1, -1 (median 1, variance 8/9); Q's are
        # +1 from J1 and 0, 0 from the single-review jurors J5 and J6 (median 0, variance 2/9).
        ("median", {"X4": 1, "P": 2, "Q": 3}),
        ("fewer_low_scores", {"X4": 1, "Q": 2, "P": 3}),
        ("shared", {"X4": 1, "P": 2, "Q": 2}),
    ],
)
def test_calibrated_ties_are_broken_on_the_z_scores(rule, expected):
    totals = [
        ReviewTotal(juror, entry, Fraction(total))
        for juror, entry, total in [
            ("J1", "Q", 8),
            ("J1", "X1", 6),
            ("J2", "P", 8),
            ("J2", "X2", 6),
            ("J3", "P", 8),
            ("J3", "X3", 6),
            ("J4", "P", 6),
            ("J4", "X4", 8),
            ("J5", "Q", 5),
            ("J6", "Q", 7),
        ]
    ]
    result = rank_totals(totals, scale=Scale(Fraction(1), Fraction(10)), tie_break_rule=rule)
    assert {e: result.entry(e).calibrated_rank for e in expected} == expected
    assert {e: result.entry(e).calibrated_rank for e in ("X1", "X2", "X3")} == {"X1": 4, "X2": 4, "X3": 4}


def test_mean_as_decimal_rounds_the_exact_value_half_to_even():
    assert fraction_to_decimal(Fraction(19, 3)) == Decimal("6.33")
    assert fraction_to_decimal(Fraction(2, 3)) == Decimal("0.67")
    assert fraction_to_decimal(Fraction(5, 8), 2) == Decimal("0.62")  # 0.625 -> 0.62 (half to even)
    assert fraction_to_decimal(Fraction(7), 0) == Decimal("7")
    result = rank_edition([ReviewInput(1, 1, {"A": 7, "B": 5})], CRITERIA, "median")
    assert result.entry(1).stats.mean_decimal() == Decimal("6.33")


def test_same_reviews_in_another_order_give_an_identical_result(calibration_example):
    forward = rank_edition(calibration_example, CRITERIA, "first_criterion", top_n=2)
    backward = rank_edition(list(reversed(calibration_example)), CRITERIA, "first_criterion", top_n=2)
    assert forward == backward


def test_rank_totals_accepts_precomputed_totals(calibration_example):
    rubric = validate_rubric(CRITERIA)
    totals = compute_review_totals(calibration_example, rubric)
    assert [(t.juror_id, t.entry_id, t.total) for t in totals[:2]] == [("J1", "E1", 6), ("J1", "E2", 6)]
    direct = rank_totals(totals, scale=rubric.scale, tie_break_rule="median", top_n=2, key_criterion_id="A")
    assert direct == rank_edition(calibration_example, CRITERIA, "median", top_n=2)


def test_rank_totals_needs_key_scores_for_the_first_criterion_rule():
    totals = [ReviewTotal("J1", "E1", Fraction(7))]
    with pytest.raises(ScoringInputError, match="first_criterion"):
        rank_totals(totals, scale=Scale(Fraction(1), Fraction(10)), tie_break_rule="first_criterion")


def test_mixed_int_and_str_ids_sort_without_errors():
    reviews = [ReviewInput(1, "a", {"A": 5, "B": 5}), ReviewInput("j", 2, {"A": 6, "B": 6})]
    result = rank_edition(reviews, CRITERIA, "shared")
    assert result.raw_order == (2, "a")


def test_snapshot_is_json_with_exact_and_rounded_values(calibration_example):
    result = rank_edition(calibration_example, CRITERIA, "median", top_n=2)
    snapshot = json.loads(json.dumps(result.as_dict()))
    assert (snapshot["format"], snapshot["tie_break_rule"], snapshot["top_n"]) == (1, "median", 2)
    assert snapshot["scale"] == {"minimum": "1", "maximum": "10"}
    assert [e["entry_id"] for e in snapshot["entries"]] == ["E1", "E2", "E4", "E3"]
    e4 = snapshot["entries"][2]
    assert (e4["mean"], e4["mean_exact"], e4["raw_rank"], e4["calibrated_rank"]) == ("5.5000", "11/2", 3, 2)
    assert (e4["enters_top_n"], e4["calibrated_tie"]["shares_rank_with"]) == (True, ["E2"])
    assert snapshot["jurors"][0] == {"juror_id": "J1", "count": 4, "mean": 4.0, "std": 2.0, "degenerate_reason": None}
    one = rank_edition([ReviewInput("J", "E", {"A": 7, "B": 5})], CRITERIA, "shared").as_dict()
    assert (one["entries"][0]["mean"], one["entries"][0]["mean_exact"]) == ("6.3333", "19/3")
    assert one["jurors"][0]["degenerate_reason"] == "single_review"


# --- contracts with the Django side --------------------------------------------------------------


def test_tie_break_rule_values_match_the_edition_setting():
    from submissions.enums import TieBreakRule as EditionTieBreakRule

    assert [rule.value for rule in TieBreakRule] == list(EditionTieBreakRule.values)


def test_importing_the_arithmetic_does_not_import_django():
    code = (
        "import sys, judging.arithmetic, judging.arithmetic.edition;"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'));"
        "print(loaded); sys.exit(1 if loaded else 0)"
    )
    completed = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert completed.returncode == 0, completed.stdout + completed.stderr
