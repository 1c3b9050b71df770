"""Blind scoring: whose scores a user may see, per round setting, through the one selector and every
view that shows scores (entry page, round list with totals and means, admin distribution)."""

import re

import pytest
from django.urls import reverse

from awardsite.roles import REDACTIE, SECRETARIAAT
from judging.enums import ReviewState, RoundState, ScoreVisibility
from judging.models import Review
from judging.selectors.distribution import score_distribution
from judging.selectors.scores import counting_reviews, reviews_visible_to

from .factories import assign, build_jury, declare, final_review, make_user

pytestmark = pytest.mark.django_db

# Distinctive values so a leak is visible in the HTML: the other juror's weighted total is 9.25.
OTHER_VALUES = [10, 9, 8]
OTHER_TOTAL = re.compile(r"9[,.]25")  # Dutch or English number format


def scenario(visibility, *, round_state=RoundState.OPEN, own_state=ReviewState.FINAL):
    jury = build_jury(entries=1, jurors=3, visibility=visibility, round_state=round_state)
    me, other, conflicted = jury.jurors
    entry = jury.entries[0]
    for juror in (me, other, conflicted):
        declare(juror, entry, conflict=juror is conflicted)
    declare(jury.chair, entry)
    mine = final_review(assign(me, entry, jury.round), [3, 3, 3], state=own_state)
    theirs = final_review(assign(other, entry, jury.round), OTHER_VALUES)
    # A conflicted juror's review (conflict declared after scoring) never counts or shows.
    hidden = final_review(assign(conflicted, entry, jury.round), [1, 1, 1])
    return jury, me, other, mine, theirs, hidden


def visible_ids(user, jury):
    return set(reviews_visible_to(user, Review.objects.filter(round=jury.round)).values_list("pk", flat=True))


@pytest.mark.parametrize(
    ("visibility", "round_state", "own_state", "sees_other"),
    [
        (ScoreVisibility.NEVER, RoundState.OPEN, ReviewState.FINAL, False),
        (ScoreVisibility.NEVER, RoundState.CLOSED, ReviewState.FINAL, False),
        (ScoreVisibility.AFTER_OWN_FINAL, RoundState.OPEN, ReviewState.DRAFT, False),
        (ScoreVisibility.AFTER_OWN_FINAL, RoundState.OPEN, ReviewState.FINAL, True),
        (ScoreVisibility.AFTER_ROUND_CLOSES, RoundState.OPEN, ReviewState.FINAL, False),
        (ScoreVisibility.AFTER_ROUND_CLOSES, RoundState.CLOSED, ReviewState.FINAL, True),
    ],
)
def test_juror_sees_other_scores_only_as_the_round_allows(client, visibility, round_state, own_state, sees_other):
    jury, me, other, mine, theirs, hidden = scenario(visibility, round_state=round_state, own_state=own_state)
    expected = {mine.pk} | ({theirs.pk} if sees_other else set())
    assert visible_ids(me, jury) == expected

    client.force_login(me)
    entry = jury.entries[0]
    page = client.get(reverse("judging:entry", kwargs={"round_pk": jury.round.pk, "entry_pk": entry.pk}))
    round_list = client.get(reverse("judging:round", kwargs={"round_pk": jury.round.pk}))
    for response in (page, round_list):
        assert response.status_code == 200
        assert bool(OTHER_TOTAL.search(response.content.decode())) == sees_other
    assert (str(other) in page.content.decode()) == sees_other
    # The scale distribution (an aggregate) follows the same selector.
    _scale, distributions = score_distribution(me, jury.round)
    assert {d.juror.pk for d in distributions} <= {me.pk} | ({other.pk} if sees_other else set())


def test_draft_of_another_juror_is_never_visible_even_to_the_chair():
    jury, me, other, mine, theirs, hidden = scenario(ScoreVisibility.AFTER_ROUND_CLOSES, round_state=RoundState.CLOSED)
    Review.objects.filter(pk=theirs.pk).update(state=ReviewState.DRAFT, submitted_at=None)
    assert theirs.pk not in visible_ids(me, jury)
    assert theirs.pk not in visible_ids(jury.chair, jury)


@pytest.mark.parametrize("visibility", list(ScoreVisibility))
def test_chair_sees_all_counting_final_reviews_whatever_the_setting(client, visibility):
    jury, me, other, mine, theirs, hidden = scenario(visibility)
    assert visible_ids(jury.chair, jury) == {mine.pk, theirs.pk}
    client.force_login(jury.chair)
    page = client.get(reverse("judging:entry", kwargs={"round_pk": jury.round.pk, "entry_pk": jury.entries[0].pk}))
    assert OTHER_TOTAL.search(page.content.decode())


def test_chair_with_a_conflict_sees_no_scores_of_that_entry():
    jury, me, other, mine, theirs, hidden = scenario(ScoreVisibility.NEVER)
    from judging.models import ConflictDeclaration

    ConflictDeclaration.objects.filter(juror=jury.chair).update(has_conflict=True, reason="Mijn werkgever")
    assert visible_ids(jury.chair, jury) == set()


def test_conflicted_jurors_reviews_never_count_nor_show():
    jury, me, other, mine, theirs, hidden = scenario(ScoreVisibility.AFTER_ROUND_CLOSES, round_state=RoundState.CLOSED)
    assert set(counting_reviews(round_=jury.round).values_list("pk", flat=True)) == {mine.pk, theirs.pk}
    secretariaat = make_user(SECRETARIAAT, mfa=True)
    assert visible_ids(secretariaat, jury) == {mine.pk, theirs.pk}
    # The conflicted juror sees nothing at all, not even their own old review.
    conflicted = hidden.juror
    assert visible_ids(conflicted, jury) == set()


@pytest.mark.parametrize("role", ["anonymous", "entrant", "redactie", "unassigned_juror"])
def test_everyone_else_sees_no_scores(role):
    from django.contrib.auth.models import AnonymousUser

    jury, me, other, mine, theirs, hidden = scenario(ScoreVisibility.AFTER_ROUND_CLOSES, round_state=RoundState.CLOSED)
    user = {
        "anonymous": AnonymousUser(),
        "entrant": jury.entries[0].owner,
        "redactie": make_user(REDACTIE),
        "unassigned_juror": build_jury().jurors[0],
    }[role]
    assert visible_ids(user, jury) == set()
    if role != "anonymous":
        assert score_distribution(user, jury.round)[1] == []


def test_secretariaat_distribution_counts_every_counting_score():
    jury, me, other, mine, theirs, hidden = scenario(ScoreVisibility.NEVER)
    secretariaat = make_user(SECRETARIAAT)
    scale, distributions = score_distribution(secretariaat, jury.round)
    assert scale == list(range(1, 11))
    by_juror = {d.juror.pk: d for d in distributions}
    assert set(by_juror) == {me.pk, other.pk}
    assert by_juror[other.pk].counts[9] == 1 and by_juror[other.pk].total == 3
