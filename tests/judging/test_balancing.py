"""Automatic assignment (judging.balancing): properties over random juries, and the clear refusals."""

import itertools

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from judging.balancing import ImpossibleAssignment, plan_assignments


@st.composite
def juries(draw):
    n_entries = draw(st.integers(0, 25))
    n_jurors = draw(st.integers(1, 8))
    k = draw(st.integers(1, n_jurors))
    pairs = list(itertools.product(range(n_entries), range(n_jurors)))
    conflicts = draw(st.sets(st.sampled_from(pairs), max_size=len(pairs) // 3) if pairs else st.just(set()))
    existing = draw(st.sets(st.sampled_from(pairs), max_size=len(pairs) // 2) if pairs else st.just(set()))
    locked = draw(st.sets(st.sampled_from(sorted(existing)), max_size=len(existing)) if existing else st.just(set()))
    return n_entries, n_jurors, k, conflicts, existing - locked, locked


def _check(plan, n_entries, n_jurors, k, conflicts, locked):
    usable_locked = {p for p in locked if p not in conflicts}
    for entry in range(n_entries):
        count = sum(1 for e, _ in plan.pairs if e == entry)
        locked_here = sum(1 for e, _ in usable_locked if e == entry)
        assert count == max(k, locked_here)
    loads = [sum(1 for _, j in plan.pairs if j == juror) for juror in range(n_jurors)]
    assert max(loads) - min(loads) <= 1
    assert not plan.pairs & conflicts
    assert usable_locked <= plan.pairs
    assert plan.loads == dict(enumerate(loads))


@settings(max_examples=300, deadline=None)
@given(juries())
def test_plan_meets_every_rule_or_says_why(jury):
    n_entries, n_jurors, k, conflicts, existing, locked = jury
    try:
        plan = plan_assignments(
            entries=range(n_entries), jurors=range(n_jurors), k=k, conflicts=conflicts, locked=locked, existing=existing
        )
    except ImpossibleAssignment as error:
        assert error.reason and error.code in {"entry_conflicts", "juror_overloaded", "unbalanced", "too_few_jurors"}
        return
    _check(plan, n_entries, n_jurors, k, conflicts, locked)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 30), st.integers(1, 10), st.data())
def test_without_conflicts_a_plan_always_exists(n_entries, n_jurors, data):
    k = data.draw(st.integers(1, n_jurors))
    plan = plan_assignments(entries=range(n_entries), jurors=range(n_jurors), k=k)
    _check(plan, n_entries, n_jurors, k, set(), set())


@settings(max_examples=200, deadline=None)
@given(juries())
def test_running_again_keeps_a_valid_plan_unchanged(jury):
    n_entries, n_jurors, k, conflicts, _existing, _locked = jury
    try:
        first = plan_assignments(entries=range(n_entries), jurors=range(n_jurors), k=k, conflicts=conflicts)
    except ImpossibleAssignment:
        assume(False)
        return
    again = plan_assignments(
        entries=range(n_entries), jurors=range(n_jurors), k=k, conflicts=conflicts, existing=first.pairs
    )
    assert again.pairs == first.pairs and not again.added and not again.removed


def test_too_few_jurors_is_explained():
    with pytest.raises(ImpossibleAssignment) as error:
        plan_assignments(entries=[1, 2], jurors=["a", "b"], k=3)
    assert error.value.code == "too_few_jurors"
    assert "only 2" in error.value.reason


def test_entry_with_too_many_conflicts_is_named():
    with pytest.raises(ImpossibleAssignment) as error:
        plan_assignments(entries=["x", "y"], jurors=["a", "b", "c"], k=2, conflicts={("y", "a"), ("y", "b")})
    assert error.value.code == "entry_conflicts" and error.value.subject == "y"


def test_conflicts_that_make_balance_impossible_are_explained():
    # Three entries, two jurors, k=1: loads must be 1 and 2; juror "a" is conflicted with all but one,
    # and juror b with that one: every entry would go to b (load 3 vs 0).
    with pytest.raises(ImpossibleAssignment) as error:
        plan_assignments(entries=[1, 2, 3], jurors=["a", "b"], k=1, conflicts={(1, "a"), (2, "a"), (3, "a")})
    assert error.value.code == "unbalanced"


def test_reviewed_assignments_are_kept_even_when_others_move():
    locked = {(1, "a"), (2, "a")}
    plan = plan_assignments(entries=[1, 2, 3, 4], jurors=["a", "b"], k=1, locked=locked, existing={(3, "a")})
    assert locked <= plan.pairs
    assert (3, "a") in plan.removed  # a would carry 3 of 4: the unreviewed one moves to b
    assert plan.loads == {"a": 2, "b": 2}


def test_locked_pair_with_a_conflict_is_left_out_of_the_plan():
    plan = plan_assignments(entries=[1], jurors=["a", "b", "c"], k=2, conflicts={(1, "a")}, locked={(1, "a")})
    assert (1, "a") not in plan.pairs and len(plan.pairs) == 2


def test_large_edition_is_planned():
    plan = plan_assignments(entries=range(500), jurors=range(15), k=3)
    assert sorted(set(plan.loads.values())) == [100]
