"""The access contract: which entries a juror may see (judging.access)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from judging.access import filter_entries_for_juror, juror_may_view_entry
from judging.enums import MembershipState, RoundState
from judging.models import JuryMembership
from submissions.enums import EntryState
from submissions.models import Entry
from submissions.selectors import entries_visible_to

from .factories import assign, build_jury, declare, make_user

pytestmark = pytest.mark.django_db


def visible(user, jury):
    return set(filter_entries_for_juror(user, Entry.objects.all()).values_list("pk", flat=True))


def test_assigned_juror_who_declared_no_conflict_sees_the_entry():
    jury = build_jury()
    juror, entry = jury.jurors[0], jury.entries[0]
    assign(juror, entry, jury.round)
    declare(juror, entry)
    assert juror_may_view_entry(juror, entry)
    assert visible(juror, jury) == {entry.pk}
    assert entry in entries_visible_to(juror)


def test_assigned_juror_sees_nothing_before_declaring():
    jury = build_jury()
    juror, entry = jury.jurors[0], jury.entries[0]
    assign(juror, entry, jury.round)
    assert not juror_may_view_entry(juror, entry)
    assert visible(juror, jury) == set()


def test_juror_with_conflict_never_sees_the_entry():
    jury = build_jury()
    juror, entry = jury.jurors[0], jury.entries[0]
    assign(juror, entry, jury.round)
    declare(juror, entry, conflict=True)
    assert not juror_may_view_entry(juror, entry)
    assert entry not in entries_visible_to(juror)


def test_unassigned_juror_sees_nothing():
    jury = build_jury()
    declare(jury.jurors[1], jury.entries[0])
    assign(jury.jurors[0], jury.entries[0], jury.round)
    assert not juror_may_view_entry(jury.jurors[1], jury.entries[0])


def test_planned_or_future_round_gives_no_access():
    jury = build_jury(round_state=RoundState.PLANNED)
    juror, entry = jury.jurors[0], jury.entries[0]
    assign(juror, entry, jury.round)
    declare(juror, entry)
    assert not juror_may_view_entry(juror, entry)
    jury.round.state = RoundState.OPEN
    jury.round.opens_at = timezone.now() + timedelta(hours=1)
    jury.round.closes_at = timezone.now() + timedelta(days=3)
    jury.round.save()
    assert not juror_may_view_entry(juror, entry)


def test_closed_round_keeps_access_for_reading():
    jury = build_jury(round_state=RoundState.CLOSED)
    juror, entry = jury.jurors[0], jury.entries[0]
    assign(juror, entry, jury.round)
    declare(juror, entry)
    assert juror_may_view_entry(juror, entry)


def test_removed_or_invited_member_loses_access():
    jury = build_jury()
    juror, entry = jury.jurors[0], jury.entries[0]
    assign(juror, entry, jury.round)
    declare(juror, entry)
    JuryMembership.objects.filter(user=juror).update(state=MembershipState.REMOVED)
    assert not juror_may_view_entry(juror, entry)
    JuryMembership.objects.filter(user=juror).update(state=MembershipState.INVITED, accepted_at=None)
    assert not juror_may_view_entry(juror, entry)


@pytest.mark.parametrize("state", [EntryState.DRAFT, EntryState.WITHDRAWN, EntryState.INELIGIBLE])
def test_entries_out_of_competition_are_hidden_from_jurors(state):
    jury = build_jury()
    juror, entry = jury.jurors[0], jury.entries[0]
    assign(juror, entry, jury.round)
    declare(juror, entry)
    Entry.objects.filter(pk=entry.pk).update(state=state)
    entry.refresh_from_db()
    assert not juror_may_view_entry(juror, entry)


def test_chair_sees_every_entry_of_an_opened_round_after_declaring_but_not_with_a_conflict():
    jury = build_jury()
    first, second = jury.entries
    assign(jury.jurors[0], first, jury.round)
    assign(jury.jurors[0], second, jury.round)
    declare(jury.chair, first)
    declare(jury.chair, second, conflict=True)
    assert visible(jury.chair, jury) == {first.pk}


def test_juror_of_another_edition_sees_nothing():
    jury = build_jury()
    other = build_jury()
    juror = other.jurors[0]
    assign(jury.jurors[0], jury.entries[0], jury.round)
    declare(juror, jury.entries[0])
    assert visible(juror, jury) == set()


def test_anonymous_and_plain_users_see_nothing():
    from django.contrib.auth.models import AnonymousUser

    jury = build_jury()
    assert not juror_may_view_entry(AnonymousUser(), jury.entries[0])
    assert not juror_may_view_entry(make_user(), jury.entries[0])


def test_review_permission_needs_assignee_visible_entry_and_open_round():
    jury = build_jury()
    juror, entry = jury.jurors[0], jury.entries[0]
    assignment = assign(juror, entry, jury.round)
    assert not juror.has_perm("judging.review_assignment", assignment)  # not declared yet
    declare(juror, entry)
    juror = type(juror).objects.get(pk=juror.pk)  # fresh object: no cached memberships
    assert juror.has_perm("judging.review_assignment", assignment)
    assert not jury.chair.has_perm("judging.review_assignment", assignment)
    jury.round.state = RoundState.CLOSED
    jury.round.save()
    assignment.refresh_from_db()
    assert not juror.has_perm("judging.review_assignment", assignment)


def test_member_taken_out_of_the_jury_group_loses_access_so_mfa_always_applies():
    from awardsite.roles import JURY

    jury = build_jury()
    juror, entry = jury.jurors[0], jury.entries[0]
    assign(juror, entry, jury.round)
    declare(juror, entry)
    juror.groups.remove(juror.groups.get(name=JURY))
    juror = type(juror).objects.get(pk=juror.pk)
    assert not juror_may_view_entry(juror, entry)
