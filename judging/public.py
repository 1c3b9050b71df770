"""What the public may know about an entry's award, once the edition's results are published.

CONTRACT for the showcase (and anything public: pages, feeds, API, open-data export):
- `public_award_for_entry(entry) -> PublicAward | None`: the label (winner, nominee, honourable
  mention), the amount for the entry (the total of its award; None for nominees and mentions
  without money) and the jury motivation. None when the entry has no public award, and ALWAYS None
  before the edition's results are published (`Edition.results_published_at` set and in the past):
  the embargo.
- `public_results_for_edition(edition) -> list[PublicAward]`: every award of the edition's signed
  decision (winners and honourable mentions) by rank, then the nominees that won nothing (the
  other entries of the final ranking the decision used), by title; empty before publication.

Nothing here names jurors, shows scores or shows the split among organisations.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from submissions.enums import EntryState

from .enums import AwardLabel, DecisionState


class PublicLabel:
    WINNER = "winner"
    NOMINEE = "nominee"
    HONOURABLE_MENTION = "honourable_mention"

    LABELS = {
        WINNER: _("Winner"),
        NOMINEE: _("Nominee"),
        HONOURABLE_MENTION: _("Honourable mention"),
    }


@dataclass(frozen=True)
class PublicAward:
    entry_id: int
    title: str
    label: str  # PublicLabel.*
    amount: Decimal | None
    motivation: str
    rank: int | None
    edition_year: int

    @property
    def label_display(self) -> str:
        return str(PublicLabel.LABELS[self.label])


def results_are_public(edition, now=None) -> bool:
    now = now or timezone.now()
    return edition.results_published_at is not None and edition.results_published_at <= now


def _award_to_public(award, edition) -> PublicAward:
    label = PublicLabel.WINNER if award.label == AwardLabel.WINNER else PublicLabel.HONOURABLE_MENTION
    return PublicAward(
        entry_id=award.entry_id,
        title=award.title,
        label=label,
        amount=award.amount if award.amount > 0 else None,
        motivation=award.motivation or "",
        rank=award.rank,
        edition_year=edition.year,
    )


def _nominee(entry, edition) -> PublicAward:
    return PublicAward(
        entry_id=entry.pk,
        title=entry.title,
        label=PublicLabel.NOMINEE,
        amount=None,
        motivation="",
        rank=None,
        edition_year=edition.year,
    )


def public_award_for_entry(entry) -> PublicAward | None:
    from .models import Award

    edition = entry.edition
    if not results_are_public(edition) or entry.state == EntryState.WITHDRAWN:
        return None
    award = Award.objects.filter(entry=entry, decision__state=DecisionState.SIGNED).first()
    if award is not None:
        return _award_to_public(award, edition)
    if entry.state == EntryState.NOT_SELECTED and _was_nominee(entry):
        return _nominee(entry, edition)
    return None


def _was_nominee(entry) -> bool:
    """Nominees are the entries in the final ranking of the signed decision (the shortlist)."""
    from .models import FinalRankingRow

    return FinalRankingRow.objects.filter(
        entry=entry, ranking__decisions__state=DecisionState.SIGNED, ranking__edition_id=entry.edition_id
    ).exists()


def public_results_for_edition(edition) -> list[PublicAward]:
    from .models import Award, FinalRankingRow

    if not results_are_public(edition):
        return []
    awards = list(
        Award.objects.filter(decision__edition=edition, decision__state=DecisionState.SIGNED)
        .exclude(entry__state=EntryState.WITHDRAWN)
        .order_by("rank", "id")
    )
    results = [_award_to_public(award, edition) for award in awards]
    awarded = {award.entry_id for award in awards}
    final_round_entries = FinalRankingRow.objects.filter(
        ranking__edition=edition, ranking__decisions__state=DecisionState.SIGNED
    ).values("entry_id")
    from submissions.models import Entry

    nominees = (
        Entry.objects.filter(edition=edition)
        .filter(pk__in=final_round_entries)
        .exclude(pk__in=awarded)
        .exclude(state=EntryState.WITHDRAWN)
        .order_by("title", "pk")
    )
    results.extend(_nominee(entry, edition) for entry in nominees)
    return results
