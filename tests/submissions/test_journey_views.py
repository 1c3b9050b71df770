import pytest
from django.core import mail
from django.urls import reverse

from submissions.enums import EntryState
from submissions.models import Entry, EntryVersion, TeamInvitation, TeamMembership
from tests.factories import EditionFactory, EntryFactory, EntryOrganisationFactory, UserFactory

from .journey_factories import complete_entry

pytestmark = pytest.mark.django_db


def _paths(entry):
    pk = entry.pk
    return [
        ("get", reverse("submissions:entry_step", kwargs={"pk": pk, "slug": "organisatie"})),
        ("get", reverse("submissions:entry_step", kwargs={"pk": pk, "slug": "toepassing"})),
        ("get", reverse("submissions:entry_step", kwargs={"pk": pk, "slug": "impact"})),
        ("get", reverse("submissions:entry_step", kwargs={"pk": pk, "slug": "toestemming"})),
        ("get", reverse("submissions:entry_step", kwargs={"pk": pk, "slug": "controleren"})),
        ("post", reverse("submissions:entry_step", kwargs={"pk": pk, "slug": "toepassing"})),
        ("post", reverse("submissions:entry_autosave", kwargs={"pk": pk, "slug": "toepassing"})),
        ("get", reverse("submissions:entry_preview", kwargs={"pk": pk})),
        ("get", reverse("submissions:entry_versions", kwargs={"pk": pk})),
        ("post", reverse("submissions:entry_submit", kwargs={"pk": pk})),
        ("get", reverse("submissions:entry_withdraw", kwargs={"pk": pk})),
        ("post", reverse("submissions:entry_withdraw", kwargs={"pk": pk})),
        ("post", reverse("submissions:entry_invite", kwargs={"pk": pk})),
        ("post", reverse("submissions:entry_member_remove", kwargs={"pk": pk, "membership_id": 1})),
        ("post", reverse("submissions:entry_invitation_revoke", kwargs={"pk": pk, "invitation_id": 1})),
    ]


def test_another_entrants_draft_answers_404_on_every_path(client):
    entry = complete_entry(title="Geheime titel")
    client.force_login(UserFactory())
    for method, path in _paths(entry):
        response = getattr(client, method)(path, {"title": "Overschreven", "version": 1, "email": "a@example.org"})
        assert response.status_code == 404, (method, path, response.status_code)
    entry.refresh_from_db()
    assert entry.title == "Geheime titel" and entry.state == EntryState.DRAFT and entry.version == 1
    assert not TeamInvitation.objects.exists()
    dashboard = client.get(reverse("submissions:dashboard"))
    assert b"Geheime titel" not in dashboard.content


def test_secretariaat_is_not_an_entrant_on_the_entrant_pages(client):
    from django.contrib.auth.models import Group

    from awardsite.roles import SECRETARIAAT

    entry = complete_entry()
    user = UserFactory()
    user.groups.add(Group.objects.get_or_create(name=SECRETARIAAT)[0])
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client.force_login(user)
    response = client.post(
        reverse("submissions:entry_step", kwargs={"pk": entry.pk, "slug": "toepassing"}), {"title": "x", "version": 1}
    )
    assert response.status_code == 404


def test_anonymous_users_are_sent_to_login(client):
    entry = EntryFactory()
    response = client.get(reverse("submissions:entry_step", kwargs={"pk": entry.pk, "slug": "toepassing"}))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_team_member_can_edit_but_not_withdraw(client):
    entry = EntryFactory()
    member = UserFactory()
    TeamMembership.objects.create(entry=entry, user=member)
    client.force_login(member)
    url = reverse("submissions:entry_step", kwargs={"pk": entry.pk, "slug": "impact"})
    response = client.post(url, {"version": 1, "impact_evidence": "Veel", "prize_plan": "", "lessons_learned": ""})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.impact_evidence == "Veel"
    assert client.get(reverse("submissions:entry_withdraw", kwargs={"pk": entry.pk})).status_code == 404


def test_start_entry_and_fill_a_step(client):
    edition = EditionFactory()
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("submissions:start_entry"), {"edition": edition.pk, "title": "Mijn app"})
    entry = Entry.objects.get(owner=user)
    assert response.status_code == 302 and response["Location"].endswith("/stap/organisatie/")
    url = reverse("submissions:entry_step", kwargs={"pk": entry.pk, "slug": "toepassing"})
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "version": entry.version,
            "title": "Mijn app",
            "summary": "Kort",
            "application_url": "https://example.org/app",
            "themes": ["zorg-en-gezondheid"],
            "save_next": "1",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("submissions:entry_datasets", kwargs={"pk": entry.pk})
    entry.refresh_from_db()
    assert entry.summary == "Kort" and entry.themes == ["zorg-en-gezondheid"] and entry.version == 2


def test_invalid_input_re_renders_with_errors_and_keeps_the_text(client):
    entry = EntryFactory()
    client.force_login(entry.owner)
    url = reverse("submissions:entry_step", kwargs={"pk": entry.pk, "slug": "toepassing"})
    response = client.post(
        url,
        {
            "version": 1,
            "title": "Titel",
            "summary": "Mijn lange samenvatting",
            "application_url": "javascript:alert(1)",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "soda-error-summary" in html and "Mijn lange samenvatting" in html
    assert 'aria-invalid="true"' in html
    entry.refresh_from_db()
    assert entry.summary != "Mijn lange samenvatting" and entry.version == 1


def test_ftp_urls_are_refused(client):
    entry = EntryFactory()
    client.force_login(entry.owner)
    url = reverse("submissions:entry_step", kwargs={"pk": entry.pk, "slug": "toepassing"})
    response = client.post(url, {"version": 1, "title": "T", "source_code_url": "ftp://example.org/code"})
    assert response.status_code == 400


def test_stale_save_from_a_second_tab_loses_nothing(client):
    entry = EntryFactory(summary="")
    client.force_login(entry.owner)
    url = reverse("submissions:entry_step", kwargs={"pk": entry.pk, "slug": "toepassing"})
    # Tab A saves first.
    client.post(url, {"version": 1, "title": entry.title, "summary": "Tekst uit tab A"})
    # Tab B still has version 1.
    response = client.post(url, {"version": 1, "title": entry.title, "summary": "Tekst uit tab B"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Tekst uit tab B" in html  # the user's own text stays in the form
    assert "Tekst uit tab A" in html  # the newer version is shown beside it
    assert 'name="version" value="2"' in html
    entry.refresh_from_db()
    assert entry.summary == "Tekst uit tab A"
    # Saving again (deliberately) now replaces the newer version.
    client.post(url, {"version": 2, "title": entry.title, "summary": "Tekst uit tab B"})
    entry.refresh_from_db()
    assert entry.summary == "Tekst uit tab B" and entry.version == 3
    assert EntryVersion.objects.filter(entry=entry).count() == 2


def test_autosave_returns_the_new_version_and_refuses_stale(client):
    entry = EntryFactory()
    client.force_login(entry.owner)
    url = reverse("submissions:entry_autosave", kwargs={"pk": entry.pk, "slug": "impact"})
    response = client.post(url, {"version": 1, "impact_evidence": "Eerste"})
    assert response.status_code == 200 and response.json()["status"] == "saved" and response.json()["version"] == 2
    response = client.post(url, {"version": 2, "impact_evidence": "Eerste"})
    assert response.json()["status"] == "unchanged"
    response = client.post(url, {"version": 1, "impact_evidence": "Oud tabblad"})
    assert response.status_code == 409 and response.json()["version"] == 2
    entry.refresh_from_db()
    assert entry.impact_evidence == "Eerste"


def test_autosave_after_the_deadline_is_refused(client):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    edition = EditionFactory(opens_at=now - timedelta(days=10), closes_at=now - timedelta(minutes=6), grace_minutes=5)
    entry = EntryFactory(edition=edition)
    client.force_login(entry.owner)
    url = reverse("submissions:entry_autosave", kwargs={"pk": entry.pk, "slug": "impact"})
    response = client.post(url, {"version": 1, "impact_evidence": "Te laat"})
    assert response.status_code == 403 and response.json()["status"] == "closed"
    page = client.post(
        reverse("submissions:entry_step", kwargs={"pk": entry.pk, "slug": "impact"}),
        {"version": 1, "impact_evidence": "Te laat"},
    )
    assert page.status_code == 400 and "Te laat" in page.content.decode()
    entry.refresh_from_db()
    assert entry.impact_evidence == ""


def test_organisation_step_saves_a_consortium(client):
    entry = EntryFactory()
    client.force_login(entry.owner)
    url = reverse("submissions:entry_step", kwargs={"pk": entry.pk, "slug": "organisatie"})
    data = {
        "version": 1,
        "org-TOTAL_FORMS": 2,
        "org-INITIAL_FORMS": 0,
        "org-MIN_NUM_FORMS": 0,
        "org-MAX_NUM_FORMS": 1000,
        "org-0-name": "Gemeente (demo)",
        "org-0-org_type": "government",
        "org-0-share_percent": "60",
        "org-1-name": "Bureau (demo)",
        "org-1-org_type": "market",
        "org-1-share_percent": "40",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert sorted(entry.organisations.values_list("name", flat=True)) == ["Bureau (demo)", "Gemeente (demo)"]


def test_check_page_submits_once_and_shows_receipt(client, django_capture_on_commit_callbacks):
    entry = complete_entry()
    client.force_login(entry.owner)
    url = reverse("submissions:entry_submit", kwargs={"pk": entry.pk})
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url)
        second = client.post(url)
    assert first.status_code == 302 and second.status_code == 302
    assert len(mail.outbox) == 1
    entry.refresh_from_db()
    page = client.get(reverse("submissions:entry_step", kwargs={"pk": entry.pk, "slug": "controleren"}))
    assert entry.receipt_number in page.content.decode()


def test_check_page_lists_what_is_missing_on_failed_submit(client):
    entry = EntryFactory()
    client.force_login(entry.owner)
    response = client.post(reverse("submissions:entry_submit", kwargs={"pk": entry.pk}))
    assert response.status_code == 400
    assert "Voeg minstens één organisatie toe." in response.content.decode()
    entry.refresh_from_db()
    assert entry.state == EntryState.DRAFT


def test_status_eligibility_reason_and_feedback_are_shown_later(client):
    entry = complete_entry(
        state=EntryState.INELIGIBLE, eligibility_reason="Geen overheidsdata gebruikt.", jury_feedback="Mooi idee."
    )
    client.force_login(entry.owner)
    page = client.get(reverse("submissions:entry_step", kwargs={"pk": entry.pk, "slug": "toepassing"}))
    assert page.status_code == 200 and b"disabled" in page.content
    check = client.get(reverse("submissions:entry_step", kwargs={"pk": entry.pk, "slug": "controleren"})).content
    assert "Geen overheidsdata gebruikt." in check.decode() and "Mooi idee." in check.decode()


def test_invite_and_accept_through_the_pages(client, django_capture_on_commit_callbacks):
    entry = EntryFactory()
    EntryOrganisationFactory(entry=entry)
    client.force_login(entry.owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("submissions:entry_invite", kwargs={"pk": entry.pk}), {"email": "lid@example.org"}
        )
    assert response.status_code == 302
    path = "/uitnodiging/" + mail.outbox[0].body.split("/uitnodiging/")[1].split()[0]
    member = UserFactory(email="lid@example.org")
    client.force_login(member)
    assert client.get(path).status_code == 200
    response = client.post(path)
    assert response.status_code == 302
    assert TeamMembership.objects.filter(entry=entry, user=member).exists()
    assert client.get(path).status_code == 400  # used


def test_preview_escapes_and_sanitises(client):
    entry = EntryFactory(summary="<script>alert(1)</script>", description="<p>Goed</p><script>x</script>")
    client.force_login(entry.owner)
    html = client.get(reverse("submissions:entry_preview", kwargs={"pk": entry.pk})).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html and "<p>Goed</p>" in html


def test_dashboard_query_count_is_fixed(client, django_assert_max_num_queries):
    user = UserFactory()
    edition = EditionFactory()
    complete_entry(owner=user, edition=edition)
    client.force_login(user)
    client.get(reverse("submissions:dashboard"))  # warm up (session, groups)
    import re

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        assert client.get(reverse("submissions:dashboard")).status_code == 200
    for _ in range(9):
        complete_entry(owner=user, edition=edition)
    for _ in range(3):
        shared = complete_entry(edition=edition)
        TeamMembership.objects.create(entry=shared, user=user)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("submissions:dashboard"))
    assert response.status_code == 200 and len(re.findall("<tr class", response.content.decode())) == 14
    assert len(many) == len(one), [q["sql"] for q in many]
    with django_assert_max_num_queries(len(one)):
        client.get(reverse("submissions:dashboard"))
