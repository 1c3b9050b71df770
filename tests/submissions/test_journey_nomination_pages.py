from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from submissions.models import Entry, LateAccessCode, Nomination
from tests.factories import EditionFactory, EntryFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_nominate_accept_through_the_pages(client, django_capture_on_commit_callbacks):
    edition = EditionFactory()
    client.force_login(UserFactory())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("submissions:nominate", args=[edition.year]),
            {
                "nominee_name": "Maker",
                "nominee_email": "maker@example.org",
                "organisation_name": "Makers (demo)",
                "title": "Kaart",
                "application_url": "https://example.org",
                "motivation": "Goed werk.",
            },
        )
    assert response.status_code == 302 and Nomination.objects.count() == 1 and not Entry.objects.exists()
    path = "/nominatie/" + mail.outbox[0].body.split("/nominatie/")[1].split()[0]
    # Someone else who got hold of the link cannot take it over.
    client.force_login(UserFactory())
    response = client.post(path, {"answer": "accept"})
    assert response.status_code == 400 and not Entry.objects.exists()
    nominee = UserFactory(email="maker@example.org")
    client.force_login(nominee)
    assert client.get(path).status_code == 200
    response = client.post(path, {"answer": "accept"})
    assert response.status_code == 302
    assert Entry.objects.get().owner == nominee


def test_nomination_form_refuses_javascript_urls(client):
    edition = EditionFactory()
    client.force_login(UserFactory())
    response = client.post(
        reverse("submissions:nominate", args=[edition.year]),
        {
            "nominee_name": "Maker",
            "nominee_email": "maker@example.org",
            "title": "Kaart",
            "application_url": "javascript:alert(1)",
            "motivation": "Goed werk.",
        },
    )
    assert response.status_code == 400 and not Nomination.objects.exists()
    assert "Goed werk." in response.content.decode()


def test_redeem_late_access_code_on_the_dashboard(client):
    from django.utils import timezone

    now = timezone.now()
    edition = EditionFactory(opens_at=now - timedelta(days=30), closes_at=now - timedelta(hours=1))
    entry = EntryFactory(edition=edition)
    code = LateAccessCode.objects.create(
        edition=edition, user=entry.owner, entry=entry, code="ABCD-EFGH-JKLM", deadline=now + timedelta(days=1)
    )
    client.force_login(entry.owner)
    step = reverse("submissions:entry_step", kwargs={"pk": entry.pk, "slug": "impact"})
    assert client.post(step, {"version": 1, "impact_evidence": "Laat"}).status_code == 400
    wrong = client.post(reverse("submissions:redeem_late_access"), {"code": "NOPE"})
    assert wrong.status_code == 400
    assert client.post(reverse("submissions:redeem_late_access"), {"code": "abcd-efgh-jklm"}).status_code == 302
    code.refresh_from_db()
    assert code.redeemed_at is not None
    assert client.post(step, {"version": 1, "impact_evidence": "Laat"}).status_code == 302
    entry.refresh_from_db()
    assert entry.impact_evidence == "Laat"


def test_reminder_task_runs_through_django_tasks():
    from submissions.tasks import send_deadline_reminders_task

    result = send_deadline_reminders_task.enqueue()
    assert result.return_value == 0
