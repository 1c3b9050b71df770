"""Reads for deliberation and decisions: the arithmetic of a round for the chair, deliberation notes,
the prize-split calculator's input, the current decision, payments and the jury report.

Visibility lives here (views and exports read through these functions):
- deliberation notes and per-entry report data: the accepted jury of the edition only, and never a
  juror with a declared conflict of interest with the entry (`may_deliberate_on`);
- chair screens: the chair of the edition (`is_chair`);
- score exports and payments: the Secretariaat only.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, Sum

from submissions.enums import EntryState
from submissions.models import Criterion, Edition, Entry, EntryOrganisation

from .. import prize
from ..arithmetic import CriterionInput, RankingResult, ReviewInput, ScoringInputError, rank_edition
from ..enums import DecisionState, RankingBasis, RoundKind
from ..models import (
    ConflictDeclaration,
    Decision,
    DiscussionNote,
    FinalRanking,
    Payment,
    Round,
    Score,
)
from .jury import is_chair, is_jury_member, is_staff_of_award
from .scores import counting_reviews

DELIBERATION_STATES = (
    EntryState.ELIGIBLE,
    EntryState.LONGLIST,
    EntryState.SHORTLIST,
    EntryState.WINNER,
    EntryState.HONOURABLE_MENTION,
    EntryState.NOT_SELECTED,
)


# --- who may see what -------------------------------------------------------------------------


def has_conflict(user, entry) -> bool:
    return ConflictDeclaration.objects.filter(juror=user, entry=entry, has_conflict=True).exists()


def conflicted_entry_ids(user, edition) -> set[int]:
    if user is None or not user.is_authenticated:
        return set()
    return set(
        ConflictDeclaration.objects.filter(juror=user, edition=edition, has_conflict=True).values_list(
            "entry_id", flat=True
        )
    )


def may_deliberate_on(user, entry) -> bool:
    """Jury members of the entry's edition without a conflict with it, for entries in the competition."""
    return (
        user is not None
        and user.is_authenticated
        and entry.state in DELIBERATION_STATES
        and is_jury_member(user, entry.edition_id)
        and not has_conflict(user, entry)
    )


def deliberation_entries(user, edition):
    """The entries of an edition `user` may deliberate on (conflicted entries left out)."""
    if not is_jury_member(user, edition):
        return Entry.objects.none()
    return (
        Entry.objects.filter(edition=edition, state__in=DELIBERATION_STATES)
        .exclude(pk__in=conflicted_entry_ids(user, edition))
        .order_by("title", "pk")
    )


def notes_for_entry(user, entry):
    if not may_deliberate_on(user, entry):
        return DiscussionNote.objects.none()
    return DiscussionNote.objects.filter(entry=entry).select_related("author").order_by("created_at", "id")


# --- the arithmetic of a round ----------------------------------------------------------------


def round_of(edition, kind: str) -> Round | None:
    return Round.objects.filter(edition=edition, kind=kind).first()


def arithmetic_for_round(round_: Round | None, *, top_n: int | None = None) -> RankingResult | None:
    """`rank_edition` over the final reviews that count (no drafts, no conflicted jurors)."""
    if round_ is None:
        return None
    criteria = list(Criterion.objects.filter(edition_id=round_.edition_id).order_by("sort_order", "id"))
    if not criteria:
        return None
    reviews = counting_reviews(round_=round_).prefetch_related(
        Prefetch("scores", queryset=Score.objects.only("review_id", "criterion_id", "value"))
    )
    inputs = [
        ReviewInput(
            juror_id=review.juror_id,
            entry_id=review.entry_id,
            scores={score.criterion_id: score.value for score in review.scores.all()},
        )
        for review in reviews
    ]
    try:
        return rank_edition(
            inputs,
            [CriterionInput(id=c.pk, weight=c.weight, scale_min=c.scale_min, scale_max=c.scale_max) for c in criteria],
            round_.edition.tie_break_rule,
            top_n=top_n or round_.top_n,
        )
    except ScoringInputError:
        return None


@dataclass(frozen=True)
class OverviewRow:
    entry: Entry
    result: object  # arithmetic EntryResult

    @property
    def raw_mean(self) -> float:
        return self.result.stats.mean


def ranking_overview(user, round_: Round | None) -> tuple[RankingResult | None, list[OverviewRow]]:
    """The chair's view of a round: raw and calibrated rank side by side, rank moves, disagreement
    flags and leave-one-out stability, for the entries the chair has no conflict with."""
    result = arithmetic_for_round(round_)
    if result is None:
        return None, []
    hidden = conflicted_entry_ids(user, round_.edition)
    entries = Entry.objects.in_bulk([r.entry_id for r in result.entries if r.entry_id not in hidden])
    rows = [OverviewRow(entry=entries[r.entry_id], result=r) for r in result.entries if r.entry_id in entries]
    return result, rows


def arithmetic_ranks(edition, basis: str) -> dict[int, tuple[int, Decimal]]:
    """entry id -> (rank, score) in the final round by the arithmetic on `basis`."""
    result = arithmetic_for_round(round_of(edition, RoundKind.FINAL))
    if result is None:
        return {}
    ranks = {}
    for r in result.entries:
        if basis == RankingBasis.RAW:
            ranks[r.entry_id] = (r.raw_rank, r.stats.mean_decimal(3))
        else:
            ranks[r.entry_id] = (r.calibrated_rank, Decimal(str(round(r.calibrated_score, 3))))
    return ranks


# --- rankings, decisions and the calculator ----------------------------------------------------


def latest_ranking(edition) -> FinalRanking | None:
    return (
        FinalRanking.objects.filter(edition=edition)
        .prefetch_related("rows__entry")
        .order_by("-recorded_at", "-id")
        .first()
    )


def current_decision(edition) -> Decision | None:
    return Decision.objects.filter(edition=edition, state=DecisionState.SIGNED).first()


def draft_decision(edition) -> Decision | None:
    return Decision.objects.filter(edition=edition, state=DecisionState.DRAFT).first()


def decision_history(edition):
    return (
        Decision.objects.filter(edition=edition)
        .select_related("signed_by", "created_by", "supersedes")
        .order_by("-created_at", "-id")
    )


def decision_with_awards(decision: Decision) -> Decision:
    return (
        Decision.objects.filter(pk=decision.pk)
        .select_related("edition", "ranking", "signed_by")
        .prefetch_related("awards__shares", "awards__entry")
        .get()
    )


def prize_winners(
    ranking: FinalRanking, *, winner_count: int, manual_amounts: dict | None = None
) -> list[prize.Winner]:
    """The winners for the prize split: the rows of the ranking with rank <= winner_count, best
    first, each with its score and the entry's organisations (stated shares or equal)."""
    rows = [row for row in ranking.rows.all() if row.rank <= winner_count]
    organisations = {}
    for org in EntryOrganisation.objects.filter(entry_id__in=[row.entry_id for row in rows]).order_by(
        "sort_order", "id"
    ):
        organisations.setdefault(org.entry_id, []).append(prize.Organisation(name=org.name, percent=org.share_percent))
    manual_amounts = manual_amounts or {}
    return [
        prize.Winner(
            name=row.entry.title,
            rank=row.rank,
            score=row.score,
            key=f"{row.entry_id:09d}",
            amount=manual_amounts.get(row.entry_id, manual_amounts.get(str(row.entry_id))),
            organisations=tuple(organisations.get(row.entry_id, ())),
        )
        for row in sorted(rows, key=lambda r: (r.rank, r.entry_id))
    ]


@dataclass(frozen=True)
class CalculatorColumn:
    """One rule in the side-by-side calculator: the split, or the reason it cannot be made."""

    rule: str
    label: str
    split: prize.PrizeSplit | None
    error: str
    texts: tuple[str, ...] = ()
    language: str = "nl"

    @property
    def items(self) -> list[dict]:
        if self.split is None:
            return []
        return [
            {
                "title": award.winner.name,
                "rank": award.rank,
                "amount": award.amount,
                "text": keep_amounts_together(text),
                "shares": [
                    {
                        "name": part.name,
                        "amount": part.amount,
                        "text": keep_amounts_together(prize.explain_organisation(part, self.language)),
                    }
                    for part in award.organisations
                ],
            }
            for award, text in zip(self.split.awards, self.texts, strict=True)
        ]


@dataclass(frozen=True)
class ExplainedAward:
    award: object
    text: str
    shares: list  # dicts: name, amount, text, share

    @property
    def title(self) -> str:
        return self.award.title

    @property
    def rank(self) -> int:
        return self.award.rank

    @property
    def amount(self):
        return self.award.amount


def _reasons(stored) -> list[prize.Reason]:
    return [prize.Reason(item["code"], dict(item.get("params") or {})) for item in stored or []]


def keep_amounts_together(text: str) -> str:
    """For the screen: a non-breaking space after the currency sign, so "€ 20.000,00" never wraps after "€".
    (The pure prize module keeps plain spaces: its texts also go to the command line.)"""
    return text.replace("€ ", "€\u00a0").replace("EUR ", "EUR\u00a0")


def explained_awards(decision: Decision, language: str) -> list[ExplainedAward]:
    """The awards of a decision with their amounts explained in words (from the stored reasons)."""
    awards = list(decision.awards.all())
    result = []
    for award in awards:
        tied = [other.title for other in awards if other.rank == award.rank and other.pk != award.pk]
        others = prize.join_names(tied, language)
        text = " ".join(prize.reason_text(reason, language, others=others) for reason in _reasons(award.explanation))
        text = keep_amounts_together(text)
        shares = [
            {
                "name": share.organisation_name,
                "amount": share.amount,
                "text": keep_amounts_together(
                    " ".join(prize.reason_text(reason, language) for reason in _reasons(share.explanation))
                ),
                "share": share,
            }
            for share in award.shares.all()
        ]
        result.append(ExplainedAward(award=award, text=text, shares=shares))
    return result


def payments_overview(edition):
    """Award shares of the current decision with what has been paid (for the Secretariaat)."""
    decision = current_decision(edition)
    if decision is None:
        return None, []
    from ..models import AwardShare

    shares = (
        AwardShare.objects.filter(award__decision=decision)
        .select_related("award")
        .annotate(paid=Sum("payments__amount"))
        .order_by("award__rank", "award_id", "sort_order", "id")
    )
    shares = list(shares)
    for share in shares:
        share.paid = share.paid or Decimal("0.00")
        share.remaining = share.amount - share.paid
    return decision, shares


def payments_for_share(share):
    return Payment.objects.filter(share=share).select_related("recorded_by").order_by("paid_on", "id")


def editions_with_jury(user):
    """Editions where `user` is an accepted jury member, newest first."""
    from ..enums import MembershipState

    return Edition.objects.filter(
        jury_memberships__user=user, jury_memberships__state=MembershipState.ACCEPTED
    ).order_by("-year")


__all__ = [
    "CalculatorColumn",
    "ExplainedAward",
    "OverviewRow",
    "arithmetic_for_round",
    "arithmetic_ranks",
    "conflicted_entry_ids",
    "current_decision",
    "decision_history",
    "decision_with_awards",
    "deliberation_entries",
    "draft_decision",
    "editions_with_jury",
    "explained_awards",
    "has_conflict",
    "is_chair",
    "is_staff_of_award",
    "latest_ranking",
    "may_deliberate_on",
    "notes_for_entry",
    "payments_for_share",
    "payments_overview",
    "prize_winners",
    "ranking_overview",
    "round_of",
]
