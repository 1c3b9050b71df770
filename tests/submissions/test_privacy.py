"""Privacy: download all my data, account deletion (anonymisation), purge of old personal data."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.core.files.storage import storages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from awardsite.audit import AuditEvent
from awardsite.roles import JURY, SECRETARIAAT
from awardsite.users import User
from judging.models import Review
from submissions.enums import EntryState
from submissions.models import Entry, EntryImage, TeamMembership
from submissions.privacy import months_before, plan_purge
from tests.factories import EditionFactory, EntryDatasetFactory, EntryFactory, EntryOrganisationFactory, UserFactory
from tests.judging.factories import assign, build_jury, declare, final_review, make_user

from .test_files import add_pdf, add_png

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"


def download_zip(client) -> zipfile.ZipFile:
    response = client.get(reverse("submissions:my_data_download"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response.streaming
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_download_contains_account_entries_datasets_and_files(client):
    entry = EntryFactory(title="Mijn app")
    EntryDatasetFactory(entry=entry)
    EntryOrganisationFactory(entry=entry, name="Datalab")
    attachment, image = add_pdf(entry), add_png(entry)
    team_entry = EntryFactory(title="Teamwerk")
    TeamMembership.objects.create(entry=team_entry, user=entry.owner)
    stranger_entry = EntryFactory(title="Van iemand anders")
    add_pdf(stranger_entry)
    client.force_login(entry.owner)
    archive = download_zip(client)
    data = json.loads(archive.read("data.json"))
    assert data["account"]["email"] == entry.owner.email
    assert [e["title"] for e in data["entries"]] == ["Mijn app", "Teamwerk"]
    mine = data["entries"][0]
    assert mine["datasets"][0]["title"] == "Kerncijfers wijken en buurten"
    assert mine["organisations"][0]["name"] == "Datalab"
    assert data["team_memberships"][0]["entry"] == team_entry.pk
    with storages["private"].open(attachment.file.name) as stored:
        assert archive.read(mine["attachments"][0]["file"]) == stored.read()
    assert archive.read(mine["screenshots"][0]["file"]).startswith(b"\x89PNG")
    names = archive.namelist()
    assert not any(f"entry-{stranger_entry.pk}/" in name for name in names)
    assert "Van iemand anders" not in archive.read("data.json").decode()
    assert AuditEvent.objects.filter(action="account.data_exported", actor=entry.owner).exists()
    assert image.pk


def test_download_needs_login(client):
    assert client.get(reverse("submissions:my_data_download")).status_code == 302
    assert client.get(reverse("submissions:my_data")).status_code == 302


def test_delete_account_with_wrong_password_changes_nothing(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("submissions:delete_account"), {"password": "fout", "confirm": "on"})
    assert response.status_code == 400
    user.refresh_from_db()
    assert user.is_active and user.anonymised_at is None


def test_delete_account_needs_the_confirmation(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("submissions:delete_account"), {"password": PASSWORD})
    assert response.status_code == 400
    user.refresh_from_db()
    assert user.anonymised_at is None


def test_delete_account_anonymises_keeps_the_jury_record_and_logs_out(client, django_capture_on_commit_callbacks):
    jury = build_jury(entries=1, jurors=1)
    submitted = jury.entries[0]
    owner = submitted.owner
    owner.organisation = "Datalab Noord"
    owner.save()
    juror = jury.jurors[0]
    assignment = assign(juror, submitted, jury.round)
    declare(juror, submitted)
    final_review(assignment, [7, 8, 6])
    solo_draft = EntryFactory(owner=owner, edition=EditionFactory())
    solo_file = add_pdf(solo_draft)
    shared_draft = EntryFactory(owner=owner, edition=solo_draft.edition)
    TeamMembership.objects.create(entry=shared_draft, user=UserFactory())
    other = EntryFactory()
    TeamMembership.objects.create(entry=other, user=owner)
    old_email = owner.email

    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("submissions:delete_account"), {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.email == f"verwijderd-{owner.pk}@anoniem.invalid"
    assert (owner.first_name, owner.last_name, owner.organisation) == ("", "", "")
    assert not owner.is_active and not owner.has_usable_password() and owner.anonymised_at
    assert not User.objects.filter(email=old_email).exists()
    # The jury record stays: the entry, its owner link, the review and its scores.
    submitted.refresh_from_db()
    assert submitted.owner_id == owner.pk
    assert Review.objects.get(entry=submitted).scores.count() == 3
    # A draft only this user worked on is gone with its file; a shared draft stays.
    assert not Entry.objects.filter(pk=solo_draft.pk).exists()
    assert not storages["private"].exists(solo_file.file.name)
    assert Entry.objects.filter(pk=shared_draft.pk).exists()
    assert not TeamMembership.objects.filter(user=owner).exists()
    # Logged out, and cannot log in again.
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("submissions:my_data")).status_code == 302
    assert not client.login(email=old_email, password=PASSWORD)
    assert AuditEvent.objects.filter(action="account.deleted", object_id=str(owner.pk)).exists()


@pytest.mark.parametrize("groups", [[JURY], [SECRETARIAAT]])
def test_accounts_with_a_role_cannot_delete_themselves(client, groups):
    user = make_user(*groups, mfa=True)
    client.force_login(user)
    page = client.get(reverse("submissions:delete_account"))
    assert "Ask the Secretariaat" in page.content.decode() or "Secretariaat" in page.content.decode()
    client.post(reverse("submissions:delete_account"), {"password": PASSWORD, "confirm": "on"})
    user.refresh_from_db()
    assert user.anonymised_at is None and user.is_active


# --- Purge ---------------------------------------------------------------------------------------


def old_edition(months_ago: int):
    now = timezone.now()
    ceremony = months_before(now, months_ago)
    return EditionFactory(
        opens_at=ceremony - timedelta(days=200),
        closes_at=ceremony - timedelta(days=100),
        jury_deadline=ceremony - timedelta(days=50),
        ceremony_at=ceremony,
    )


def test_months_before_handles_month_ends():
    moment = timezone.datetime(2026, 3, 31, 12, 0, tzinfo=timezone.get_current_timezone())
    assert months_before(moment, 1).day == 28
    assert months_before(moment, 24).year == 2024


def test_purge_dry_run_changes_nothing_and_apply_purges_only_old_non_winners(
    settings, django_capture_on_commit_callbacks
):
    settings.PURGE_AFTER_MONTHS = 24
    old = old_edition(25)
    recent = old_edition(6)
    loser = EntryFactory(edition=old, state=EntryState.NOT_SELECTED)
    loser_file = add_pdf_direct(loser)
    winner = EntryFactory(edition=old, state=EntryState.WINNER)
    winner_file = add_pdf_direct(winner)
    returning = EntryFactory(edition=old, state=EntryState.INELIGIBLE)
    EntryFactory(edition=recent, owner=returning.owner, state=EntryState.NOT_SELECTED)
    staff_entrant = EntryFactory(edition=old, state=EntryState.NOT_SELECTED, owner=make_user(JURY, mfa=True))

    out = io.StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "1 accounts to anonymise" in out.getvalue() and "Dry run" in out.getvalue()
    loser.owner.refresh_from_db()
    assert loser.owner.anonymised_at is None

    plan = plan_purge()
    assert plan.users == [loser.owner.pk]
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_personal_data", "--apply", stdout=io.StringIO())
    for entry in (loser, winner, returning, staff_entrant):
        entry.owner.refresh_from_db()
    assert loser.owner.anonymised_at is not None and loser.owner.email.endswith("@anoniem.invalid")
    assert winner.owner.anonymised_at is None
    assert returning.owner.anonymised_at is None
    assert staff_entrant.owner.anonymised_at is None
    assert Entry.objects.filter(pk=loser.pk).exists()  # the entry itself stays for the record
    assert not storages["private"].exists(loser_file.file.name)
    assert storages["private"].exists(winner_file.file.name)
    assert AuditEvent.objects.filter(action="privacy.purged").count() == 1
    assert not EntryImage.objects.filter(entry=loser).exists()


def add_pdf_direct(entry):
    from .test_files import add_pdf_admin

    return add_pdf_admin(entry)
