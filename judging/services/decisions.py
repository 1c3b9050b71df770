"""Rounds progression and the decision: longlist, shortlist, final ranking, the decision with its
prize split, signing (fresh MFA), superseding, payments and feedback letters.

Every function is keyword-only, checks who acts and what state allows it, writes inside
`transaction.atomic()` and records an audit event. Entry states after eligibility (longlist,
shortlist, winner, honourable mention, not selected) change only here.

A signed decision is immutable: the models refuse changes (see judging.models.decisions), and these
services refuse to touch it; a new decision supersedes it with a written reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from awardsite.audit import record_event
from awardsite.sanitize import strip_all_html
from submissions.enums import EntryState
from submissions.models import Edition, Entry, EntryOrganisation

from .. import prize
from ..enums import AwardLabel, DecisionState, FeedbackState, PrizeRule, RankingBasis
from ..models import (
    Award,
    AwardShare,
    Decision,
    DiscussionNote,
    FeedbackLetter,
    FinalRanking,
    FinalRankingRow,
    Payment,
)
from ..selectors.decisions import arithmetic_ranks, may_deliberate_on, prize_winners
from ..selectors.jury import is_chair, is_staff_of_award


def _require_chair(user, edition) -> None:
    if not is_chair(user, edition):
        raise PermissionDenied(_("Only the chair of the jury may do this."))


def _require_secretariaat(user) -> None:
    if not is_staff_of_award(user):
        raise PermissionDenied(_("Only the Secretariaat may do this."))


def _set_entry_state(entry: Entry, state: str, *, by, reason: str = "") -> None:
    if entry.state == state:
        return
    previous = entry.state
    Entry.objects.filter(pk=entry.pk).update(state=state)
    entry.state = state
    record_event(
        actor=by,
        action="entry.state_changed",
        obj=entry,
        edition_year=entry.edition.year if entry.edition_id else None,
        data={"from": previous, "to": state, "reason": reason},
    )


# --- rounds progression ---------------------------------------------------------------------


@transaction.atomic
def place_eligible_on_longlist(*, edition: Edition, by) -> int:
    """Entries the Secretariaat found eligible go on the longlist (the longlist round judges them)."""
    if not (is_chair(by, edition) or is_staff_of_award(by)):
        raise PermissionDenied(_("Only the chair or the Secretariaat may do this."))
    if edition.decision_signed_at:
        raise ValidationError(_("The decision of this edition has been signed."))
    entries = list(Entry.objects.select_for_update().filter(edition=edition, state=EntryState.ELIGIBLE))
    for entry in entries:
        _set_entry_state(entry, EntryState.LONGLIST, by=by, reason="longlist")
    return len(entries)


@transaction.atomic
def select_shortlist(*, edition: Edition, by, entry_ids: list[int]) -> list[Entry]:
    """The chair chooses the nominees: those entries go to the shortlist (the final round), the
    other longlist entries are not selected."""
    _require_chair(by, edition)
    if edition.decision_signed_at:
        raise ValidationError(_("The decision of this edition has been signed; the shortlist can no longer change."))
    candidates = {
        e.pk: e
        for e in Entry.objects.select_for_update()
        .select_related("edition")
        .filter(edition=edition, state__in=[EntryState.ELIGIBLE, EntryState.LONGLIST, EntryState.SHORTLIST])
    }
    chosen = [int(pk) for pk in entry_ids]
    unknown = [pk for pk in chosen if pk not in candidates]
    if unknown:
        raise ValidationError(_("Only entries on the longlist can be nominated."))
    if not chosen:
        raise ValidationError(_("Choose at least one nominee."))
    for pk, entry in candidates.items():
        if pk in chosen:
            _set_entry_state(entry, EntryState.SHORTLIST, by=by, reason="shortlist")
        else:
            _set_entry_state(entry, EntryState.NOT_SELECTED, by=by, reason="shortlist")
    record_event(
        actor=by, action="shortlist.selected", obj=edition, edition_year=edition.year, data={"entries": chosen}
    )
    return [candidates[pk] for pk in chosen]


# --- deliberation ---------------------------------------------------------------------------


@transaction.atomic
def add_discussion_note(*, entry: Entry, by, text: str) -> DiscussionNote:
    if not may_deliberate_on(by, entry):
        raise PermissionDenied(_("Only jury members without a conflict of interest may discuss this entry."))
    text = strip_all_html(text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write a note first.")})
    note = DiscussionNote.objects.create(entry=entry, author=by, text=text)
    record_event(actor=by, action="deliberation.note_added", obj=entry, edition_year=entry.edition.year)
    return note


@dataclass(frozen=True)
class RankingRowInput:
    entry_id: int
    rank: int
    departure_reason: str = ""


@transaction.atomic
def record_final_ranking(
    *, edition: Edition, by, rows: list[RankingRowInput], basis: str = RankingBasis.CALIBRATED
) -> FinalRanking:
    """The chair records the final ranking of the nominees. Where a rank departs from the
    arithmetic (on `basis`), a written reason is required."""
    _require_chair(by, edition)
    nominees = {
        e.pk: e
        for e in Entry.objects.filter(
            edition=edition,
            state__in=[EntryState.SHORTLIST, EntryState.WINNER, EntryState.HONOURABLE_MENTION, EntryState.NOT_SELECTED],
        )
    }
    arithmetic = arithmetic_ranks(edition, basis)
    errors = {}
    seen = set()
    for row in rows:
        entry = nominees.get(row.entry_id)
        if entry is None or row.entry_id in seen:
            raise ValidationError(_("The ranking may only contain each nominee once."))
        seen.add(row.entry_id)
        if row.rank < 1:
            errors[f"rank_{row.entry_id}"] = _("A rank is 1 or higher.")
        expected = arithmetic.get(row.entry_id, (None, None))[0]
        if expected is not None and expected != row.rank and not row.departure_reason.strip():
            errors[f"reason_{row.entry_id}"] = _(
                "%(title)s is ranked %(rank)s, the arithmetic gives %(expected)s: write why the jury departs from it."
            ) % {"title": entry.title, "rank": row.rank, "expected": expected}
    if not rows:
        raise ValidationError(_("Rank at least one nominee."))
    ranks = sorted(row.rank for row in rows)
    if ranks[0] != 1:
        errors["__all__"] = _("The best entry has rank 1.")
    if errors:
        raise ValidationError(errors)
    ranking = FinalRanking.objects.create(
        edition=edition, basis=basis, tie_break_rule=edition.tie_break_rule, recorded_by=by
    )
    FinalRankingRow.objects.bulk_create(
        FinalRankingRow(
            ranking=ranking,
            entry_id=row.entry_id,
            rank=row.rank,
            arithmetic_rank=arithmetic.get(row.entry_id, (None, None))[0],
            score=arithmetic.get(row.entry_id, (None, None))[1],
            departure_reason=strip_all_html(row.departure_reason).strip(),
        )
        for row in rows
    )
    record_event(
        actor=by,
        action="ranking.recorded",
        obj=ranking,
        edition_year=edition.year,
        data={"basis": basis, "rows": [(r.entry_id, r.rank, bool(r.departure_reason.strip())) for r in rows]},
    )
    return ranking


# --- the decision ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PrizeSettings:
    rule: str
    unit: Decimal = prize.CENT
    shares: tuple[Decimal, ...] | None = None
    floor: Decimal | None = None
    cap: Decimal | None = None
    manual_amounts: dict | None = None  # entry id -> Decimal

    def as_json(self) -> dict:
        return {
            "shares": [str(s) for s in self.shares] if self.shares else None,
            "floor": str(self.floor) if self.floor is not None else None,
            "cap": str(self.cap) if self.cap is not None else None,
            "manual_amounts": {str(k): str(v) for k, v in (self.manual_amounts or {}).items()} or None,
        }


def calculate_split(*, ranking: FinalRanking, winner_count: int, pot: Decimal, settings: PrizeSettings):
    """The prize split for the ranking's top `winner_count` (raises prize.PrizeSplitError)."""
    winners = prize_winners(ranking, winner_count=winner_count, manual_amounts=settings.manual_amounts)
    return prize.split_prize(
        pot=pot,
        winners=winners,
        rule=settings.rule,
        unit=settings.unit,
        shares=settings.shares if settings.rule == PrizeRule.RANKED else None,
        floor=settings.floor if settings.rule == PrizeRule.PROPORTIONAL else None,
        cap=settings.cap if settings.rule == PrizeRule.PROPORTIONAL else None,
    )


def _reasons_json(reasons) -> list:
    return [{"code": r.code, "params": {k: _jsonable(v) for k, v in r.params.items()}} for r in reasons]


def _jsonable(value):
    from fractions import Fraction

    if isinstance(value, Fraction):
        return str(Decimal(value.numerator) / Decimal(value.denominator))
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, tuple):
        return [_jsonable(v) for v in value]
    return value


@transaction.atomic
def save_decision_draft(
    *,
    edition: Edition,
    by,
    ranking: FinalRanking,
    winner_count: int,
    settings: PrizeSettings,
    motivation: str,
    award_motivations: dict[int, str] | None = None,
    honourable_mention_ids: list[int] | None = None,
) -> Decision:
    """Create or replace the edition's draft decision from a recorded ranking and a prize rule."""
    _require_chair(by, edition)
    edition = Edition.objects.select_for_update().get(pk=edition.pk)
    if ranking.edition_id != edition.pk:
        raise ValidationError(_("This ranking belongs to another edition."))
    motivation = strip_all_html(motivation or "").strip()
    if not motivation:
        raise ValidationError({"motivation": _("Write the jury's motivation.")})
    if winner_count < 1:
        raise ValidationError({"winner_count": _("There is at least one winner.")})
    rows = list(ranking.rows.select_related("entry").order_by("rank", "entry_id"))
    if winner_count > len(rows):
        raise ValidationError({"winner_count": _("There are fewer ranked nominees than winners.")})
    try:
        split = calculate_split(ranking=ranking, winner_count=winner_count, pot=edition.prize_pot, settings=settings)
    except prize.PrizeSplitError as error:
        raise ValidationError(prize.error_text(error, _language())) from error
    draft = Decision.objects.filter(edition=edition, state=DecisionState.DRAFT).first()
    current = Decision.objects.filter(edition=edition, state=DecisionState.SIGNED).first()
    if draft is None:
        if current is not None:
            raise ValidationError(
                _("This edition has a signed decision. Start a new decision that replaces it, with a reason.")
            )
        draft = Decision(edition=edition, created_by=by)
    else:
        draft.awards.all().delete()
    draft.ranking = ranking
    draft.tie_break_rule = ranking.tie_break_rule
    draft.prize_rule = settings.rule
    draft.prize_parameters = settings.as_json()
    draft.pot = edition.prize_pot
    draft.rounding_unit = settings.unit
    draft.motivation = motivation
    draft.save()
    award_motivations = award_motivations or {}
    winners_by_key = {award.winner.key: award for award in split.awards}
    organisations = {}
    for org in EntryOrganisation.objects.filter(entry_id__in=[r.entry_id for r in rows]).order_by("sort_order", "id"):
        organisations.setdefault(org.entry_id, []).append(org)
    mentions = {int(pk) for pk in honourable_mention_ids or []}
    for row in rows:
        money = winners_by_key.get(f"{row.entry_id:09d}")
        if money is None and row.entry_id not in mentions:
            continue
        award = Award.objects.create(
            decision=draft,
            entry=row.entry,
            rank=row.rank,
            title=row.entry.title,
            label=AwardLabel.WINNER if money is not None else AwardLabel.HONOURABLE_MENTION,
            amount=money.amount if money is not None else Decimal("0.00"),
            explanation=_reasons_json(money.reasons) if money is not None else [],
            motivation=strip_all_html(award_motivations.get(row.entry_id, "")).strip(),
        )
        if money is not None:
            orgs = organisations.get(row.entry_id, [])
            AwardShare.objects.bulk_create(
                AwardShare(
                    award=award,
                    organisation=orgs[i] if i < len(orgs) else None,
                    organisation_name=part.name,
                    percent=Decimal(part.percent.numerator) / Decimal(part.percent.denominator),
                    amount=part.amount,
                    explanation=_reasons_json(part.reasons),
                    sort_order=i,
                )
                for i, part in enumerate(money.organisations)
            )
    record_event(
        actor=by,
        action="decision.drafted",
        obj=draft,
        edition_year=edition.year,
        data={"rule": settings.rule, "parameters": settings.as_json(), "winners": winner_count},
    )
    return draft


def _language() -> str:
    from django.utils.translation import get_language

    return get_language() or "nl"


@transaction.atomic
def sign_decision(*, decision: Decision, by, fresh_mfa: bool, at: datetime | None = None) -> Decision:
    """The chair signs the draft decision. Needs a second factor entered just now (`fresh_mfa`:
    the view passes `awardsite.mfa.has_fresh_mfa(request)`). After signing, the decision and its
    awards are immutable; entry states follow the decision; a superseded decision is marked so.
    `at` (default: now) exists for recording a past decision, as the demo data does."""
    decision = Decision.objects.select_for_update().select_related("edition").get(pk=decision.pk)
    edition = Edition.objects.select_for_update().get(pk=decision.edition_id)
    _require_chair(by, edition)
    if not fresh_mfa:
        raise PermissionDenied(_("Confirm with your authenticator code before signing."))
    if decision.state != DecisionState.DRAFT:
        raise ValidationError(_("This decision has already been signed; it cannot change."))
    current = Decision.objects.filter(edition=edition, state=DecisionState.SIGNED).first()
    if current is not None and decision.supersedes_id != current.pk:
        raise ValidationError(_("This edition already has a signed decision. Replace it with a reason."))
    if not decision.awards.exists():
        raise ValidationError(_("The decision has no awards."))
    now = at or timezone.now()
    if current is not None:
        Decision.objects.filter(pk=current.pk).mark_superseded(at=now)
        record_event(
            actor=by,
            action="decision.superseded",
            obj=current,
            edition_year=edition.year,
            data={"by_decision": decision.pk, "reason": decision.supersede_reason},
        )
    Decision.objects.filter(pk=decision.pk, state=DecisionState.DRAFT).update(
        state=DecisionState.SIGNED, signed_by=by, signed_at=now
    )
    decision.refresh_from_db()
    apply_decision_to_entries(decision=decision, by=by)
    Edition.objects.filter(pk=edition.pk).update(decision_signed_at=now)
    record_event(
        actor=by,
        action="decision.signed",
        obj=decision,
        edition_year=edition.year,
        data={
            "awards": [(a.entry_id, a.label, str(a.amount)) for a in decision.awards.all()],
            "rule": decision.prize_rule,
            "supersedes": decision.supersedes_id,
        },
    )
    return decision


@transaction.atomic
def apply_decision_to_entries(*, decision: Decision, by) -> None:
    """Entry states follow the signed decision: awarded entries become winner or honourable
    mention, the other nominees (and anything still on the shortlist) not selected."""
    if decision.state != DecisionState.SIGNED:
        raise ValidationError(_("Only a signed decision decides the entries' states."))
    labels = {a.entry_id: a.label for a in decision.awards.all()}
    ranked = set(decision.ranking.rows.values_list("entry_id", flat=True))
    decided = [EntryState.SHORTLIST, EntryState.WINNER, EntryState.HONOURABLE_MENTION, EntryState.NOT_SELECTED]
    entries = Entry.objects.select_for_update().select_related("edition")
    for entry in entries.filter(edition_id=decision.edition_id, state__in=decided):
        if entry.pk in labels:
            target = EntryState.WINNER if labels[entry.pk] == AwardLabel.WINNER else EntryState.HONOURABLE_MENTION
        elif entry.pk in ranked or entry.state != EntryState.NOT_SELECTED:
            target = EntryState.NOT_SELECTED
        else:
            continue
        _set_entry_state(entry, target, by=by, reason="decision")


@transaction.atomic
def start_superseding_decision(*, decision: Decision, by, reason: str) -> Decision:
    """Start a new draft that will replace the signed `decision` once signed. A reason is required;
    the signed decision stays in force (and unchanged) until the new one is signed."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    _require_chair(by, decision.edition)
    reason = strip_all_html(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Write why the signed decision is replaced.")})
    if decision.state != DecisionState.SIGNED:
        raise ValidationError(_("Only the signed decision in force can be replaced."))
    if Decision.objects.filter(edition=decision.edition, state=DecisionState.DRAFT).exists():
        raise ValidationError(_("There already is a draft decision; finish or change that one."))
    draft = Decision.objects.create(
        edition=decision.edition,
        ranking=decision.ranking,
        tie_break_rule=decision.tie_break_rule,
        prize_rule=decision.prize_rule,
        prize_parameters=decision.prize_parameters,
        pot=decision.pot,
        rounding_unit=decision.rounding_unit,
        motivation=decision.motivation,
        created_by=by,
        supersedes=decision,
        supersede_reason=reason,
    )
    for award in decision.awards.prefetch_related("shares"):
        copy = Award.objects.create(
            decision=draft,
            entry_id=award.entry_id,
            rank=award.rank,
            title=award.title,
            label=award.label,
            amount=award.amount,
            explanation=award.explanation,
            motivation=award.motivation,
        )
        AwardShare.objects.bulk_create(
            AwardShare(
                award=copy,
                organisation_id=share.organisation_id,
                organisation_name=share.organisation_name,
                percent=share.percent,
                amount=share.amount,
                explanation=share.explanation,
                sort_order=share.sort_order,
            )
            for share in award.shares.all()
        )
    record_event(
        actor=by,
        action="decision.supersede_started",
        obj=draft,
        edition_year=decision.edition.year,
        data={"supersedes": decision.pk, "reason": reason},
    )
    return draft


# --- payments -------------------------------------------------------------------------------

# An IBAN (or something like it) in the reference would be bank details: refused.
IBAN_LIKE = re.compile(r"\b[A-Z]{2}\d{2}\s?[A-Z]{4}\s?\d{4}\s?\d{4}\s?\d{2,}", re.IGNORECASE)


@transaction.atomic
def record_payment(*, share: AwardShare, by, amount: Decimal, paid_on: date, reference: str = "") -> Payment:
    _require_secretariaat(by)
    share = AwardShare.objects.select_for_update().select_related("award__decision__edition").get(pk=share.pk)
    if share.award.decision.state != DecisionState.SIGNED:
        raise ValidationError(_("Payments can only be recorded for the signed decision in force."))
    errors = {}
    if amount is None or amount <= 0:
        errors["amount"] = _("The amount must be above zero.")
    paid = share.payments.aggregate(total=Sum("amount"))["total"] or Decimal("0.00")
    if amount is not None and amount > 0 and paid + amount > share.amount:
        errors["amount"] = _("This would pay %(total)s, more than the share of %(share)s.") % {
            "total": paid + amount,
            "share": share.amount,
        }
    if paid_on is None:
        errors["paid_on"] = _("Enter the date of payment.")
    elif paid_on > timezone.localdate():
        errors["paid_on"] = _("The date of payment cannot be in the future.")
    reference = (reference or "").strip()
    if IBAN_LIKE.search(reference):
        errors["reference"] = _("Do not enter bank details here; use the payment or order number.")
    if errors:
        raise ValidationError(errors)
    payment = Payment.objects.create(share=share, amount=amount, paid_on=paid_on, reference=reference, recorded_by=by)
    record_event(
        actor=by,
        action="payment.recorded",
        obj=payment,
        edition_year=share.award.decision.edition.year,
        data={"share": share.pk, "amount": str(amount), "paid_on": paid_on.isoformat()},
    )
    return payment


# --- feedback letters -----------------------------------------------------------------------


@transaction.atomic
def save_feedback_letter(*, entry: Entry, by, text: str) -> FeedbackLetter:
    """A jury member without a conflict (or the Secretariaat) drafts the letter; changing an
    approved letter makes it a draft again, a sent letter cannot change."""
    if not (may_deliberate_on(by, entry) or is_staff_of_award(by)):
        raise PermissionDenied(_("Only the jury or the Secretariaat may write feedback."))
    text = strip_all_html(text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the feedback first.")})
    letter = FeedbackLetter.objects.select_for_update().filter(entry=entry).first()
    if letter is not None and letter.state == FeedbackState.SENT:
        raise ValidationError(_("This feedback has been sent and can no longer change."))
    if letter is None:
        letter = FeedbackLetter(entry=entry, drafted_by=by)
    letter.text = text
    letter.state = FeedbackState.DRAFT
    letter.approved_by = None
    letter.approved_at = None
    letter.save()
    record_event(actor=by, action="feedback.drafted", obj=entry, edition_year=entry.edition.year)
    return letter


@transaction.atomic
def approve_feedback_letter(*, letter: FeedbackLetter, by) -> FeedbackLetter:
    letter = FeedbackLetter.objects.select_for_update().select_related("entry__edition").get(pk=letter.pk)
    _require_chair(by, letter.entry.edition)
    if not may_deliberate_on(by, letter.entry):
        raise PermissionDenied(_("You have a conflict of interest with this entry."))
    if letter.state != FeedbackState.DRAFT:
        raise ValidationError(_("Only a draft can be approved."))
    letter.state = FeedbackState.APPROVED
    letter.approved_by = by
    letter.approved_at = timezone.now()
    letter.save()
    record_event(actor=by, action="feedback.approved", obj=letter.entry, edition_year=letter.entry.edition.year)
    return letter


@transaction.atomic
def send_feedback_letters(*, edition: Edition, by) -> int:
    """Send every approved letter of the edition through the outbox (after the decision is signed),
    and show it to the entrants on their entry page (`Entry.jury_feedback`)."""
    if not (is_staff_of_award(by) or is_chair(by, edition)):
        raise PermissionDenied(_("Only the chair or the Secretariaat may send feedback."))
    if not edition.decision_signed_at:
        raise ValidationError(_("Feedback is sent after the decision has been signed."))
    letters = list(
        FeedbackLetter.objects.select_for_update()
        .select_related("entry__owner", "entry__edition")
        .filter(entry__edition=edition, state=FeedbackState.APPROVED)
    )
    from ..outbox import send_feedback_mail

    now = timezone.now()
    for letter in letters:
        mailing_id = send_feedback_mail(letter=letter, by=by)
        Entry.objects.filter(pk=letter.entry_id).update(jury_feedback=letter.text)
        FeedbackLetter.objects.filter(pk=letter.pk).update(state=FeedbackState.SENT, sent_at=now, mailing_id=mailing_id)
        record_event(actor=by, action="feedback.sent", obj=letter.entry, edition_year=edition.year)
    return len(letters)
