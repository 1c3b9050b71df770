"""Conflicts of interest: automatic flags, what a juror still has to declare, the register."""

import re
import unicodedata

from submissions.enums import COMPETING_STATES
from submissions.models import Entry, TeamMembership

from ..models import Assignment, ConflictDeclaration

_NOISE = re.compile(r"[^\w\s]")
_SPACE = re.compile(r"\s+")


def normalise_organisation(name: str) -> str:
    text = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode("ascii")
    text = _NOISE.sub(" ", text.casefold())
    return _SPACE.sub(" ", text).strip()


def organisations_match(juror_organisation: str, entry_organisation: str) -> bool:
    """Same organisation after normalising case, accents and punctuation, or one name contains the
    other as whole words ("Gemeente Utrecht" and "Gemeente Utrecht, team Data")."""
    a, b = normalise_organisation(juror_organisation), normalise_organisation(entry_organisation)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 4 and f" {short} " in f" {long} "


def automatic_flags(juror, entries) -> dict[int, str]:
    """{entry id: explanation} for entries the juror is probably conflicted with: their own
    organisation is one of the entry's, or they are on the entry's team. `entries` must have
    `organisations` prefetched."""
    entries = list(entries)
    team_ids = set(
        TeamMembership.objects.filter(user=juror, entry__in=[e.pk for e in entries]).values_list("entry_id", flat=True)
    )
    flags = {}
    for entry in entries:
        if entry.owner_id == juror.pk or entry.pk in team_ids:
            flags[entry.pk] = "team"
            continue
        for organisation in entry.organisations.all():
            if organisations_match(juror.organisation, organisation.name):
                flags[entry.pk] = organisation.name
                break
    return flags


def declarations_of(juror, entries) -> dict[int, ConflictDeclaration]:
    return {d.entry_id: d for d in ConflictDeclaration.objects.filter(juror=juror, entry__in=entries)}


def conflicted_pairs(edition) -> set[tuple[int, int]]:
    """(entry id, juror id) of every declared conflict in an edition."""
    return set(
        ConflictDeclaration.objects.filter(edition=edition, has_conflict=True).values_list("entry_id", "juror_id")
    )


def undeclared_entries_for_juror(juror, round_):
    """Entries assigned to the juror in the round for which no declaration exists yet. The chair
    declares for every entry of the round."""
    from .jury import is_chair

    if is_chair(juror, round_.edition):
        entry_ids = Assignment.objects.filter(round=round_).values("entry_id")
    else:
        entry_ids = Assignment.objects.filter(round=round_, juror=juror).values("entry_id")
    declared = ConflictDeclaration.objects.filter(juror=juror).values("entry_id")
    return (
        Entry.objects.filter(pk__in=entry_ids, state__in=COMPETING_STATES)
        .exclude(pk__in=declared)
        .prefetch_related("organisations")
        .order_by("title", "pk")
    )


def entries_to_declare(juror, round_):
    """The entries the juror declares for in this round, for the form: declared "no conflict" or
    not declared yet. Entries with a declared conflict are left out (404 on every path)."""
    from .jury import is_chair

    if is_chair(juror, round_.edition):
        entry_ids = Assignment.objects.filter(round=round_).values("entry_id")
    else:
        entry_ids = Assignment.objects.filter(round=round_, juror=juror).values("entry_id")
    conflicted = ConflictDeclaration.objects.filter(juror=juror, has_conflict=True).values("entry_id")
    return (
        Entry.objects.filter(pk__in=entry_ids, state__in=COMPETING_STATES)
        .exclude(pk__in=conflicted)
        .prefetch_related("organisations")
        .order_by("title", "pk")
    )


def conflict_count(juror, round_) -> int:
    """How many entries of the round the juror declared a conflict with (a number, no titles)."""
    return (
        ConflictDeclaration.objects.filter(juror=juror, has_conflict=True, entry__jury_assignments__round=round_)
        .values("entry_id")
        .distinct()
        .count()
    )


def conflict_register(*, edition=None, has_conflict=None):
    qs = ConflictDeclaration.objects.select_related("juror", "entry", "edition", "round").order_by(
        "-edition__year", "juror__last_name", "entry__title"
    )
    if edition is not None:
        qs = qs.filter(edition=edition)
    if has_conflict is not None:
        qs = qs.filter(has_conflict=has_conflict)
    return qs
