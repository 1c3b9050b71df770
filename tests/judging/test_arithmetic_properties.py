"""Property tests (hypothesis) of judging.arithmetic.

Rounds are small (up to 6 jurors, 7 entries, 3 criteria) with coarse integer scales, so ties,
single-review jurors and jurors without spread come up often. The raw ranking is checked against
a reference built here from the ``statistics`` module on exact fractions.
"""

import statistics
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from judging.arithmetic import (
    CriterionInput,
    ReviewInput,
    ReviewTotal,
    TieBreakRule,
    compute_review_totals,
    rank_edition,
    rank_totals,
    validate_rubric,
)

SCALES = [(1, 10), (1, 5), (0, 3)]
WEIGHTS = [Fraction(1, 2), 1, Fraction(3, 2), 2, 3]

property_settings = settings(max_examples=150, deadline=None)


@st.composite
def rounds(draw, max_jurors=6, max_entries=7):
    low, high = draw(st.sampled_from(SCALES))
    weights = draw(st.lists(st.sampled_from(WEIGHTS), min_size=1, max_size=3))
    criteria = [CriterionInput(f"c{i}", weight, low, high) for i, weight in enumerate(weights)]
    jurors = draw(st.integers(1, max_jurors))
    entries = draw(st.integers(1, max_entries))
    pairs = draw(
        st.sets(
            st.tuples(st.integers(0, jurors - 1), st.integers(0, entries - 1)), min_size=1, max_size=jurors * entries
        )
    )
    reviews = [
        ReviewInput(f"J{juror}", entry, {c.id: draw(st.integers(low, high)) for c in criteria})
        for juror, entry in sorted(pairs)
    ]
    rule = draw(st.sampled_from(list(TieBreakRule)))
    top_n = draw(st.integers(1, 4))
    return criteria, reviews, rule, top_n


@st.composite
def tie_prone_rounds(draw):
    """Every juror scores every entry on one criterion from 0 to 2: many entries share a mean."""
    jurors, entries = draw(st.integers(2, 5)), draw(st.integers(3, 8))
    criteria = [CriterionInput("c", 1, 0, 2)]
    reviews = [
        ReviewInput(f"J{juror}", entry, {"c": draw(st.integers(0, 2))})
        for juror in range(jurors)
        for entry in range(entries)
    ]
    return criteria, reviews, draw(st.sampled_from(list(TieBreakRule))), draw(st.integers(1, 4))


any_rounds = st.one_of(rounds(), tie_prone_rounds())


def reference_keys(criteria, reviews, rule):
    """Per entry: (mean total, tie-break key), 'higher is better', computed independently."""
    weight = {c.id: Fraction(c.weight) for c in criteria}
    heaviest = max(weight.values())
    key_criterion = next(c.id for c in criteria if weight[c.id] == heaviest)
    totals, key_scores = {}, {}
    for review in reviews:
        total = sum(weight[c] * s for c, s in review.scores.items()) / sum(weight.values())
        totals.setdefault(review.entry_id, []).append(Fraction(total))
        key_scores.setdefault(review.entry_id, []).append(Fraction(review.scores[key_criterion]))
    keys = {}
    for entry, values in totals.items():
        mean = statistics.mean(values)
        if rule == TieBreakRule.MEDIAN:
            keys[entry] = (mean, statistics.median(values))
        elif rule == TieBreakRule.FIRST_CRITERION:
            keys[entry] = (mean, statistics.mean(key_scores[entry]))
        elif rule == TieBreakRule.FEWER_LOW_SCORES:
            keys[entry] = (mean, -statistics.pvariance(values))
        else:
            keys[entry] = (mean, 0)
    return keys, totals


@property_settings
@given(any_rounds, st.randoms(use_true_random=False))
def test_order_of_reviews_and_of_scores_does_not_matter(round_, random):
    criteria, reviews, rule, top_n = round_
    shuffled = [ReviewInput(r.juror_id, r.entry_id, dict(reversed(list(r.scores.items())))) for r in reviews]
    random.shuffle(shuffled)
    assert rank_edition(shuffled, criteria, rule, top_n=top_n) == rank_edition(reviews, criteria, rule, top_n=top_n)


@property_settings
@given(any_rounds, st.data())
def test_a_higher_score_never_lowers_the_entrys_raw_rank(round_, data):
    criteria, reviews, rule, top_n = round_
    high = criteria[0].scale_max
    raisable = [(i, c.id) for i, r in enumerate(reviews) for c in criteria if r.scores[c.id] < high]
    if not raisable:
        return
    index, criterion = data.draw(st.sampled_from(raisable))
    review = reviews[index]
    new_score = data.draw(st.integers(review.scores[criterion] + 1, high))
    raised = list(reviews)
    raised[index] = ReviewInput(review.juror_id, review.entry_id, {**review.scores, criterion: new_score})

    before = rank_edition(reviews, criteria, rule, top_n=top_n).entry(review.entry_id)
    after = rank_edition(raised, criteria, rule, top_n=top_n).entry(review.entry_id)
    assert after.stats.mean_exact > before.stats.mean_exact
    assert after.raw_rank <= before.raw_rank


def _affine(totals, juror, scale, shift):
    return [
        ReviewTotal(t.juror_id, t.entry_id, scale * t.total + shift, t.key_score) if t.juror_id == juror else t
        for t in totals
    ]


def _calibrated_view(result):
    return {
        e.entry_id: (
            e.calibrated_rank,
            e.calibrated_position,
            e.calibrated_tie,
            e.in_top_n_calibrated,
            e.stability_calibrated,
            round(e.mean_z, 6),
        )
        for e in result.entries
    }


@property_settings
@given(
    rounds(),
    st.data(),
    st.fractions(min_value=Fraction(1, 50), max_value=50, max_denominator=60).filter(lambda a: a > 0),
    st.fractions(min_value=-100, max_value=100, max_denominator=60),
)
def test_calibration_ignores_a_jurors_positive_linear_shift_and_scale(round_, data, scale, shift):
    criteria, reviews, rule, top_n = round_
    rubric = validate_rubric(criteria)
    totals = compute_review_totals(reviews, rubric)
    juror = data.draw(st.sampled_from(sorted({t.juror_id for t in totals})))
    options = {"scale": rubric.scale, "tie_break_rule": rule, "top_n": top_n}
    plain = rank_totals(totals, **options)
    shifted = rank_totals(_affine(totals, juror, scale, shift), **options)
    assert _calibrated_view(shifted) == _calibrated_view(plain)


@property_settings
@given(
    rounds(),
    st.data(),
    st.floats(min_value=0.001, max_value=1000, allow_nan=False, allow_infinity=False),
    st.floats(min_value=-1000, max_value=1000, allow_nan=False, allow_infinity=False),
)
def test_calibration_ignores_a_linear_rescaling_with_float_factors(round_, data, scale, shift):
    criteria, reviews, rule, top_n = round_
    rubric = validate_rubric(criteria)
    totals = compute_review_totals(reviews, rubric)
    juror = data.draw(st.sampled_from(sorted({t.juror_id for t in totals})))
    options = {"scale": rubric.scale, "tie_break_rule": rule, "top_n": top_n}
    shifted = rank_totals(_affine(totals, juror, Fraction(scale), Fraction(shift)), **options)
    assert _calibrated_view(shifted) == _calibrated_view(rank_totals(totals, **options))


@property_settings
@given(any_rounds)
def test_rankings_are_permutations_with_competition_ranks(round_):
    criteria, reviews, rule, top_n = round_
    result = rank_edition(reviews, criteria, rule, top_n=top_n)
    entries = {r.entry_id for r in reviews}
    assert set(result.raw_order) == set(result.calibrated_order) == entries
    assert len(result.raw_order) == len(result.calibrated_order) == len(entries)
    for position_field, rank_field in (("raw_position", "raw_rank"), ("calibrated_position", "calibrated_rank")):
        ordered = sorted(result.entries, key=lambda e: getattr(e, position_field))
        assert [getattr(e, position_field) for e in ordered] == list(range(1, len(entries) + 1))
        previous = None
        for position, entry in enumerate(ordered, start=1):
            rank = getattr(entry, rank_field)
            # Competition ranking: either a new place equal to the position, or the previous place shared.
            assert rank in (position, previous)
            previous = rank
    for entry in result.entries:
        assert entry.rank_move == entry.raw_rank - entry.calibrated_rank
        assert entry.enters_top_n == (entry.calibrated_rank <= top_n < entry.raw_rank)
        assert entry.leaves_top_n == (entry.raw_rank <= top_n < entry.calibrated_rank)
        assert 0 <= entry.stability_raw <= 1 and 0 <= entry.stability_calibrated <= 1
        assert float(result.scale.minimum) <= entry.calibrated_score <= float(result.scale.maximum)


@property_settings
@given(any_rounds)
def test_raw_ranking_and_ties_follow_the_rule(round_):
    criteria, reviews, rule, top_n = round_
    result = rank_edition(reviews, criteria, rule, top_n=top_n)
    keys, _ = reference_keys(criteria, reviews, rule)
    for entry in result.entries:
        key = keys[entry.entry_id]
        assert entry.raw_rank == 1 + sum(other > key for other in keys.values())
        same_score = {e for e, other in keys.items() if other[0] == key[0] and e != entry.entry_id}
        if not same_score:
            assert entry.raw_tie is None
            continue
        tie = entry.raw_tie
        assert tie.rule == rule and tie.rank == entry.raw_rank
        assert set(tie.tied_with) == same_score
        assert set(tie.shares_rank_with) == {e for e in same_score if keys[e] == key}
        if rule == TieBreakRule.SHARED:
            assert not tie.resolved and all(result.entry(e).raw_rank == entry.raw_rank for e in same_score)


@property_settings
@given(rounds())
def test_entry_statistics_and_disagreement_match_a_reference(round_):
    criteria, reviews, rule, top_n = round_
    result = rank_edition(reviews, criteria, rule, top_n=top_n)
    _, totals = reference_keys(criteria, reviews, rule)
    threshold = Fraction(criteria[0].scale_max - criteria[0].scale_min, 5)
    for entry in result.entries:
        values = totals[entry.entry_id]
        stats = entry.stats
        assert stats.count == len(values)
        assert stats.mean_exact == statistics.mean(values)
        assert stats.median_exact == statistics.median(values)
        assert stats.range == float(max(values) - min(values))
        assert abs(stats.std - statistics.pstdev([float(v) for v in values])) < 1e-9
        assert stats.disagreement == (statistics.pvariance(values) > threshold**2)


@property_settings
@given(rounds())
def test_calibrated_scores_follow_a_reference_z_score_computation(round_):
    criteria, reviews, rule, top_n = round_
    result = rank_edition(reviews, criteria, rule, top_n=top_n)
    by_juror = {}
    for total in result.review_totals:
        by_juror.setdefault(total.juror_id, []).append(float(total.total))
    z_by_entry = {}
    for total in result.review_totals:
        values = by_juror[total.juror_id]
        spread = statistics.pstdev(values)
        z = 0.0 if len(values) < 2 or spread == 0 else (float(total.total) - statistics.mean(values)) / spread
        z_by_entry.setdefault(total.entry_id, []).append(z)
    mean_z = {entry: statistics.mean(zs) for entry, zs in z_by_entry.items()}
    for entry in result.entries:
        assert abs(entry.mean_z - mean_z[entry.entry_id]) < 1e-9
    for first in result.entries:
        for second in result.entries:
            if mean_z[first.entry_id] > mean_z[second.entry_id] + 1e-6:
                assert first.calibrated_rank < second.calibrated_rank


@settings(max_examples=60, deadline=None)
@given(rounds(max_jurors=4, max_entries=5))
def test_stability_is_the_share_of_leave_one_juror_out_runs_in_the_top_n(round_):
    criteria, reviews, rule, top_n = round_
    result = rank_edition(reviews, criteria, rule, top_n=top_n)
    jurors = sorted({r.juror_id for r in reviews})
    assert result.leave_one_out_runs == len(jurors)
    stays_raw = dict.fromkeys(result.raw_order, 0)
    stays_calibrated = dict.fromkeys(result.raw_order, 0)
    for juror in jurors:
        run = rank_edition([r for r in reviews if r.juror_id != juror], criteria, rule, top_n=top_n)
        for entry in run.entries:
            stays_raw[entry.entry_id] += entry.in_top_n_raw
            stays_calibrated[entry.entry_id] += entry.in_top_n_calibrated
    for entry in result.entries:
        assert entry.stability_raw == stays_raw[entry.entry_id] / len(jurors)
        assert entry.stability_calibrated == stays_calibrated[entry.entry_id] / len(jurors)
