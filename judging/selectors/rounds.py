"""Rounds and the entries that take part in them."""

from django.utils import timezone

from submissions.enums import EntryState
from submissions.models import Entry

from ..enums import RoundKind, RoundState
from ..models import Round

# Which entries a round judges, by the entry's state. Entries that moved on (shortlist, decided)
# stay visible through their assignments; new assignments are made only for these states.
ROUND_ENTRY_STATES = {
    RoundKind.ELIGIBILITY: (EntryState.SUBMITTED,),
    RoundKind.LONGLIST: (EntryState.ELIGIBLE, EntryState.LONGLIST),
    RoundKind.FINAL: (EntryState.SHORTLIST,),
}


def entries_for_round(round_: Round):
    """The entries a round judges now (for assignment and the declaration form)."""
    return (
        Entry.objects.filter(edition_id=round_.edition_id, state__in=ROUND_ENTRY_STATES[round_.kind])
        .prefetch_related("organisations")
        .order_by("title", "pk")
    )


def opened_rounds_for_juror(user):
    now = timezone.now()
    return (
        Round.objects.filter(assignments__juror=user, state__in=[RoundState.OPEN, RoundState.CLOSED], opens_at__lte=now)
        .distinct()
        .select_related("edition")
    )
