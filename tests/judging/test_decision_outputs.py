"""Score exports (Secretariaat only, audited), payments in the Wagtail admin, the read-only admin
view of decisions, feedback letters through the outbox, and the public award contract."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from awardsite.audit import AuditEvent
from judging.enums import FeedbackState
from judging.models import AwardShare, Payment
from judging.public import PublicLabel, public_award_for_entry, public_results_for_edition
from judging.services import decisions as services

from .decision_fixtures import build_final, draft

pytestmark = pytest.mark.django_db


def signed(final, **kwargs):
    return services.sign_decision(decision=draft(final, **kwargs), by=final.chair, fresh_mfa=True)


def test_secretariaat_exports_scores_as_csv_and_xlsx_and_each_export_is_audited(client):
    final = build_final(conflict_on=2)
    client.force_login(final.secretariaat)
    year = final.edition.year
    response = client.get(reverse("judging:scores_export_csv", kwargs={"year": year}))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    # 3 entries x 4 scorers in two rounds... only the final round has reviews: 12 minus the conflict.
    assert len(rows) - 1 == 11
    assert rows[0][-1] in ("Weighted total", "Gewogen totaal")
    assert all(row[3] != final.conflicted_juror.email or row[2] != final.entries[2].title for row in rows[1:])
    xlsx = client.get(reverse("judging:scores_export_xlsx", kwargs={"year": year}))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert AuditEvent.objects.filter(action="scores.exported").count() == 2


@pytest.mark.parametrize("who", ["chair", "juror", "entrant"])
def test_score_exports_are_404_for_jurors_chair_and_entrants(client, who):
    final = build_final()
    user = {"chair": final.chair, "juror": final.jurors[1], "entrant": final.entrant}[who]
    client.force_login(user)
    for name in ("judging:scores_export_csv", "judging:scores_export_xlsx"):
        assert client.get(reverse(name, kwargs={"year": final.edition.year})).status_code == 404
    assert not AuditEvent.objects.filter(action="scores.exported").exists()


def test_csv_export_defuses_formula_cells(client):
    final = build_final()
    final.entries[0].__class__.objects.filter(pk=final.entries[0].pk).update(title="=HYPERLINK(1)")
    client.force_login(final.secretariaat)
    body = client.get(reverse("judging:scores_export_csv", kwargs={"year": final.edition.year})).content.decode()
    assert "'=HYPERLINK(1)" in body


def test_payment_is_recorded_per_organisation_and_never_above_the_share():
    final = build_final()
    decision = signed(final)
    share = AwardShare.objects.filter(award__decision=decision).order_by("award__rank", "sort_order").first()
    today = timezone.localdate()
    services.record_payment(
        share=share, by=final.secretariaat, amount=Decimal("3000.00"), paid_on=today, reference="BZK-2026-001"
    )
    with pytest.raises(ValidationError) as error:
        services.record_payment(share=share, by=final.secretariaat, amount=Decimal("2000.01"), paid_on=today)
    assert "amount" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.record_payment(
            share=share, by=final.secretariaat, amount=Decimal("1.00"), paid_on=today, reference="NL91ABNA0417164300"
        )
    assert "reference" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.record_payment(
            share=share, by=final.secretariaat, amount=Decimal("1.00"), paid_on=today + timedelta(days=2)
        )
    with pytest.raises(PermissionDenied):
        services.record_payment(share=share, by=final.chair, amount=Decimal("1.00"), paid_on=today)
    assert Payment.objects.count() == 1


def test_payments_admin_is_for_the_secretariaat_and_records_a_payment(client):
    final = build_final()
    decision = signed(final)
    share = AwardShare.objects.filter(award__decision=decision).first()
    url = reverse("judging_decisions_admin:index") + f"?edition={final.edition.year}"
    client.force_login(final.chair)
    assert client.get(url).status_code in (302, 404)  # not staff: Wagtail sends them away, never shows it
    client.force_login(final.secretariaat)
    page = client.get(url)
    assert page.status_code == 200 and share.organisation_name in page.content.decode()
    response = client.post(
        url, {"share": share.pk, "amount": "100.00", "paid_on": timezone.localdate().isoformat(), "reference": "X-1"}
    )
    assert response.status_code == 302
    assert Payment.objects.get().amount == Decimal("100.00")
    refused = client.post(url, {"share": share.pk, "amount": "999999.00", "paid_on": timezone.localdate().isoformat()})
    assert refused.status_code == 400 and "999999.00" in refused.content.decode()
    assert Payment.objects.count() == 1


def test_admin_offers_no_way_to_edit_a_signed_decision(client):
    from wagtail.snippets.models import get_snippet_models

    from judging.models import Award, Decision

    assert Decision not in get_snippet_models() and Award not in get_snippet_models()
    final = build_final()
    decision = signed(final)
    client.force_login(final.secretariaat)
    html = client.get(reverse("judging_decisions_admin:index") + f"?edition={final.edition.year}").content.decode()
    assert "<form" in html and 'name="motivation"' not in html
    assert decision.motivation not in html or "textarea" not in html


def test_feedback_letter_is_approved_by_the_chair_then_sent_and_shown_to_entrants(django_capture_on_commit_callbacks):
    final = build_final()
    entry = final.entries[1]
    letter = services.save_feedback_letter(entry=entry, by=final.jurors[1], text="Sterk idee; werk aan de impact.")
    with pytest.raises(PermissionDenied):
        services.approve_feedback_letter(letter=letter, by=final.jurors[1])
    with pytest.raises(ValidationError):  # before the decision: nothing is sent
        services.send_feedback_letters(edition=final.edition, by=final.chair)
    services.approve_feedback_letter(letter=letter, by=final.chair)
    signed(final)
    final.edition.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_feedback_letters(edition=final.edition, by=final.secretariaat) == 1
    letter.refresh_from_db()
    entry.refresh_from_db()
    assert letter.state == FeedbackState.SENT and letter.sent_at is not None
    assert entry.jury_feedback == "Sterk idee; werk aan de impact."
    assert len(mail.outbox) == 1 and entry.owner.email in mail.outbox[0].to
    assert "Sterk idee; werk aan de impact." in mail.outbox[0].body
    from submissions.models import Mailing

    assert Mailing.objects.get(pk=letter.mailing_id).kind == "jury_feedback"
    with pytest.raises(ValidationError):
        services.save_feedback_letter(entry=entry, by=final.chair, text="Toch anders.")


def test_conflicted_juror_cannot_write_feedback_for_that_entry():
    final = build_final(conflict_on=2)
    with pytest.raises(PermissionDenied):
        services.save_feedback_letter(entry=final.entries[2], by=final.conflicted_juror, text="Hallo")


def test_public_award_is_embargoed_until_results_are_published():
    final = build_final()
    signed(final, winners=2, shares=(Decimal(70), Decimal(30)))
    winner = final.entries[0]
    assert public_award_for_entry(winner) is None
    assert public_results_for_edition(final.edition) == []
    final.edition.__class__.objects.filter(pk=final.edition.pk).update(
        results_published_at=timezone.now() + timedelta(hours=1)
    )
    final.edition.refresh_from_db()
    assert public_award_for_entry(winner) is None  # announced for later: still embargoed
    final.edition.__class__.objects.filter(pk=final.edition.pk).update(
        results_published_at=timezone.now() - timedelta(minutes=1)
    )
    winner.refresh_from_db()
    award = public_award_for_entry(winner)
    assert award.label == PublicLabel.WINNER and award.amount == Decimal("14000.00")
    assert award.motivation == "Vernieuwend en bruikbaar."
    nominee = public_award_for_entry(final.entries[2].__class__.objects.get(pk=final.entries[2].pk))
    assert nominee.label == PublicLabel.NOMINEE and nominee.amount is None
    final.edition.refresh_from_db()
    results = public_results_for_edition(final.edition)
    assert [(r.title, r.label) for r in results] == [
        (final.entries[0].title, "winner"),
        (final.entries[1].title, "winner"),
        (final.entries[2].title, "nominee"),
    ]
