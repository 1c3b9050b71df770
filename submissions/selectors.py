"""Reads of the submissions app.

`entries_visible_to(user)` is THE one place lists, search, exports and file downloads get their
entries from: the user's own and team entries, every entry for the Secretariaat, and the entries
the judging app lets a juror see (`judging.access.filter_entries_for_juror`). Anything outside it
answers 404.
"""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from .deadline import effective_deadline, local
from .enums import EntryState, Phase
from .models import Edition, Entry, TeamInvitation, TeamMembership
from .rules import is_secretariaat


def entries_visible_to(user, queryset=None):
    """Entries `user` may see (any state). Anonymous users see none here; the public showcase has
    its own published pages."""
    qs = Entry.objects.all() if queryset is None else queryset
    if user is None or not user.is_authenticated:
        return qs.none()
    if is_secretariaat(user):
        return qs
    from judging.access import filter_entries_for_juror

    juror_ids = filter_entries_for_juror(user, Entry.objects.all()).values("pk")
    team_ids = TeamMembership.objects.filter(user=user).values("entry_id")
    return qs.filter(Q(owner=user) | Q(pk__in=team_ids) | Q(pk__in=juror_ids))


def entries_of_entrant(user, queryset=None):
    """Entries `user` owns or co-edits: the entrant's own pages (dashboard, steps, autosave)
    use this, so even the Secretariaat and jurors get 404 there for entries that are not theirs."""
    qs = Entry.objects.all() if queryset is None else queryset
    if user is None or not user.is_authenticated:
        return qs.none()
    team_ids = TeamMembership.objects.filter(user=user).values("entry_id")
    return qs.filter(Q(owner=user) | Q(pk__in=team_ids))


def get_entry_for_user_or_404(user, pk, *, queryset=None) -> Entry:
    """One entry that `user` may see, or Http404 (never 403: a stranger learns nothing)."""
    try:
        return entries_visible_to(user, queryset).select_related("edition", "category", "owner").get(pk=pk)
    except (Entry.DoesNotExist, ValueError, TypeError):
        raise Http404("No entry found.") from None


def get_entry_for_entrant_or_404(user, pk, *, for_update: bool = False) -> Entry:
    """One entry that `user` owns or co-edits, or Http404. With `for_update=True` the row is locked
    until the end of the surrounding transaction (use inside `transaction.atomic()`)."""
    qs = entries_of_entrant(user)
    if for_update:
        # Lock only the entry row (PostgreSQL refuses FOR UPDATE on the nullable side of a join).
        qs = qs.select_for_update(of=("self",))
    try:
        return qs.select_related("edition", "category", "owner").get(pk=pk)
    except (Entry.DoesNotExist, ValueError, TypeError):
        raise Http404("No entry found.") from None


def dashboard_entries(user):
    """The entrant's entries with what the dashboard shows, in a fixed number of queries."""
    return (
        entries_of_entrant(user)
        .select_related("edition", "category", "owner")
        .prefetch_related(
            "organisations",
            "datasets",
            "memberships",
            "edition__categories",
            "images",
        )
        .order_by("-edition__year", "-updated_at")
    )


def open_editions(now=None):
    """Editions that accept new entries now (phase open)."""
    now = now or timezone.now()
    return [e for e in Edition.objects.filter(opens_at__lte=now).order_by("-year") if e.phase_at(now) == Phase.OPEN]


def pending_invitations_for(entry):
    now = timezone.now()
    return TeamInvitation.objects.filter(
        entry=entry, accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
    ).order_by("created_at")


def team_of(entry):
    return TeamMembership.objects.filter(entry=entry).select_related("user").order_by("joined_at")


def call_page_context(*, edition, user) -> dict:
    """What the call page shows beside its text: phase, timeline and the deadline for a countdown."""
    now = timezone.now()
    phase = edition.phase_at(now)
    deadline = effective_deadline(edition=edition, user=user)
    own_entries = []
    if user is not None and user.is_authenticated:
        own_entries = list(entries_of_entrant(user).filter(edition=edition).exclude(state=EntryState.WITHDRAWN))
    return {
        "edition": edition,
        "phase": phase,
        "is_open": phase == Phase.OPEN,
        "deadline_local": local(edition.closes_at),
        "opens_local": local(edition.opens_at),
        "jury_deadline_local": local(edition.jury_deadline),
        "ceremony_local": local(edition.ceremony_at),
        "seconds_left": max(0, int((edition.closes_at - now).total_seconds())),
        "days_left": max(0, int((edition.closes_at - now).total_seconds())) // 86400,
        "hours_left": max(0, int((edition.closes_at - now).total_seconds())) % 86400 // 3600,
        "effective_deadline": deadline,
        "own_entries": own_entries,
        "categories": list(edition.categories.all()),
    }
