"""Writes of the entrant journey: start, save (optimistic locking, versions), submit, withdraw,
teams, nominations, late-access codes, deadline reminders.

Every service is keyword-only, checks who acts and what the state allows, writes inside
`transaction.atomic()` with the entry row locked (`select_for_update`), and records an audit event
for state changes. The deadline is checked by `submissions.deadline` on every write.
Uploads, datasets and privacy live in the files-admin modules of this app.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awardsite.access import has_verified_email
from awardsite.audit import record_event
from awardsite.sanitize import sanitize_html

from . import emails
from .completeness import missing_items
from .deadline import (
    assert_edition_accepts_new_entries,
    assert_entry_writable,
    effective_deadline,
)
from .enums import EntryState
from .models import (
    DeadlineReminder,
    Edition,
    Entry,
    EntryOrganisation,
    EntryVersion,
    LateAccessCode,
    Nomination,
    SubmissionReceipt,
    TeamInvitation,
    TeamMembership,
)
from .rules import can_withdraw_entry, is_entrant, is_owner, is_secretariaat
from .snapshot import CONTENT_FIELDS, content_hash, entry_snapshot

INVITATION_DAYS = 14
NOMINATION_DAYS = 21

# Fields an entrant may change with `save_entry` (datasets, files and state have their own services).
EDITABLE_FIELDS = frozenset(CONTENT_FIELDS) | {"category"}
RICH_TEXT_FIELDS = frozenset({"description"})


class StaleEntry(Exception):
    """The entry changed since the user loaded it (another tab or a team member saved first).

    `current` is the newer entry (the caller shows it beside the user's own, unsaved text)."""

    def __init__(self, current: Entry):
        super().__init__(f"Entry {current.pk} is at version {current.version}.")
        self.current = current


@dataclass
class SaveResult:
    entry: Entry
    changed: bool
    changed_fields: list[str] = field(default_factory=list)


def _lock_entry(entry_or_pk) -> Entry:
    pk = getattr(entry_or_pk, "pk", entry_or_pk)
    return Entry.objects.select_for_update(of=("self",)).select_related("edition", "owner", "category").get(pk=pk)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _new_version(*, entry: Entry, by) -> None:
    EntryVersion.objects.create(entry=entry, version=entry.version, data=entry_snapshot(entry), created_by=by)


# --- Entries ----------------------------------------------------------------------------------


def start_entry(*, edition: Edition, by, title: str, now: datetime | None = None) -> Entry:
    """A new draft owned by `by`."""
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("Give your entry a name.")})
    with transaction.atomic():
        assert_edition_accepts_new_entries(edition=edition, user=by, now=now)
        entry = Entry.objects.create(edition=edition, owner=by, title=title, state=EntryState.DRAFT)
        _new_version(entry=entry, by=by)
        record_event(actor=by, action="entry.created", obj=entry, edition_year=edition.year)
    return entry


def save_entry(
    *,
    entry: Entry | int,
    by,
    changes: dict,
    expected_version: int,
    organisations: list[dict] | None = None,
    now: datetime | None = None,
) -> SaveResult:
    """Apply `changes` (field -> cleaned value) and, when given, replace the organisations.

    Refused with `StaleEntry` when the entry is no longer at `expected_version`, with an
    `EntryNotWritable` after the deadline or in a read-only state, with PermissionDenied for
    anyone but the owner and team. A save that changes nothing keeps the version (autosave of an
    unchanged form costs no version). Each real change becomes a new EntryVersion.
    """
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    with transaction.atomic():
        locked = _lock_entry(entry)
        if not is_entrant(by, locked):
            raise PermissionDenied
        assert_entry_writable(entry=locked, user=by, now=now)
        if locked.version != expected_version:
            raise StaleEntry(locked)
        changed = []
        for name, value in changes.items():
            if name in RICH_TEXT_FIELDS:
                value = sanitize_html(value)
            attr = "category_id" if name == "category" else name
            if name == "category":
                value = value.pk if value is not None else None
                if value is not None and not locked.edition.categories.filter(pk=value).exists():
                    raise ValidationError({"category": _("Choose a category of this edition.")})
            if getattr(locked, attr) != value:
                setattr(locked, attr, value)
                changed.append(name)
        if organisations is not None and _organisations_differ(locked, organisations):
            locked.organisations.all().delete()
            EntryOrganisation.objects.bulk_create(
                EntryOrganisation(entry=locked, sort_order=i, **org) for i, org in enumerate(organisations)
            )
            changed.append("organisations")
        if not changed:
            return SaveResult(entry=locked, changed=False)
        locked.version += 1
        locked.save()
        _new_version(entry=locked, by=by)
    return SaveResult(entry=locked, changed=True, changed_fields=changed)


def _organisations_differ(entry: Entry, organisations: list[dict]) -> bool:
    keys = ("name", "org_type", "website", "share_percent")
    current = [tuple(getattr(o, k) for k in keys) for o in entry.organisations.all()]
    new = [tuple(o.get(k) if k != "website" else o.get(k) or "" for k in keys) for o in organisations]
    return current != new


def bump_entry_version(*, entry: Entry, by) -> Entry:
    """For the files-admin services: call inside your transaction after changing datasets, images or
    attachments of a locked entry, so open forms in other tabs notice and the edit is versioned."""
    entry.version += 1
    entry.save(update_fields=["version", "updated_at"])
    _new_version(entry=entry, by=by)
    return entry


def submit_entry(*, entry: Entry | int, by, now: datetime | None = None) -> tuple[Entry, SubmissionReceipt, bool]:
    """Submit (or re-submit after edits). Returns (entry, receipt, created).

    Idempotent: while the content is unchanged since the last submission, it returns the existing
    receipt and sends nothing, so a double click gives one submission and one e-mail. Only the owner
    submits; needs a verified e-mail address, a complete entry (with at least one Dutch government
    open dataset) and the deadline not passed.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock_entry(entry)
        if not is_owner(by, locked):
            raise PermissionDenied
        assert_entry_writable(entry=locked, user=by, now=now)
        if not has_verified_email(by):
            raise ValidationError(
                _("Confirm your e-mail address first. We sent you a link; you can ask for a new one."),
                code="email_unverified",
            )
        missing = missing_items(locked)
        if missing:
            raise ValidationError([m.message for m in missing], code="incomplete")
        snapshot = entry_snapshot(locked)
        digest = content_hash(snapshot)
        if locked.state == EntryState.SUBMITTED and locked.content_hash == digest:
            return locked, locked.receipts.order_by("-created_at").first(), False
        sequence = locked.receipts.count() + 1
        receipt = SubmissionReceipt.objects.create(
            entry=locked,
            number=f"SODA-{locked.edition.year}-{locked.pk:05d}-{sequence}",
            content_hash=digest,
            version=locked.version,
            snapshot=snapshot,
            submitted_by=by,
        )
        first = locked.state == EntryState.DRAFT
        locked.state = EntryState.SUBMITTED
        locked.submitted_at = receipt.created_at
        locked.receipt_number = receipt.number
        locked.content_hash = digest
        locked.save(update_fields=["state", "submitted_at", "receipt_number", "content_hash", "updated_at"])
        record_event(
            actor=by,
            action="entry.submitted" if first else "entry.resubmitted",
            obj=locked,
            edition_year=locked.edition.year,
            data={"receipt": receipt.number, "sha256": digest, "version": locked.version},
        )
        emails.send_receipt(entry=locked, receipt=receipt)
    return locked, receipt, True


def withdraw_entry(*, entry: Entry | int, by, reason: str = "") -> Entry:
    """The owner withdraws the entry (any state before the jury's decision). Not reversible here."""
    with transaction.atomic():
        locked = _lock_entry(entry)
        if not is_owner(by, locked):
            raise PermissionDenied
        if locked.state == EntryState.WITHDRAWN:
            return locked
        if not can_withdraw_entry(by, locked):
            raise ValidationError(_("This entry can no longer be withdrawn."), code="not_withdrawable")
        previous = locked.state
        locked.state = EntryState.WITHDRAWN
        locked.withdrawn_at = timezone.now()
        locked.save(update_fields=["state", "withdrawn_at", "updated_at"])
        record_event(
            actor=by,
            action="entry.withdrawn",
            obj=locked,
            edition_year=locked.edition.year,
            data={"from": previous, "reason": reason[:1000]},
        )
    return locked


# --- Teams ------------------------------------------------------------------------------------


def invite_team_member(*, entry: Entry | int, by, email: str, now: datetime | None = None) -> TeamInvitation:
    """The owner invites a co-entrant. The token is mailed; only its SHA-256 is stored."""
    email = email.strip().lower()
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock_entry(entry)
        if not is_owner(by, locked):
            raise PermissionDenied
        assert_entry_writable(entry=locked, user=by, now=now)
        if email == locked.owner.email.lower() or locked.memberships.filter(user__email__iexact=email).exists():
            raise ValidationError({"email": _("This person is already in the team.")})
        if TeamInvitation.objects.filter(
            entry=locked, email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
        ).exists():
            raise ValidationError({"email": _("This person has already been invited.")})
        token = secrets.token_urlsafe(32)
        expires = min(now + timedelta(days=INVITATION_DAYS), effective_deadline(edition=locked.edition, entry=locked))
        invitation = TeamInvitation.objects.create(
            entry=locked, email=email, token_hash=_token_hash(token), invited_by=by, expires_at=expires
        )
        record_event(
            actor=by, action="entry.team_invited", obj=locked, edition_year=locked.edition.year, data={"email": email}
        )
        emails.send_invitation(invitation=invitation, token=token)
    return invitation


def find_invitation(token: str) -> TeamInvitation | None:
    return (
        TeamInvitation.objects.select_related("entry__edition", "entry__owner")
        .filter(token_hash=_token_hash(token))
        .first()
    )


def accept_invitation(*, token: str, by, now: datetime | None = None) -> Entry:
    """The invited person (logged in with the invited e-mail address) joins the team."""
    now = now or timezone.now()
    invitation = find_invitation(token)
    invalid = ValidationError(_("This invitation is not valid (any more). Ask the owner for a new one."))
    if invitation is None:
        raise invalid
    with transaction.atomic():
        invitation = TeamInvitation.objects.select_for_update().get(pk=invitation.pk)
        entry = _lock_entry(invitation.entry_id)
        if invitation.accepted_at and invitation.accepted_by_id == by.pk:
            return entry
        if invitation.accepted_at or invitation.revoked_at or invitation.expires_at < now:
            raise invalid
        if by.email.lower() != invitation.email.lower():
            raise ValidationError(
                _("This invitation was sent to %(email)s. Log in with that address to accept it.")
                % {"email": invitation.email}
            )
        assert_entry_writable(entry=entry, user=entry.owner, now=now)
        if entry.owner_id != by.pk:
            TeamMembership.objects.get_or_create(entry=entry, user=by)
        invitation.accepted_at = now
        invitation.accepted_by = by
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        record_event(actor=by, action="entry.team_joined", obj=entry, edition_year=entry.edition.year)
    return entry


def revoke_invitation(*, invitation: TeamInvitation, by) -> None:
    with transaction.atomic():
        entry = _lock_entry(invitation.entry_id)
        if not is_owner(by, entry):
            raise PermissionDenied
        TeamInvitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(revoked_at=timezone.now())


def remove_team_member(*, entry: Entry | int, by, membership_id: int) -> None:
    """Only the owner removes a co-entrant (also after the deadline, until the decision)."""
    with transaction.atomic():
        locked = _lock_entry(entry)
        if not is_owner(by, locked):
            raise PermissionDenied
        membership = locked.memberships.select_related("user").filter(pk=membership_id).first()
        if membership is None:
            raise ValidationError(_("This person is not in the team."))
        membership.delete()
        record_event(
            actor=by,
            action="entry.team_removed",
            obj=locked,
            edition_year=locked.edition.year,
            data={"email": membership.user.email},
        )


# --- Nominations ------------------------------------------------------------------------------


def nominate(
    *,
    edition: Edition,
    by,
    nominee_email: str,
    nominee_name: str,
    title: str,
    motivation: str,
    organisation_name: str = "",
    application_url: str = "",
    now: datetime | None = None,
) -> Nomination:
    now = now or timezone.now()
    nominee_email = nominee_email.strip().lower()
    if not edition.nominations_allowed:
        raise ValidationError(_("This edition does not accept nominations."))
    if nominee_email == by.email.lower():
        raise ValidationError({"nominee_email": _("You cannot nominate yourself. Start an entry instead.")})
    with transaction.atomic():
        assert_edition_accepts_new_entries(edition=edition, user=by, now=now)
        token = secrets.token_urlsafe(32)
        nomination = Nomination.objects.create(
            edition=edition,
            nominated_by=by,
            nominee_email=nominee_email,
            nominee_name=nominee_name.strip(),
            organisation_name=organisation_name.strip(),
            title=title.strip(),
            motivation=motivation.strip(),
            application_url=application_url,
            token_hash=_token_hash(token),
            expires_at=min(now + timedelta(days=NOMINATION_DAYS), edition.deadline_with_grace),
        )
        record_event(
            actor=by,
            action="nomination.created",
            obj=nomination,
            edition_year=edition.year,
            data={"nominee": nominee_email},
        )
        emails.send_nomination(nomination=nomination, token=token)
    return nomination


def find_nomination(token: str) -> Nomination | None:
    return Nomination.objects.select_related("edition", "nominated_by").filter(token_hash=_token_hash(token)).first()


def accept_nomination(*, token: str, by, now: datetime | None = None) -> Entry:
    """The nominee takes ownership: a draft entry owned by them, prefilled from the nomination."""
    now = now or timezone.now()
    invalid = ValidationError(_("This nomination is not valid (any more)."))
    nomination = find_nomination(token)
    if nomination is None:
        raise invalid
    with transaction.atomic():
        nomination = Nomination.objects.select_for_update().select_related("edition").get(pk=nomination.pk)
        if nomination.accepted_at:
            if nomination.entry and nomination.entry.owner_id == by.pk:
                return nomination.entry
            raise invalid
        if nomination.expires_at < now:
            raise invalid
        if by.email.lower() != nomination.nominee_email.lower():
            raise ValidationError(
                _("This nomination was sent to %(email)s. Log in with that address to accept it.")
                % {"email": nomination.nominee_email}
            )
        assert_edition_accepts_new_entries(edition=nomination.edition, user=by, now=now)
        entry = Entry.objects.create(
            edition=nomination.edition,
            owner=by,
            title=nomination.title[:150],
            application_url=nomination.application_url,
            state=EntryState.DRAFT,
        )
        if nomination.organisation_name:
            EntryOrganisation.objects.create(
                entry=entry, name=nomination.organisation_name, org_type=_default_org_type()
            )
        _new_version(entry=entry, by=by)
        nomination.accepted_at = now
        nomination.entry = entry
        nomination.save(update_fields=["accepted_at", "entry"])
        record_event(
            actor=by,
            action="nomination.accepted",
            obj=entry,
            edition_year=entry.edition.year,
            data={"nominated_by": nomination.nominated_by.email},
        )
    return entry


def _default_org_type():
    from .enums import OrganisationType

    return OrganisationType.MARKET


def decline_nomination(*, token: str) -> None:
    """The nominee declines: the nomination is deleted (nothing about them is kept)."""
    nomination = find_nomination(token)
    if nomination is None or nomination.accepted_at:
        raise ValidationError(_("This nomination is not valid (any more)."))
    with transaction.atomic():
        record_event(actor=None, action="nomination.declined", obj=None, edition_year=nomination.edition.year)
        nomination.delete()


def purge_expired_nominations(*, now: datetime | None = None) -> int:
    """Delete nominations that were not accepted in time. Returns how many."""
    now = now or timezone.now()
    count, _details = Nomination.objects.filter(accepted_at__isnull=True, expires_at__lt=now).delete()
    return count


# --- Late access --------------------------------------------------------------------------------


def issue_late_access_code(
    *, edition: Edition, user, by, deadline: datetime, entry: Entry | None = None, reason: str = ""
) -> LateAccessCode:
    if not is_secretariaat(by):
        raise PermissionDenied
    if deadline <= edition.deadline_with_grace:
        raise ValidationError({"deadline": _("The own deadline must be later than the edition's deadline.")})
    if entry is not None and entry.edition_id != edition.pk:
        raise ValidationError({"entry": _("This entry belongs to another edition.")})
    with transaction.atomic():
        code = LateAccessCode.objects.create(
            edition=edition,
            user=user,
            entry=entry,
            code=generate_late_access_code(),
            deadline=deadline,
            reason=reason,
            issued_by=by,
        )
        record_event(
            actor=by,
            action="late_access.issued",
            obj=code,
            edition_year=edition.year,
            data={"user": user.email, "entry": entry.pk if entry else None, "deadline": deadline.isoformat()},
        )
    return code


def generate_late_access_code() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(3))


def redeem_late_access_code(*, code: str, by, now: datetime | None = None) -> LateAccessCode:
    """The entrant enters the code they received; from now on their deadline is the code's."""
    now = now or timezone.now()
    invalid = ValidationError({"code": _("This code is not valid. Check it, or contact the Secretariaat.")})
    normalized = code.strip().upper()
    with transaction.atomic():
        found = LateAccessCode.objects.select_for_update().filter(code=normalized).first()
        if found is None or found.user_id != by.pk or found.revoked_at or found.deadline < now:
            raise invalid
        if found.redeemed_at is None:
            found.redeemed_at = now
            found.save(update_fields=["redeemed_at"])
            record_event(actor=by, action="late_access.redeemed", obj=found, edition_year=found.edition.year)
    return found


def revoke_late_access_code(*, code: LateAccessCode, by) -> None:
    if not is_secretariaat(by):
        raise PermissionDenied
    with transaction.atomic():
        LateAccessCode.objects.filter(pk=code.pk).update(revoked_at=timezone.now())
        record_event(actor=by, action="late_access.revoked", obj=code, edition_year=code.edition.year)


# --- Reminders ----------------------------------------------------------------------------------

REMINDER_KINDS = (("7d", timedelta(days=7)), ("1d", timedelta(days=1)))


def send_deadline_reminders(*, now: datetime | None = None) -> int:
    """Mail the owners of unsubmitted drafts 7 days and 1 day before the deadline. Each reminder is
    a DeadlineReminder row first (unique per entry and kind), so a reminder is never sent twice,
    even with two cron runs at once. Returns how many were sent."""
    now = now or timezone.now()
    sent = 0
    editions = Edition.objects.filter(opens_at__lte=now, closes_at__gt=now, closes_at__lte=now + timedelta(days=7))
    for edition in editions:
        if edition.decision_signed_at:
            continue
        kind = "1d" if edition.closes_at - now <= timedelta(days=1) else "7d"
        drafts = (
            Entry.objects.filter(edition=edition, state=EntryState.DRAFT)
            .exclude(deadline_reminders__kind=kind)
            .select_related("owner", "edition")
        )
        for entry in drafts:
            try:
                with transaction.atomic():
                    DeadlineReminder.objects.create(entry=entry, kind=kind)
                    emails.send_reminder(entry=entry, kind=kind)
            except IntegrityError:
                continue  # another run sent it just now
            sent += 1
    return sent
