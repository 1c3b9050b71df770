"""The ONE rule for "may this user write to this entry now?" (and "may this user start an entry?").

Every write path calls it on the server, whatever the client says: step saves, autosave, team
invitations and their acceptance, submit, withdraw (engineer "journey") and uploads and datasets
(engineer "files-admin"). Call it inside the transaction, after locking the entry row
(`Entry.objects.select_for_update()`), so a racing request sees the same answer.

The exceptions are `django.core.exceptions.ValidationError` subclasses, so a view can put them in
the form's error summary (`form.add_error(None, exc)`) and re-render with everything the user
typed; the message is translated (Dutch/English) and says what happened and what to do.

    EntryNotWritable          # catch this for "any reason the entry cannot be written"
    ├── DeadlinePassed        # the deadline (+ grace, + own late-access deadline) has passed
    ├── EditionNotOpen        # the edition has not opened yet, or its decision is signed
    └── EntryReadOnly         # the entry's state does not allow changes (withdrawn, checked, decided)

Times: deadlines are stored in UTC and shown in Europe/Amsterdam. A write is allowed while
`now <= closes_at + grace_minutes` (inclusive), or until a redeemed, unrevoked late-access code's
own deadline for that user.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .enums import EntryState

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

# States in which the entrant may still change the entry (until the deadline).
WRITABLE_STATES = (EntryState.DRAFT, EntryState.SUBMITTED)


class EntryNotWritable(ValidationError):
    """Base class: this user may not write to this entry now."""


class DeadlinePassed(EntryNotWritable):
    pass


class EditionNotOpen(EntryNotWritable):
    pass


class EntryReadOnly(EntryNotWritable):
    pass


def local(dt: datetime) -> datetime:
    """`dt` in Europe/Amsterdam (for messages and templates)."""
    return timezone.localtime(dt, AMSTERDAM)


def format_deadline(dt: datetime) -> str:
    return formats.date_format(local(dt), "DATETIME_FORMAT")


def active_late_access(*, edition, user, entry=None, now: datetime | None = None, cached: bool = False):
    """The redeemed, unrevoked late-access code of `user` that covers `entry` (or, without entry, the
    edition) and has the latest deadline — or None. The deadline may already have passed.

    `cached=True` (for pages that list many entries) reads all of the user's codes once per request
    and filters in memory; services always read fresh inside their transaction."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    from .models import LateAccessCode

    if cached:
        codes = getattr(user, "_soda_late_access_codes", None)
        if codes is None:
            codes = list(LateAccessCode.objects.filter(user=user, redeemed_at__isnull=False, revoked_at__isnull=True))
            user._soda_late_access_codes = codes
        entry_id = entry.pk if entry is not None else None
        matching = [
            c
            for c in codes
            if c.edition_id == edition.pk and (c.entry_id is None or (entry_id is not None and c.entry_id == entry_id))
        ]
        if entry is None:
            matching = [c for c in matching if c.entry_id is None]
        return max(matching, key=lambda c: c.deadline, default=None)
    codes = LateAccessCode.objects.filter(
        edition=edition, user=user, redeemed_at__isnull=False, revoked_at__isnull=True
    )
    codes = codes.filter(Q(entry__isnull=True) | Q(entry=entry)) if entry is not None else codes.filter(entry=None)
    return codes.order_by("-deadline").first()


def effective_deadline(*, edition, user=None, entry=None, cached: bool = False) -> datetime:
    """The last moment (inclusive, UTC) at which `user` may write: the edition's deadline plus grace,
    or later when the user redeemed a late-access code for this entry or edition."""
    deadline = edition.deadline_with_grace
    code = active_late_access(edition=edition, user=user, entry=entry, cached=cached)
    if code is not None and code.deadline > deadline:
        deadline = code.deadline
    return deadline


def announced_deadline(*, entry, user) -> datetime:
    """The deadline an entrant is told on their entry: the published closing time, or their own later
    deadline from a late-access code. The grace minutes stay a silent tolerance and are never shown."""
    deadline = effective_deadline(edition=entry.edition, user=user, entry=entry)
    return deadline if deadline > entry.edition.deadline_with_grace else entry.edition.closes_at


def _assert_edition_accepts_writes(*, edition, user, entry, now: datetime, cached: bool = False) -> None:
    if now < edition.opens_at:
        raise EditionNotOpen(
            _("The call for entries opens on %(opens)s. You cannot write an entry yet.")
            % {"opens": format_deadline(edition.opens_at)},
            code="edition_not_open",
        )
    if edition.decision_signed_at or edition.results_published_at:
        raise EditionNotOpen(
            _("The jury has decided on this edition. Entries can no longer be changed."),
            code="edition_decided",
        )
    if now <= edition.deadline_with_grace:
        return  # within the edition's own deadline: no late-access code needed (and no query)
    deadline = effective_deadline(edition=edition, user=user, entry=entry, cached=cached)
    if now > deadline:
        raise DeadlinePassed(
            _(
                "The deadline has passed (%(deadline)s, Amsterdam time). Your changes were not saved. "
                "Contact the Secretariaat if something went wrong."
            )
            % {"deadline": format_deadline(deadline)},
            code="deadline_passed",
        )


def assert_entry_writable(*, entry, user, now: datetime | None = None, cached: bool = False) -> None:
    """Raise an `EntryNotWritable` unless `user` may write to `entry` at `now` (default: now).

    Checks the state (only draft and submitted entries change), the edition (open, not decided)
    and the deadline (with grace and the user's late-access code). It does NOT check who the user
    is: call `rules.can_edit_entry` (or use `selectors.get_entry_for_user_or_404`) for that first.
    """
    now = now or timezone.now()
    if entry.state not in WRITABLE_STATES:
        raise EntryReadOnly(
            _("This entry is %(state)s and can no longer be changed.") % {"state": entry.get_state_display().lower()},
            code="entry_read_only",
        )
    _assert_edition_accepts_writes(edition=entry.edition, user=user, entry=entry, now=now, cached=cached)


def assert_edition_accepts_new_entries(*, edition, user, now: datetime | None = None) -> None:
    """Raise an `EntryNotWritable` unless `user` may start a new entry (or accept a nomination or
    an invitation) in `edition` at `now`."""
    _assert_edition_accepts_writes(edition=edition, user=user, entry=None, now=now or timezone.now())


def entry_is_writable(*, entry, user, now: datetime | None = None) -> bool:
    """For display (buttons, read-only pages): the same rule, with the user's codes read once."""
    try:
        assert_entry_writable(entry=entry, user=user, now=now, cached=True)
    except EntryNotWritable:
        return False
    return True
