import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.http import Http404

from awardsite.roles import SECRETARIAAT
from submissions.enums import EntryState
from submissions.models import TeamMembership
from submissions.rules import (
    can_edit_entry,
    can_manage_team,
    can_submit_entry,
    can_view_entry,
    can_withdraw_entry,
    is_secretariaat,
)
from submissions.selectors import entries_of_entrant, entries_visible_to, get_entry_for_user_or_404
from tests.factories import EntryFactory, UserFactory

from .journey_factories import closed_edition

pytestmark = pytest.mark.django_db


def test_entries_visible_to_owner_team_and_secretariaat_only():
    mine, theirs, shared = EntryFactory(), EntryFactory(), EntryFactory()
    user = mine.owner
    TeamMembership.objects.create(entry=shared, user=user)
    assert set(entries_visible_to(user)) == {mine, shared}
    assert set(entries_of_entrant(user)) == {mine, shared}
    secretary = UserFactory()
    secretary.groups.add(Group.objects.get_or_create(name=SECRETARIAAT)[0])
    assert is_secretariaat(secretary)
    assert set(entries_visible_to(secretary)) == {mine, theirs, shared}
    assert set(entries_of_entrant(secretary)) == set()
    assert not entries_visible_to(AnonymousUser()).exists()
    # A juror without assignments sees nothing (judging.access is default-deny until assigned).
    juror = UserFactory()
    assert not entries_visible_to(juror).exists()
    with pytest.raises(Http404):
        get_entry_for_user_or_404(juror, theirs.pk)
    with pytest.raises(Http404):
        get_entry_for_user_or_404(user, "not-a-number")
    assert get_entry_for_user_or_404(user, shared.pk) == shared


def test_predicates_for_owner_member_and_stranger():
    entry = EntryFactory()
    member, stranger = UserFactory(), UserFactory()
    TeamMembership.objects.create(entry=entry, user=member)
    assert can_view_entry(entry.owner, entry) and can_view_entry(member, entry)
    assert not can_view_entry(stranger, entry)
    assert can_edit_entry(member, entry) and not can_edit_entry(stranger, entry)
    assert can_submit_entry(entry.owner, entry) and not can_submit_entry(member, entry)
    assert can_manage_team(entry.owner, entry) and not can_manage_team(member, entry)
    assert can_withdraw_entry(entry.owner, entry) and not can_withdraw_entry(member, entry)
    assert entry.owner.has_perm("submissions.may_edit_entry", entry)
    assert not stranger.has_perm("submissions.may_view_entry", entry)


def test_after_the_deadline_nobody_edits_but_the_owner_may_still_withdraw():
    entry = EntryFactory(edition=closed_edition(), state=EntryState.SUBMITTED)
    assert not can_edit_entry(entry.owner, entry)
    assert not can_submit_entry(entry.owner, entry)
    assert can_withdraw_entry(entry.owner, entry)
