"""Deliberation, final ranking, decision, signing (fresh MFA), immutability and superseding."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from awardsite.audit import AuditEvent
from judging.enums import DecisionState
from judging.models import Award, AwardShare, Decision, DecisionImmutable, DiscussionNote
from judging.services import decisions as services
from submissions.enums import EntryState

from .decision_fixtures import build_final, draft, fresh_mfa_session, record_ranking

pytestmark = pytest.mark.django_db


def test_draft_decision_splits_the_pot_50_30_20_and_among_the_consortium():
    final = build_final()
    decision = draft(final)
    awards = list(decision.awards.order_by("rank"))
    assert [a.amount for a in awards] == [Decimal("10000.00"), Decimal("6000.00"), Decimal("4000.00")]
    shares = list(AwardShare.objects.filter(award=awards[0]).order_by("sort_order"))
    assert [(s.organisation_name, s.amount) for s in shares] == [
        ("Datalab 1", Decimal("5000.00")),
        ("Gemeente Voorbeeld", Decimal("5000.00")),
    ]
    assert awards[0].motivation == "Vernieuwend en bruikbaar."


def test_only_the_chair_may_record_the_ranking_or_draft():
    final = build_final()
    with pytest.raises(PermissionDenied):
        services.record_final_ranking(
            edition=final.edition,
            by=final.jurors[1],
            rows=[services.RankingRowInput(entry_id=final.entries[0].pk, rank=1)],
        )


def test_departing_from_the_arithmetic_needs_a_written_reason():
    final = build_final()
    swapped = [
        services.RankingRowInput(entry_id=final.entries[0].pk, rank=2),
        services.RankingRowInput(entry_id=final.entries[1].pk, rank=1),
        services.RankingRowInput(entry_id=final.entries[2].pk, rank=3),
    ]
    with pytest.raises(ValidationError) as error:
        services.record_final_ranking(edition=final.edition, by=final.chair, rows=swapped)
    assert f"reason_{final.entries[0].pk}" in error.value.message_dict
    swapped[0] = services.RankingRowInput(
        entry_id=final.entries[0].pk, rank=2, departure_reason="Minder bewezen impact."
    )
    swapped[1] = services.RankingRowInput(entry_id=final.entries[1].pk, rank=1, departure_reason="Grotere impact.")
    ranking = services.record_final_ranking(edition=final.edition, by=final.chair, rows=swapped)
    row = ranking.rows.get(entry=final.entries[0])
    assert row.departs and row.arithmetic_rank == 1 and row.departure_reason == "Minder bewezen impact."


def test_signing_needs_fresh_mfa_in_the_service():
    final = build_final()
    decision = draft(final)
    with pytest.raises(PermissionDenied):
        services.sign_decision(decision=decision, by=final.chair, fresh_mfa=False)
    decision.refresh_from_db()
    assert decision.state == DecisionState.DRAFT


def test_signing_sets_entry_states_and_the_edition_date():
    final = build_final()
    decision = draft(final, rule="winner-takes-all", winners=1)
    services.sign_decision(decision=decision, by=final.chair, fresh_mfa=True)
    states = [e.__class__.objects.get(pk=e.pk).state for e in final.entries]
    assert states == [EntryState.WINNER, EntryState.NOT_SELECTED, EntryState.NOT_SELECTED]
    final.edition.refresh_from_db()
    assert final.edition.decision_signed_at is not None
    assert AuditEvent.objects.filter(action="decision.signed").exists()


def test_signed_decision_cannot_change_through_model_save_queryset_or_service():
    final = build_final()
    decision = services.sign_decision(decision=draft(final), by=final.chair, fresh_mfa=True)
    decision.motivation = "Anders"
    with pytest.raises(DecisionImmutable):
        decision.save()
    with pytest.raises(DecisionImmutable):
        Decision.objects.filter(pk=decision.pk).update(motivation="Anders")
    with pytest.raises(DecisionImmutable):
        decision.delete()
    award = decision.awards.first()
    award.amount = Decimal("1.00")
    with pytest.raises(DecisionImmutable):
        award.save()
    with pytest.raises(DecisionImmutable):
        Award.objects.filter(decision=decision).update(amount=Decimal("1.00"))
    with pytest.raises(DecisionImmutable):
        AwardShare.objects.filter(award__decision=decision).delete()
    with pytest.raises(ValidationError):
        services.sign_decision(decision=decision, by=final.chair, fresh_mfa=True)
    with pytest.raises(ValidationError):  # a new draft is refused while a signed decision is in force
        draft(final)
    decision.refresh_from_db()
    assert decision.motivation == "De jury koos unaniem voor deze inzendingen."
    assert sorted(a.amount for a in decision.awards.all()) == [
        Decimal("4000.00"),
        Decimal("6000.00"),
        Decimal("10000.00"),
    ]


def test_supersede_needs_a_reason_and_replaces_the_decision_once_signed():
    final = build_final()
    first = services.sign_decision(
        decision=draft(final, rule="winner-takes-all", winners=1), by=final.chair, fresh_mfa=True
    )
    with pytest.raises(ValidationError):
        services.start_superseding_decision(decision=first, by=final.chair, reason="  ")
    new = services.start_superseding_decision(decision=first, by=final.chair, reason="Rekenfout in de verdeling.")
    first.refresh_from_db()
    assert first.state == DecisionState.SIGNED  # still in force until the new one is signed
    new = services.save_decision_draft(
        edition=final.edition,
        by=final.chair,
        ranking=new.ranking,
        winner_count=2,
        settings=services.PrizeSettings(rule="equal"),
        motivation="Twee winnaars.",
    )
    services.sign_decision(decision=new, by=final.chair, fresh_mfa=True)
    first.refresh_from_db()
    new.refresh_from_db()
    assert first.state == DecisionState.SUPERSEDED and first.superseded_at is not None
    assert new.state == DecisionState.SIGNED and new.supersedes == first
    assert new.supersede_reason == "Rekenfout in de verdeling."
    assert [a.amount for a in new.awards.order_by("rank")] == [Decimal("10000.00"), Decimal("10000.00")]
    assert final.entries[1].__class__.objects.get(pk=final.entries[1].pk).state == EntryState.WINNER


def test_sign_view_asks_for_a_fresh_code_and_keeps_the_decision_a_draft(client):
    final = build_final()
    decision = draft(final)
    client.force_login(final.chair)
    url = reverse("judging:decision_sign", kwargs={"year": final.edition.year, "pk": decision.pk})
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302
    assert reverse("mfa_reauthenticate") in response["Location"]
    decision.refresh_from_db()
    assert decision.state == DecisionState.DRAFT


def test_sign_view_signs_with_a_fresh_code(client):
    final = build_final()
    decision = draft(final)
    fresh_mfa_session(client, final.chair)
    url = reverse("judging:decision_sign", kwargs={"year": final.edition.year, "pk": decision.pk})
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.state == DecisionState.SIGNED and decision.signed_by == final.chair


def test_sign_view_is_404_for_a_juror_who_is_not_chair(client):
    final = build_final()
    decision = draft(final)
    fresh_mfa_session(client, final.jurors[1])
    url = reverse("judging:decision_sign", kwargs={"year": final.edition.year, "pk": decision.pk})
    assert client.post(url, {"confirm": "on"}).status_code == 404
    decision.refresh_from_db()
    assert decision.state == DecisionState.DRAFT


def test_conflicted_juror_gets_404_on_that_entrys_notes_and_report_data(client):
    final = build_final(conflict_on=2)
    services.add_discussion_note(entry=final.entries[2], by=final.chair, text="Sterk team.")
    client.force_login(final.conflicted_juror)
    year = final.edition.year
    conflicted = final.entries[2].pk
    assert (
        client.get(reverse("judging:deliberation_entry", kwargs={"year": year, "entry_pk": conflicted})).status_code
        == 404
    )
    assert (
        client.post(
            reverse("judging:deliberation_entry", kwargs={"year": year, "entry_pk": conflicted}), {"text": "Hallo"}
        ).status_code
        == 404
    )
    assert (
        client.get(reverse("judging:decision_report_entry", kwargs={"year": year, "entry_pk": conflicted})).status_code
        == 404
    )
    assert client.get(reverse("judging:feedback", kwargs={"year": year, "entry_pk": conflicted})).status_code == 404
    listing = client.get(reverse("judging:deliberation", kwargs={"year": year})).content.decode()
    assert final.entries[2].title not in listing and final.entries[0].title in listing
    report = client.get(reverse("judging:decision_report", kwargs={"year": year})).content.decode()
    assert final.entries[2].title not in report
    # Not conflicted: the same juror reads the other entry's notes.
    assert (
        client.get(
            reverse("judging:deliberation_entry", kwargs={"year": year, "entry_pk": final.entries[0].pk})
        ).status_code
        == 200
    )
    assert DiscussionNote.objects.count() == 1


def test_notes_are_for_the_jury_only(client):
    final = build_final()
    url = reverse("judging:deliberation_entry", kwargs={"year": final.edition.year, "entry_pk": final.entries[0].pk})
    for user in (final.entrant, final.secretariaat):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_jury_report_names_no_juror_and_shows_the_winners(client):
    final = build_final()
    services.sign_decision(decision=draft(final), by=final.chair, fresh_mfa=True)
    client.force_login(final.jurors[1])
    html = client.get(reverse("judging:decision_report", kwargs={"year": final.edition.year})).content.decode()
    assert final.entries[0].title in html and "Vernieuwend en bruikbaar." in html
    for juror in [final.chair, *final.jurors]:
        assert juror.email not in html
        assert juror.last_name not in html


def test_chair_screens_render_for_the_chair_and_are_404_for_others(client):
    final = build_final()
    record_ranking(final)
    year = final.edition.year
    names = ["decision_overview", "decision_final_ranking", "decision_calculator", "decision_detail"]
    client.force_login(final.chair)
    for name in names:
        assert client.get(reverse(f"judging:{name}", kwargs={"year": year})).status_code == 200, name
    for user in (final.jurors[1], final.secretariaat, final.entrant):
        client.force_login(user)
        for name in names:
            assert client.get(reverse(f"judging:{name}", kwargs={"year": year})).status_code == 404, (name, user)


def test_calculator_shows_rules_side_by_side_with_explanations(client):
    final = build_final()
    record_ranking(final)
    client.force_login(final.chair)
    url = reverse("judging:decision_calculator", kwargs={"year": final.edition.year})
    html = client.get(
        url, {"winner_count": 3, "unit": "100", "shares": "50,30,20", "floor": "", "cap": ""}
    ).content.decode()
    for english, dutch in (
        ("Winner takes all", "De winnaar krijgt alles"),
        ("Equal shares", "Gelijke delen"),
        ("Fixed shares by rank", "Vaste delen per plaats"),
        ("In proportion to the score", "Naar verhouding van de score"),
    ):
        assert english in html or dutch in html
    assert "6.700,00" in html or "6,700.00" in html or "6700" in html  # equal split in hundreds
    response = client.post(
        url,
        {
            "decision-rule": "ranked",
            "decision-winner_count": 3,
            "decision-unit": "0.01",
            "decision-shares": "50,30,10",
            "decision-motivation": "Motivatie",
        },
    )
    assert response.status_code == 200
    assert "add up to 100" in response.content.decode() or "samen 100" in response.content.decode()
    assert not Decision.objects.exists()
    saved = client.post(
        url,
        {
            "decision-rule": "ranked",
            "decision-winner_count": 3,
            "decision-unit": "100",
            "decision-shares": "50,30,20",
            "decision-motivation": "Drie sterke winnaars.",
            "decision-honourable_mentions": [],
        },
    )
    assert saved.status_code == 302
    decision = Decision.objects.get()
    assert decision.state == DecisionState.DRAFT and decision.rounding_unit == Decimal("100")
    assert sorted(a.amount for a in decision.awards.all()) == [
        Decimal("4000.00"),
        Decimal("6000.00"),
        Decimal("10000.00"),
    ]


def test_sign_flow_end_to_end_code_entered_then_the_parked_post_is_replayed(client):
    """POST sign -> asked for a code -> code entered -> the parked POST runs once: signed."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

    from .factories import TEST_TOTP_SECRET

    final = build_final()
    decision = draft(final)
    client.force_login(final.chair)
    url = reverse("judging:decision_sign", kwargs={"year": final.edition.year, "pk": decision.pk})
    first = client.post(url, {"confirm": "on"})
    assert reverse("mfa_reauthenticate") in first["Location"]
    counters = list(yield_hotp_counters_from_time())
    code = format_hotp_value(hotp_value(TEST_TOTP_SECRET, counters[len(counters) // 2]))
    response = client.post(first["Location"], {"code": code}, follow=True)
    assert response.status_code == 200
    decision.refresh_from_db()
    assert decision.state == DecisionState.SIGNED and decision.signed_by == final.chair


def test_jurors_see_no_score_summary_in_the_report_before_the_decision(client):
    final = build_final()
    url = reverse("judging:decision_report", kwargs={"year": final.edition.year})
    client.force_login(final.jurors[1])
    before = client.get(url)
    assert before.status_code == 200 and before.context["rows"] == []
    client.force_login(final.chair)
    assert len(client.get(url).context["rows"]) == 3
    services.sign_decision(decision=draft(final), by=final.chair, fresh_mfa=True)
    client.force_login(final.jurors[1])
    assert len(client.get(url).context["rows"]) == 3
