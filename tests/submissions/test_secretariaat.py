"""The Secretariaat's tools: eligibility decision, overview filters, exports (only what they
should contain, no formula injection, audited), the outbox, and who may reach the screens."""

import csv
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from awardsite.audit import AuditEvent
from awardsite.roles import JURY, REDACTIE, SECRETARIAAT
from submissions.enums import EntryState, MailingState, MessageState
from submissions.models import LateAccessCode, MailingMessage, TeamMembership
from submissions.outbox import create_mailing, fill_placeholders, render_message, send_mailing
from submissions.secretariaat import EntryFilters, decide_eligibility, export_entries, neutralise
from tests.factories import (
    CategoryFactory,
    EditionFactory,
    EntryDatasetFactory,
    EntryFactory,
    EntryOrganisationFactory,
    UserFactory,
)
from tests.judging.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariaat():
    return make_user(SECRETARIAAT, mfa=True, is_staff=True)


def closed_edition(**kwargs):
    now = timezone.now()
    return EditionFactory(opens_at=now - timedelta(days=60), closes_at=now - timedelta(days=1), **kwargs)


# --- Eligibility -----------------------------------------------------------------------------------


def test_eligibility_decision_moves_state_records_reason_and_audit(secretariaat):
    entry = EntryFactory(edition=closed_edition(), state=EntryState.SUBMITTED)
    decide_eligibility(entry=entry, eligible=False, reason="Geen open overheidsdata gebruikt.", by=secretariaat)
    entry.refresh_from_db()
    assert entry.state == EntryState.INELIGIBLE
    assert entry.eligibility_reason == "Geen open overheidsdata gebruikt."
    event = AuditEvent.objects.get(action="entry.eligibility_decided")
    assert event.data["from"] == "submitted" and event.data["to"] == "ineligible"


def test_refusal_needs_a_reason(secretariaat):
    entry = EntryFactory(edition=closed_edition(), state=EntryState.SUBMITTED)
    with pytest.raises(ValidationError):
        decide_eligibility(entry=entry, eligible=False, reason="  ", by=secretariaat)
    entry.refresh_from_db()
    assert entry.state == EntryState.SUBMITTED


@pytest.mark.parametrize("state", [EntryState.DRAFT, EntryState.WITHDRAWN, EntryState.LONGLIST, EntryState.WINNER])
def test_eligibility_only_from_submitted_or_a_previous_decision(secretariaat, state):
    entry = EntryFactory(edition=closed_edition(), state=state)
    with pytest.raises(ValidationError):
        decide_eligibility(entry=entry, eligible=True, reason="", by=secretariaat)
    entry.refresh_from_db()
    assert entry.state == state


def test_eligibility_not_before_the_deadline_nor_during_a_late_access_extension(secretariaat):
    open_entry = EntryFactory(state=EntryState.SUBMITTED)
    with pytest.raises(ValidationError):
        decide_eligibility(entry=open_entry, eligible=True, reason="", by=secretariaat)
    entry = EntryFactory(edition=closed_edition(), state=EntryState.SUBMITTED)
    LateAccessCode.objects.create(
        edition=entry.edition, user=entry.owner, entry=entry, code="ABC123", deadline=timezone.now() + timedelta(days=1),
        redeemed_at=timezone.now(),
    )  # fmt: skip
    with pytest.raises(ValidationError):
        decide_eligibility(entry=entry, eligible=True, reason="", by=secretariaat)


def test_eligibility_through_the_admin_form(client, secretariaat):
    entry = EntryFactory(edition=closed_edition(), state=EntryState.SUBMITTED)
    client.force_login(secretariaat)
    url = reverse("submissions_admin:entry_eligibility", kwargs={"pk": entry.pk})
    bad = client.post(url, {"eligible": "0", "reason": ""})
    assert bad.status_code == 400
    good = client.post(url, {"eligible": "1", "reason": "Voldoet."})
    assert good.status_code == 302
    entry.refresh_from_db()
    assert entry.state == EntryState.ELIGIBLE


# --- Overview ------------------------------------------------------------------------------------


def test_filters_by_edition_state_category_and_completeness(secretariaat):
    edition = closed_edition()
    category = CategoryFactory(edition=edition)
    a = EntryFactory(edition=edition, state=EntryState.SUBMITTED, category=category)
    EntryFactory(edition=edition, state=EntryState.DRAFT)
    EntryFactory(state=EntryState.SUBMITTED)  # other edition
    from submissions.secretariaat import secretariaat_entries

    assert [
        e.pk for e in secretariaat_entries(secretariaat, EntryFilters(edition=edition.year, state="submitted"))
    ] == [a.pk]
    assert [e.pk for e in secretariaat_entries(secretariaat, EntryFilters(category=category.pk))] == [a.pk]
    assert secretariaat_entries(secretariaat, EntryFilters(edition=edition.year, completeness="complete")) == []
    assert len(secretariaat_entries(secretariaat, EntryFilters(edition=edition.year, completeness="incomplete"))) == 2


def _entry_with_everything(edition, n):
    entry = EntryFactory(edition=edition, state=EntryState.SUBMITTED, title=f"Inzending {n}")
    EntryOrganisationFactory(entry=entry)
    EntryDatasetFactory(entry=entry)
    TeamMembership.objects.create(entry=entry, user=UserFactory())
    return entry


def test_entry_list_query_count_does_not_grow(client, secretariaat):
    edition = closed_edition()
    _entry_with_everything(edition, 0)
    client.force_login(secretariaat)
    url = reverse("submissions_admin:entry_index")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for n in range(1, 9):
        _entry_with_everything(edition, n)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert "Inzending 8" in response.content.decode()
    assert len(many.captured_queries) == len(one.captured_queries)


def test_entry_detail_shows_files_through_the_permission_checked_download(client, secretariaat):
    from .test_files import add_pdf

    entry = EntryFactory()
    attachment = add_pdf(entry)
    client.force_login(secretariaat)
    page = client.get(reverse("submissions_admin:entry_detail", kwargs={"pk": entry.pk}))
    assert reverse("submissions:file_download", kwargs={"kind": "attachment", "pk": attachment.pk}) in (
        page.content.decode()
    )
    assert attachment.file.name not in page.content.decode()


# --- Exports -------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ['=HYPERLINK("http://evil")', "+1+1", "-2", "@SUM(A1)", "\tx", "\r=1"])
def test_formula_like_cells_are_neutralised(value):
    assert neutralise(value).startswith("'")


def test_csv_export_contains_only_filtered_rows_and_no_secrets(secretariaat):
    edition = closed_edition()
    wanted = _entry_with_everything(edition, 1)
    wanted.title = '=HYPERLINK("http://evil.example","klik")'
    wanted.save()
    other = EntryFactory(state=EntryState.SUBMITTED, title="Andere editie")
    content, content_type, filename = export_entries(
        user=secretariaat, filters=EntryFilters(edition=edition.year), fmt="csv"
    )
    text = content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert content_type.startswith("text/csv") and filename.endswith(".csv")
    assert len(rows) == 2
    header, row = rows
    assert "E-mail eigenaar" in header
    assert row[header.index("Titel")] == "'" + wanted.title
    assert other.title not in text
    assert "pbkdf2" not in text and "md5$" not in text and "entries/" not in text
    event = AuditEvent.objects.get(action="entries.exported")
    assert event.data["rows"] == 1 and event.data["format"] == "csv"


def test_xlsx_export_has_no_formulas(secretariaat):
    edition = closed_edition()
    entry = _entry_with_everything(edition, 1)
    entry.title = "=1+1"
    entry.save()
    content, _type, filename = export_entries(user=secretariaat, filters=EntryFilters(edition=edition.year), fmt="xlsx")
    sheet = load_workbook(io.BytesIO(content)).active
    values = [cell.value for cell in sheet[2]]
    assert "'=1+1" in values
    assert not any(isinstance(v, str) and v.startswith("=") for row in sheet.iter_rows(values_only=True) for v in row)
    assert filename.endswith(".xlsx")


def test_export_through_the_admin_is_audited(client, secretariaat):
    EntryFactory(state=EntryState.SUBMITTED)
    client.force_login(secretariaat)
    response = client.get(reverse("submissions_admin:entry_export", kwargs={"fmt": "xlsx"}), {"state": "submitted"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert AuditEvent.objects.filter(action="entries.exported", actor=secretariaat).count() == 1
    assert client.get(reverse("submissions_admin:entry_export", kwargs={"fmt": "pdf"})).status_code == 404


# --- Who may ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["entry_index", "mailing_index", "mailing_compose"],
)
@pytest.mark.parametrize("role", [REDACTIE, JURY, None])
def test_non_secretariaat_cannot_reach_the_screens(client, name, role):
    user = make_user(*([role] if role else []), mfa=True, is_staff=True)
    client.force_login(user)
    response = client.get(reverse(f"submissions_admin:{name}"))
    assert response.status_code in (302, 403, 404)
    assert response.status_code != 200


def test_non_secretariaat_cannot_export_or_decide(client):
    entry = EntryFactory(edition=closed_edition(), state=EntryState.SUBMITTED)
    client.force_login(make_user(REDACTIE, mfa=True, is_staff=True))
    # Wagtail answers a PermissionDenied in its admin with a redirect to the dashboard and a message.
    export = client.get(reverse("submissions_admin:entry_export", kwargs={"fmt": "csv"}))
    assert export.status_code in (302, 403) and "Content-Disposition" not in export
    response = client.post(
        reverse("submissions_admin:entry_eligibility", kwargs={"pk": entry.pk}), {"eligible": "1", "reason": ""}
    )
    assert response.status_code in (302, 403)
    entry.refresh_from_db()
    assert entry.state == EntryState.SUBMITTED
    assert not AuditEvent.objects.filter(action="entries.exported").exists()


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("submissions_admin:entry_index"))
    assert response.status_code == 302


def test_secretariaat_reaches_the_screens(client, secretariaat):
    client.force_login(secretariaat)
    for name in ("entry_index", "mailing_index", "mailing_compose"):
        assert client.get(reverse(f"submissions_admin:{name}")).status_code == 200


# --- Outbox --------------------------------------------------------------------------------------


def test_placeholders_are_filled_by_substitution_only():
    values = {"naam": "Ilse", "titel": "{{ naam }}"}
    assert fill_placeholders("Beste {{naam}}, over {{ titel }}", values) == "Beste Ilse, over {{ naam }}"
    assert (
        fill_placeholders("{{ request.user.password }} {% debug %}", values)
        == "{{ request.user.password }} {% debug %}"
    )


def test_unknown_placeholder_is_refused(secretariaat):
    entry = EntryFactory()
    with pytest.raises(ValidationError):
        create_mailing(subject="Hoi", body="{{ wachtwoord }}", recipients=[entry], created_by=secretariaat)


def test_mailing_to_entries_reaches_owner_and_team_once_each(secretariaat, django_capture_on_commit_callbacks):
    entry = EntryFactory(title="Buurtdata")
    member = UserFactory(first_name="Mila", last_name="Lid")
    TeamMembership.objects.create(entry=entry, user=member)
    mailing = create_mailing(
        subject="Over {{ titel }}",
        body="Beste {{ naam }},\n\nUw inzending {{ titel }} staat op {{ status }}.",
        recipients=[entry, entry],
        created_by=secretariaat,
    )
    messages = list(mailing.messages.all())
    assert sorted(m.to_email for m in messages) == sorted([entry.owner.email, member.email])
    subject, body = render_message(next(m for m in messages if m.to_email == member.email))
    assert subject == "Over Buurtdata"
    assert "Beste Mila Lid" in body
    assert mail.outbox == []  # nothing sent before `send`
    with django_capture_on_commit_callbacks(execute=True):
        send_mailing(mailing=mailing, by=secretariaat)
    assert len(mail.outbox) == 2
    mailing.refresh_from_db()
    assert mailing.state == MailingState.SENT
    assert set(mailing.messages.values_list("state", flat=True)) == {MessageState.SENT}
    with pytest.raises(ValidationError):
        send_mailing(mailing=mailing, by=secretariaat)  # a second send sends nothing
    assert len(mail.outbox) == 2


def test_subject_values_cannot_inject_headers(secretariaat):
    entry = EntryFactory(title="Titel\nBcc: evil@example.org")
    mailing = create_mailing(subject="Over {{ titel }}", body="x", recipients=[entry], created_by=secretariaat)
    subject, _body = render_message(mailing.messages.first())
    assert "\n" not in subject


def test_failed_message_is_recorded_and_can_be_retried(secretariaat, settings, django_capture_on_commit_callbacks):
    from submissions.outbox import retry_failed

    entry = EntryFactory()
    mailing = create_mailing(subject="Hoi", body="Tekst", recipients=[entry], created_by=secretariaat)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1
    with django_capture_on_commit_callbacks(execute=True):
        send_mailing(mailing=mailing, by=secretariaat)
    message = MailingMessage.objects.get(mailing=mailing)
    assert message.state == MessageState.FAILED and message.error
    mailing.refresh_from_db()
    assert mailing.state == MailingState.PARTLY_FAILED
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        assert retry_failed(mailing=mailing, by=secretariaat) == 1
    message.refresh_from_db()
    assert message.state == MessageState.SENT and message.attempts == 2
    assert len(mail.outbox) == 1


def test_compose_preview_and_send_through_the_admin(client, secretariaat, django_capture_on_commit_callbacks):
    edition = closed_edition()
    submitted = EntryFactory(edition=edition, state=EntryState.SUBMITTED, title="Ingediend")
    EntryFactory(edition=edition, state=EntryState.DRAFT, title="Nog-niet-ingediend-XYZ")
    client.force_login(secretariaat)
    response = client.post(
        reverse("submissions_admin:mailing_compose"),
        {"subject": "Nieuws over {{ titel }}", "body": "Beste {{ naam }}", "edition": edition.year,
         "states": ["submitted"]},
    )  # fmt: skip
    assert response.status_code == 302
    detail = client.get(response["Location"])
    content = detail.content.decode()
    assert "Nieuws over Ingediend" in content and submitted.owner.email in content
    assert "Nog-niet-ingediend-XYZ" not in content
    mailing_id = int(response["Location"].rstrip("/").split("/")[-1])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("submissions_admin:mailing_send", kwargs={"pk": mailing_id}))
    assert [m.to for m in mail.outbox] == [[submitted.owner.email]]


def test_compose_with_unknown_placeholder_keeps_the_text(client, secretariaat):
    client.force_login(secretariaat)
    response = client.post(
        reverse("submissions_admin:mailing_compose"),
        {"subject": "Hoi", "body": "Beste {{ geheim }}", "entry_ids": str(EntryFactory().pk)},
    )
    assert response.status_code == 400
    assert "Beste {{ geheim }}" in response.content.decode()


def test_judging_feedback_letters_can_use_the_outbox(secretariaat, django_capture_on_commit_callbacks):
    """The call judging.outbox makes (emails as recipients, `by`, `entry`)."""
    entry = EntryFactory()
    mailing = create_mailing(subject="Feedback", body="Tekst van de jury", recipients=[entry.owner.email],
                             by=secretariaat, entry=entry)  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        send_mailing(mailing=mailing, by=secretariaat)
    assert mail.outbox[0].to == [entry.owner.email]
    assert mailing.messages.get().entry == entry


def test_outbox_lists_query_count_does_not_grow(client, secretariaat):
    entries = [EntryFactory() for _ in range(6)]
    first = create_mailing(subject="Een", body="x", recipients=entries[:1], created_by=secretariaat)
    client.force_login(secretariaat)
    index = reverse("submissions_admin:mailing_index")
    detail = reverse("submissions_admin:mailing_detail", kwargs={"pk": first.pk})
    client.get(index)
    with CaptureQueriesContext(connection) as one_index:
        client.get(index)
    with CaptureQueriesContext(connection) as one_detail:
        client.get(detail)
    many = create_mailing(subject="Veel", body="x", recipients=entries, created_by=secretariaat)
    for _ in range(5):
        create_mailing(subject="Nog een", body="x", recipients=entries[:2], created_by=secretariaat)
    with CaptureQueriesContext(connection) as many_index:
        client.get(index)
    with CaptureQueriesContext(connection) as many_detail:
        response = client.get(reverse("submissions_admin:mailing_detail", kwargs={"pk": many.pk}))
    assert response.status_code == 200
    assert len(many_index.captured_queries) == len(one_index.captured_queries)
    assert len(many_detail.captured_queries) == len(one_detail.captured_queries)
