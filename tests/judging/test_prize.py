"""The pure prize split (judging.prize): hand-checked examples, impossible input, and 10,000 random
splits that must sum to the pot exactly and respect the unit, floor, cap and ties."""

import ast
import math
from decimal import Decimal as D
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from judging import prize
from judging.prize import Organisation, PrizeSplitError, Rule, Winner, split_prize


def amounts(split):
    return [award.amount for award in split.awards]


def test_module_imports_nothing_of_django():
    tree = ast.parse(Path(prize.__file__).read_text())
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            imported.add(node.module or "")
    assert not any(
        name.split(".")[0] in {"django", "wagtail", "judging", "submissions", "awardsite"} for name in imported
    )


# --- hand-checked examples ---------------------------------------------------------------


def test_ranked_50_30_20_with_a_tie_for_second_shares_places_two_and_three():
    winners = [Winner("A", 1, D("8.7")), Winner("B", 2, D("8.1")), Winner("C", 2, D("8.1"))]
    split = split_prize(pot=D("20000.00"), winners=winners, rule=Rule.RANKED, shares=[D(50), D(30), D(20)])
    assert amounts(split) == [D("10000.00"), D("5000.00"), D("5000.00")]
    texts = prize.explain_split(split)
    assert "50% of EUR 20,000.00" in texts[0]
    assert "Tied with C for places 2 to 3" in texts[1] and "30% + 20%" in texts[1] and "25%" in texts[1]


def test_ranked_without_ties_gives_each_place_its_share():
    winners = [Winner("A", 1), Winner("B", 2), Winner("C", 3)]
    split = split_prize(pot=D("20000.00"), winners=winners, rule="ranked", shares=[50, 30, 20])
    assert amounts(split) == [D("10000.00"), D("6000.00"), D("4000.00")]


def test_ranked_with_fewer_shares_than_winners_gives_later_places_nothing_but_ties_share():
    winners = [Winner("A", 1), Winner("B", 2), Winner("C", 3), Winner("D", 3)]
    split = split_prize(pot=D("20000.00"), winners=winners, rule="ranked", shares=[50, 30, 20])
    # C and D cover places 3 and 4: (20 + 0) / 2 = 10 % each.
    assert amounts(split) == [D("10000.00"), D("6000.00"), D("2000.00"), D("2000.00")]


def test_winner_takes_all_and_a_tie_for_first_shares_the_pot():
    split = split_prize(pot=D("20000"), winners=[Winner("A", 1), Winner("B", 2)], rule="winner-takes-all")
    assert amounts(split) == [D("20000.00"), D("0.00")]
    split = split_prize(pot=D("20000"), winners=[Winner("A", 1), Winner("B", 1)], rule="winner-takes-all")
    assert amounts(split) == [D("10000.00"), D("10000.00")]


def test_equal_split_gives_the_leftover_cent_to_the_better_rank():
    split = split_prize(pot=D("100.00"), winners=[Winner("Z", 1), Winner("A", 2), Winner("M", 3)], rule="equal")
    assert amounts(split) == [D("33.34"), D("33.33"), D("33.33")]
    assert split.awards[0].reasons[-1].code == "rounded_up"
    assert split.awards[1].reasons[-1].code == "rounded_down"


def test_tied_winners_differ_by_one_unit_at_most_and_the_stable_key_decides():
    winners = [Winner("Zeta", 1), Winner("Alfa", 1), Winner("Mu", 1)]
    split = split_prize(pot=D("20000"), winners=winners, rule="equal", unit=D("100"))
    by_name = {award.winner.name: award.amount for award in split.awards}
    assert by_name == {"Alfa": D("6700.00"), "Mu": D("6700.00"), "Zeta": D("6600.00")}


def test_rounding_to_euros_and_to_hundreds_still_sums_to_the_pot():
    winners = [Winner("A", 1, D("8.7")), Winner("B", 2, D("8.1")), Winner("C", 3, D("7.3"))]
    for unit in (D("1"), D("100")):
        split = split_prize(pot=D("20000"), winners=winners, rule="proportional", unit=unit)
        assert split.total == D("20000.00")
        assert all(Fraction(a) / Fraction(unit) == int(Fraction(a) / Fraction(unit)) for a in amounts(split))
    split = split_prize(pot=D("20000"), winners=winners, rule="proportional", unit=D("100"))
    assert amounts(split) == [D("7200.00"), D("6700.00"), D("6100.00")]  # 7205.3, 6708.4, 6086.3


def test_proportional_with_cap_and_floor_places_the_whole_pot():
    winners = [Winner("A", 1, D("9")), Winner("B", 2, D("2")), Winner("C", 3, D("1"))]
    split = split_prize(pot=D("20000"), winners=winners, rule="proportional", floor=D("3000"), cap=D("12000"))
    # A is capped at 12000, C is raised to 3000, B gets the rest: 5000.
    assert amounts(split) == [D("12000.00"), D("5000.00"), D("3000.00")]
    assert [award.reasons[0].code for award in split.awards] == [
        "proportional_cap",
        "proportional_rest",
        "proportional_floor",
    ]
    text = prize.explain(split.awards[0])
    assert "Limited to the cap of EUR 12,000.00" in text and "EUR 15,000.00" in text


def test_proportional_cap_that_pushes_others_over_the_cap_is_applied_again():
    winners = [Winner("A", 1, D("10")), Winner("B", 2, D("9")), Winner("C", 3, D("1"))]
    split = split_prize(pot=D("300"), winners=winners, rule="proportional", cap=D("120"), unit=D("1"))
    assert amounts(split) == [D("120.00"), D("120.00"), D("60.00")]


def test_proportional_floor_equal_to_the_pot_share_gives_everyone_the_floor():
    winners = [Winner("A", 1, D("9")), Winner("B", 2, D("1"))]
    split = split_prize(pot=D("1000"), winners=winners, rule="proportional", floor=D("500"))
    assert amounts(split) == [D("500.00"), D("500.00")]


def test_manual_amounts_are_taken_as_given_when_they_add_up():
    winners = [Winner("A", 1, amount=D("15000")), Winner("B", 2, amount=D("5000"))]
    split = split_prize(pot=D("20000"), winners=winners, rule="manual")
    assert amounts(split) == [D("15000.00"), D("5000.00")]
    assert prize.explain(split.awards[0], "nl") == "Bedrag met de hand vastgesteld: € 15.000,00."


def test_award_is_split_among_organisations_by_stated_shares_and_equally():
    orgs = (Organisation("Gemeente", D("50")), Organisation("Bureau"), Organisation("Stichting"))
    split = split_prize(pot=D("20000.01"), winners=[Winner("A", 1, organisations=orgs)], rule="equal")
    parts = split.awards[0].organisations
    assert [p.amount for p in parts] == [D("10000.01"), D("5000.00"), D("5000.00")]
    assert sum(p.amount for p in parts) == split.awards[0].amount
    assert "Stated share of 50%" in prize.explain_organisation(parts[0])
    assert "25%" in prize.explain_organisation(parts[1])


def test_equal_organisation_split_gives_leftover_units_to_the_organisation_listed_first():
    orgs = (Organisation("Eerste"), Organisation("Tweede"), Organisation("Derde"))
    parts = prize.split_among_organisations(amount=D("100.00"), unit=D("0.01"), organisations=orgs)
    assert [p.amount for p in parts] == [D("33.34"), D("33.33"), D("33.33")]
    assert "organisation listed first" in prize.explain_organisation(parts[0])


def test_dutch_texts_use_dutch_money_format():
    split = split_prize(pot=D("20000"), winners=[Winner("A", 1)], rule="winner-takes-all")
    assert prize.explain(split.awards[0], "nl") == (
        "De winnaar krijgt alles: plaats 1 krijgt het hele prijzengeld van € 20.000,00."
    )


def test_ranks_from_scores_makes_equal_scores_a_tie_and_refuses_a_wrong_order():
    assert prize.ranks_from_scores([D("8.7"), D("8.1"), D("8.1"), D("7")]) == [1, 2, 2, 4]
    with pytest.raises(PrizeSplitError) as error:
        prize.ranks_from_scores([D("8.1"), D("8.7")])
    assert error.value.code == "not_in_rank_order"


# --- impossible input ----------------------------------------------------------------------

THREE = [Winner("A", 1, D("8.7")), Winner("B", 2, D("8.1")), Winner("C", 3, D("7.5"))]


@pytest.mark.parametrize(
    ("kwargs", "code", "words"),
    [
        ({"winners": [], "rule": "equal"}, "no_winners", "no winners"),
        ({"rule": "ranked", "shares": [50, 30, 10]}, "shares_sum", "add up to 90"),
        ({"rule": "ranked", "shares": [50, 30, 10, 10]}, "more_shares_than_winners", "4 shares"),
        ({"rule": "ranked"}, "shares_missing", "50,30,20"),
        ({"rule": "ranked", "shares": [120, -20]}, "negative", "may not be negative"),
        ({"rule": "proportional", "floor": D("7000")}, "floor_too_high", "EUR 21,000.00"),
        ({"rule": "proportional", "cap": D("6000")}, "cap_too_low", "EUR 18,000.00"),
        ({"rule": "proportional", "floor": D("6000"), "cap": D("5000")}, "floor_above_cap", "higher than the cap"),
        ({"rule": "proportional", "floor": D("-1")}, "negative", "floor may not be negative"),
        ({"rule": "proportional", "floor": D("0.50"), "unit": D("1")}, "not_multiple_of_unit", "floor"),
        ({"rule": "equal", "pot": D("20000.50"), "unit": D("1")}, "not_multiple_of_unit", "pot EUR 20,000.50"),
        ({"rule": "equal", "pot": D("-5")}, "negative", "pot may not be negative"),
        ({"rule": "equal", "unit": D("0")}, "unit_not_positive", "above zero"),
        ({"rule": "equal", "unit": D("0.001")}, "unit_below_cent", "whole number of cents"),
        ({"rule": "equal", "floor": D("100")}, "option_needs_proportional", "floor only applies"),
        ({"rule": "lottery"}, "unknown_rule", "lottery"),
        ({"rule": "manual"}, "manual_amount_missing", "amount for A"),
    ],
)
def test_impossible_input_is_refused_with_a_clear_message(kwargs, code, words):
    arguments = {"pot": D("20000.00"), "winners": THREE, **kwargs}
    with pytest.raises(PrizeSplitError) as error:
        split_prize(**arguments)
    assert error.value.code == code
    assert words in str(error.value)
    assert prize.error_text(error.value, "nl")  # every error has Dutch words too


def test_manual_amounts_that_do_not_add_up_are_refused():
    winners = [Winner("A", 1, amount=D("15000")), Winner("B", 2, amount=D("4000"))]
    with pytest.raises(PrizeSplitError, match="add up to EUR 19,000.00, not to the pot of EUR 20,000.00"):
        split_prize(pot=D("20000"), winners=winners, rule="manual")


def test_proportional_needs_positive_scores():
    with pytest.raises(PrizeSplitError, match="score above zero for B"):
        split_prize(pot=D("100"), winners=[Winner("A", 1, D("2")), Winner("B", 2, D("0"))], rule="proportional")
    with pytest.raises(PrizeSplitError, match="needs a score for A"):
        split_prize(pot=D("100"), winners=[Winner("A", 1)], rule="proportional")


def test_organisation_shares_above_or_below_100_are_refused():
    with pytest.raises(PrizeSplitError, match="add up to 100%; they add up to 90%"):
        prize.split_among_organisations(
            amount=D("100"), unit=D("0.01"), organisations=[Organisation("X", D("60")), Organisation("Y", D("30"))]
        )
    with pytest.raises(PrizeSplitError, match="110%"):
        prize.split_among_organisations(
            amount=D("100"),
            unit=D("0.01"),
            organisations=[Organisation("X", D("60")), Organisation("Y", D("50")), Organisation("Z")],
        )


def test_ranks_must_not_go_down_along_the_list():
    with pytest.raises(PrizeSplitError, match="rank order"):
        split_prize(pot=D("100"), winners=[Winner("A", 2), Winner("B", 1)], rule="equal")


# --- 10,000 random splits ------------------------------------------------------------------

UNITS = [D("0.01"), D("1"), D("100")]


@st.composite
def split_inputs(draw):
    unit = draw(st.sampled_from(UNITS))
    n = draw(st.integers(min_value=1, max_value=7))
    pot_units = draw(st.integers(min_value=0, max_value=5_000_000 if unit == D("0.01") else 50_000))
    pot = pot_units * unit
    # Ranks with ties: each winner either ties with the one before or starts a new rank.
    ties = [False] + [draw(st.booleans()) for _ in range(n - 1)]
    ranks, scores = [], []
    score = draw(st.integers(min_value=60, max_value=100))
    for position, tied in enumerate(ties):
        if tied:
            ranks.append(ranks[-1])
        else:
            ranks.append(position + 1)
            if position:
                score -= draw(st.integers(min_value=1, max_value=15))
        scores.append(D(max(score, 1)) / 10)
    names = draw(st.lists(st.text("abcdefgh", min_size=1, max_size=4), min_size=n, max_size=n, unique=True))
    orgs = tuple(Organisation(f"org{i}") for i in range(draw(st.integers(min_value=0, max_value=3))))
    winners = [Winner(names[i], ranks[i], scores[i], organisations=orgs if i == 0 else ()) for i in range(n)]
    rule = draw(st.sampled_from([Rule.WINNER_TAKES_ALL, Rule.EQUAL, Rule.RANKED, Rule.PROPORTIONAL]))
    options = {}
    if rule is Rule.RANKED:
        k = draw(st.integers(min_value=1, max_value=n))
        # k shares in hundredths of a percent adding up to exactly 100 %.
        cuts = sorted(draw(st.lists(st.integers(0, 10_000), min_size=k - 1, max_size=k - 1)))
        bounds = [0, *cuts, 10_000]
        options["shares"] = [D(bounds[i + 1] - bounds[i]) / 100 for i in range(k)]
    if rule is Rule.PROPORTIONAL:
        per_winner = pot_units // n  # floor and cap must be whole units and feasible
        if draw(st.booleans()):
            options["floor"] = draw(st.integers(0, per_winner)) * unit
        if draw(st.booleans()):
            options["cap"] = draw(st.integers(-(-pot_units // n), pot_units + 1)) * unit
        if "floor" in options and "cap" in options and options["floor"] > options["cap"]:
            options["floor"], options["cap"] = options["cap"], options["floor"]
    return {"pot": pot, "unit": unit, "winners": winners, "rule": rule, **options}


@settings(max_examples=10_000, derandomize=True, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(split_inputs())
def test_random_splits_sum_to_the_pot_and_respect_unit_floor_cap_and_ties(arguments):
    split = split_prize(**arguments)
    unit = arguments["unit"]
    got = amounts(split)

    # The whole pot, exactly, in whole units.
    assert sum(got) == arguments["pot"]
    assert all(amount >= 0 and (amount / unit) == (amount / unit).to_integral_value() for amount in got)

    # Floor and cap.
    if "floor" in arguments:
        assert min(got) >= arguments["floor"]
    if "cap" in arguments:
        assert max(got) <= arguments["cap"]

    # Rounding moves every amount by less than one unit from its exact value.
    for award in split.awards:
        assert abs(Fraction(award.amount) - award.exact) < Fraction(unit)

    # Ties: equal exact amounts, rounded amounts within one unit, the extra unit to the smaller key.
    by_rank = {}
    for award in split.awards:
        by_rank.setdefault(award.rank, []).append(award)
    for group in by_rank.values():
        assert len({award.exact for award in group}) == 1
        assert max(a.amount for a in group) - min(a.amount for a in group) <= unit
        ordered = sorted(group, key=lambda a: a.winner.sort_key)
        assert [a.amount for a in ordered] == sorted((a.amount for a in ordered), reverse=True)

    # A better rank never gets less than a worse one under rules whose place shares do not rise.
    if split.rule in (Rule.WINNER_TAKES_ALL, Rule.EQUAL, Rule.PROPORTIONAL) or (
        split.rule is Rule.RANKED and list(split.shares) == sorted(split.shares, reverse=True)
    ):
        for better, worse in zip(split.awards, split.awards[1:], strict=False):
            if better.rank < worse.rank:
                assert better.amount >= worse.amount

    # The split among organisations sums to the award, also in whole units.
    for award in split.awards:
        if award.organisations:
            assert sum(part.amount for part in award.organisations) == award.amount
            parts = [part.amount for part in award.organisations]
            assert max(parts) - min(parts) <= unit

    # Every amount is explained in words, in both languages.
    for language in ("en", "nl"):
        assert all(text for text in prize.explain_split(split, language))


@settings(max_examples=500, derandomize=True, deadline=None, database=None)
@given(
    st.lists(st.fractions(min_value=0, max_value=1000, max_denominator=97), min_size=1, max_size=9),
)
def test_largest_remainder_rounds_each_value_to_a_neighbouring_integer(values):
    total_fraction = sum(values)
    # Make the values add up to an integer by topping up the last one.
    values[-1] += math.ceil(total_fraction) - total_fraction
    total = int(sum(values))
    rounded = prize.largest_remainder(values, total, [(i,) for i in range(len(values))])
    assert sum(rounded) == total
    assert all(math.floor(v) <= r <= math.ceil(v) for v, r in zip(values, rounded, strict=True))
