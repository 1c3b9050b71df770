from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from awardsite.audit import AuditEvent
from submissions import services
from submissions.enums import EntryState
from submissions.models import (
    DeadlineReminder,
    Entry,
    EntryVersion,
    Nomination,
    SubmissionReceipt,
    TeamInvitation,
    TeamMembership,
)
from submissions.snapshot import content_hash, entry_snapshot
from tests.factories import EditionFactory, EntryDatasetFactory, EntryFactory, UserFactory

from .journey_factories import complete_entry

pytestmark = pytest.mark.django_db


# --- Saving and versions -----------------------------------------------------------------------


def test_save_bumps_version_and_keeps_a_snapshot():
    entry = EntryFactory(title="Eerste")
    result = services.save_entry(entry=entry, by=entry.owner, changes={"title": "Tweede"}, expected_version=1)
    assert result.changed and result.entry.version == 2
    version = EntryVersion.objects.get(entry=entry, version=2)
    assert version.data["title"] == "Tweede" and version.created_by == entry.owner


def test_save_without_changes_keeps_the_version():
    entry = EntryFactory(title="Zelfde")
    result = services.save_entry(entry=entry, by=entry.owner, changes={"title": "Zelfde"}, expected_version=1)
    assert not result.changed and result.entry.version == 1
    assert not EntryVersion.objects.filter(entry=entry).exists()


def test_stale_save_is_refused_and_the_newer_version_is_kept():
    entry = EntryFactory(summary="")
    services.save_entry(entry=entry, by=entry.owner, changes={"summary": "Uit tab A"}, expected_version=1)
    with pytest.raises(services.StaleEntry) as exc:
        services.save_entry(entry=entry, by=entry.owner, changes={"summary": "Uit tab B"}, expected_version=1)
    assert exc.value.current.summary == "Uit tab A" and exc.value.current.version == 2
    entry.refresh_from_db()
    assert entry.summary == "Uit tab A"


def test_description_is_sanitised():
    entry = EntryFactory()
    services.save_entry(
        entry=entry,
        by=entry.owner,
        changes={"description": '<p onclick="x()">Hoi<script>alert(1)</script> <a href="javascript:x">l</a></p>'},
        expected_version=1,
    )
    entry.refresh_from_db()
    assert "script" not in entry.description and "onclick" not in entry.description
    assert "javascript" not in entry.description and "Hoi" in entry.description


def test_stranger_cannot_save():
    entry = EntryFactory()
    with pytest.raises(PermissionDenied):
        services.save_entry(entry=entry, by=UserFactory(), changes={"title": "x"}, expected_version=1)


def test_team_member_can_save_but_not_submit_or_withdraw():
    entry = complete_entry()
    member = UserFactory()
    TeamMembership.objects.create(entry=entry, user=member)
    services.save_entry(entry=entry, by=member, changes={"title": "Door lid"}, expected_version=1)
    with pytest.raises(PermissionDenied):
        services.submit_entry(entry=entry, by=member)
    with pytest.raises(PermissionDenied):
        services.withdraw_entry(entry=entry, by=member)
    with pytest.raises(PermissionDenied):
        services.invite_team_member(entry=entry, by=member, email="x@example.org")


def test_category_of_another_edition_is_refused():
    from tests.factories import CategoryFactory

    entry = EntryFactory()
    foreign = CategoryFactory()
    with pytest.raises(ValidationError):
        services.save_entry(entry=entry, by=entry.owner, changes={"category": foreign}, expected_version=1)


def test_organisations_are_replaced_and_versioned():
    entry = EntryFactory()
    orgs = [
        {"name": "Gemeente Voorbeeld (demo)", "org_type": "government", "website": "", "share_percent": None},
        {"name": "Datalab (demo)", "org_type": "market", "website": "https://example.org", "share_percent": None},
    ]
    result = services.save_entry(entry=entry, by=entry.owner, changes={}, organisations=orgs, expected_version=1)
    assert result.changed_fields == ["organisations"]
    assert list(entry.organisations.values_list("name", flat=True)) == [o["name"] for o in orgs]
    again = services.save_entry(entry=entry, by=entry.owner, changes={}, organisations=orgs, expected_version=2)
    assert not again.changed


# --- Submit -------------------------------------------------------------------------------------


def test_submit_sends_one_receipt_with_number_time_and_hash(django_capture_on_commit_callbacks):
    entry = complete_entry()
    with django_capture_on_commit_callbacks(execute=True):
        entry, receipt, created = services.submit_entry(entry=entry, by=entry.owner)
    assert created and entry.state == EntryState.SUBMITTED
    assert entry.receipt_number == receipt.number and receipt.number.startswith(f"SODA-{entry.edition.year}-")
    assert receipt.content_hash == content_hash(entry_snapshot(entry)) and len(receipt.content_hash) == 64
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert receipt.number in body and receipt.content_hash in body and entry.title in body
    assert entry.summary in body  # a copy of what was submitted
    assert AuditEvent.objects.filter(action="entry.submitted", object_id=str(entry.pk)).count() == 1


def test_double_submit_gives_one_submission_and_one_email(django_capture_on_commit_callbacks):
    entry = complete_entry()
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_entry(entry=entry, by=entry.owner)
        _entry, _receipt, created = services.submit_entry(entry=entry, by=entry.owner)
    assert not created
    assert SubmissionReceipt.objects.filter(entry=entry).count() == 1
    assert len(mail.outbox) == 1


def test_resubmit_after_an_edit_gives_a_new_receipt(django_capture_on_commit_callbacks):
    entry = complete_entry()
    with django_capture_on_commit_callbacks(execute=True):
        entry, first, _ = services.submit_entry(entry=entry, by=entry.owner)
        services.save_entry(entry=entry, by=entry.owner, changes={"summary": "Beter"}, expected_version=entry.version)
        entry, second, created = services.submit_entry(entry=entry, by=entry.owner)
    assert created and second.number != first.number and second.content_hash != first.content_hash
    assert len(mail.outbox) == 2


def test_submit_needs_a_dutch_government_open_dataset():
    entry = complete_entry()
    entry.datasets.update(is_dutch_government=False)
    from django.utils import translation

    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.submit_entry(entry=entry, by=entry.owner)
    assert any("Dutch government" in m for m in exc.value.messages)
    entry.refresh_from_db()
    assert entry.state == EntryState.DRAFT


def test_submit_needs_a_verified_email():
    owner = UserFactory(verified=False)
    entry = complete_entry(owner=owner)
    with pytest.raises(ValidationError) as exc:
        services.submit_entry(entry=entry, by=owner)
    assert exc.value.code == "email_unverified"


def test_incomplete_entry_is_not_submitted():
    entry = EntryFactory()
    with pytest.raises(ValidationError):
        services.submit_entry(entry=entry, by=entry.owner)
    assert not SubmissionReceipt.objects.exists()


def test_submit_after_deadline_is_refused():
    entry = complete_entry()
    late = entry.edition.deadline_with_grace + timedelta(seconds=1)
    with pytest.raises(ValidationError):
        services.submit_entry(entry=entry, by=entry.owner, now=late)
    entry.refresh_from_db()
    assert entry.state == EntryState.DRAFT


def test_withdraw_records_an_event_and_makes_the_entry_read_only():
    entry = complete_entry(state=EntryState.SUBMITTED)
    services.withdraw_entry(entry=entry, by=entry.owner, reason="Te weinig tijd")
    entry.refresh_from_db()
    assert entry.state == EntryState.WITHDRAWN and entry.withdrawn_at
    assert AuditEvent.objects.filter(action="entry.withdrawn").exists()
    with pytest.raises(ValidationError):
        services.save_entry(entry=entry, by=entry.owner, changes={"title": "x"}, expected_version=entry.version)


def test_decided_entry_cannot_be_withdrawn():
    entry = complete_entry(state=EntryState.WINNER)
    with pytest.raises(ValidationError):
        services.withdraw_entry(entry=entry, by=entry.owner)


# --- Teams --------------------------------------------------------------------------------------


def test_invitation_stores_only_a_hash_and_can_be_accepted_once(django_capture_on_commit_callbacks):
    entry = EntryFactory()
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invite_team_member(entry=entry, by=entry.owner, email="Lid@Example.org")
    token = mail.outbox[0].body.split("/uitnodiging/")[1].split("/")[0]
    assert token not in invitation.token_hash and len(invitation.token_hash) == 64
    member = UserFactory(email="lid@example.org")
    services.accept_invitation(token=token, by=member)
    assert TeamMembership.objects.filter(entry=entry, user=member).exists()
    with pytest.raises(ValidationError):
        services.accept_invitation(token=token, by=UserFactory())


def test_invitation_for_another_address_is_refused(django_capture_on_commit_callbacks):
    entry = EntryFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.invite_team_member(entry=entry, by=entry.owner, email="lid@example.org")
    token = mail.outbox[0].body.split("/uitnodiging/")[1].split("/")[0]
    with pytest.raises(ValidationError):
        services.accept_invitation(token=token, by=UserFactory(email="iemand@example.org"))
    assert not TeamMembership.objects.exists()


def test_expired_invitation_and_accept_after_deadline_are_refused(django_capture_on_commit_callbacks):
    entry = EntryFactory()
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invite_team_member(entry=entry, by=entry.owner, email="lid@example.org")
    token = mail.outbox[0].body.split("/uitnodiging/")[1].split("/")[0]
    member = UserFactory(email="lid@example.org")
    assert invitation.expires_at <= entry.edition.deadline_with_grace
    with pytest.raises(ValidationError):
        services.accept_invitation(token=token, by=member, now=invitation.expires_at + timedelta(seconds=1))
    assert not TeamMembership.objects.exists()


def test_invite_after_deadline_is_refused():
    entry = EntryFactory()
    with pytest.raises(ValidationError):
        services.invite_team_member(
            entry=entry, by=entry.owner, email="x@example.org", now=entry.edition.deadline_with_grace + timedelta(1)
        )
    assert not TeamInvitation.objects.exists()


def test_only_owner_removes_members():
    entry = EntryFactory()
    a, b = UserFactory(), UserFactory()
    ma = TeamMembership.objects.create(entry=entry, user=a)
    TeamMembership.objects.create(entry=entry, user=b)
    with pytest.raises(PermissionDenied):
        services.remove_team_member(entry=entry, by=b, membership_id=ma.pk)
    services.remove_team_member(entry=entry, by=entry.owner, membership_id=ma.pk)
    assert list(entry.memberships.values_list("user", flat=True)) == [b.pk]


# --- Nominations --------------------------------------------------------------------------------


def _nominate(django_capture_on_commit_callbacks, edition=None, **kwargs):
    edition = edition or EditionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        nomination = services.nominate(
            edition=edition,
            by=kwargs.pop("by", None) or UserFactory(),
            nominee_email="maker@example.org",
            nominee_name="Maker",
            title="Slimme kaart",
            motivation="Heel nuttig.",
            organisation_name="Kaartmakers (demo)",
        )
    token = mail.outbox[-1].body.split("/nominatie/")[1].split("/")[0]
    return nomination, token


def test_nomination_counts_only_after_the_nominee_accepts(django_capture_on_commit_callbacks):
    nomination, token = _nominate(django_capture_on_commit_callbacks)
    assert not Entry.objects.exists()
    nominee = UserFactory(email="maker@example.org")
    entry = services.accept_nomination(token=token, by=nominee)
    assert entry.owner == nominee and entry.state == EntryState.DRAFT and entry.title == "Slimme kaart"
    nomination.refresh_from_db()
    assert nomination.entry == entry and entry.organisations.get().name == "Kaartmakers (demo)"


def test_nomination_cannot_be_taken_over_by_someone_else(django_capture_on_commit_callbacks):
    _nomination, token = _nominate(django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError):
        services.accept_nomination(token=token, by=UserFactory())
    assert not Entry.objects.exists()


def test_declined_nomination_is_deleted(django_capture_on_commit_callbacks):
    _nomination, token = _nominate(django_capture_on_commit_callbacks)
    services.decline_nomination(token=token)
    assert not Nomination.objects.exists()


def test_expired_nominations_are_purged_and_cannot_be_accepted(django_capture_on_commit_callbacks):
    nomination, token = _nominate(django_capture_on_commit_callbacks)
    later = nomination.expires_at + timedelta(seconds=1)
    with pytest.raises(ValidationError):
        services.accept_nomination(token=token, by=UserFactory(email="maker@example.org"), now=later)
    assert services.purge_expired_nominations(now=later) == 1
    assert not Nomination.objects.exists()


def test_nominations_only_when_the_edition_allows(django_capture_on_commit_callbacks):
    edition = EditionFactory(nominations_allowed=False)
    with pytest.raises(ValidationError):
        _nominate(django_capture_on_commit_callbacks, edition=edition)


# --- Reminders ----------------------------------------------------------------------------------


def test_reminders_seven_days_and_one_day_before_are_sent_once(django_capture_on_commit_callbacks):
    now = timezone.now()
    edition = EditionFactory(closes_at=now + timedelta(days=6, hours=12))
    draft = EntryFactory(edition=edition)
    complete_entry(edition=edition, state=EntryState.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_deadline_reminders(now=now) == 1
        assert services.send_deadline_reminders(now=now + timedelta(hours=1)) == 0
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [draft.owner.email]
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_deadline_reminders(now=now + timedelta(days=5, hours=13)) == 1
        assert services.send_deadline_reminders(now=now + timedelta(days=5, hours=14)) == 0
    assert sorted(DeadlineReminder.objects.values_list("kind", flat=True)) == ["1d", "7d"]
    assert len(mail.outbox) == 2


def test_no_reminders_far_from_or_after_the_deadline():
    now = timezone.now()
    EntryFactory(edition=EditionFactory(closes_at=now + timedelta(days=20)))
    EntryFactory(edition=EditionFactory(opens_at=now - timedelta(days=20), closes_at=now - timedelta(hours=1)))
    assert services.send_deadline_reminders(now=now) == 0


def test_reminder_command_runs(capsys):
    from django.core.management import call_command

    call_command("send_deadline_reminders")
    assert "Sent 0" in capsys.readouterr().out


def test_dataset_factory_counts_as_dutch_open_data():
    entry = EntryFactory()
    EntryDatasetFactory(entry=entry)
    from submissions.completeness import missing_items

    assert not [m for m in missing_items(entry) if m.step.slug == "data"]
