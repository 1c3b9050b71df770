"""Privacy: a user's own data as a download, account deletion (anonymisation) and the purge of
personal data of non-winning entrants some months after their edition's ceremony.

What stays after deletion or purge is what the jury record needs: entries (with an anonymised
owner), their organisations, datasets, reviews and scores (the judging app's rows are not
touched), decisions and the audit log. What goes: name, e-mail address, organisation and password
of the account, its e-mail addresses and MFA devices, team memberships, pending invitations and
nominations, unsubmitted drafts nobody else works on, and (in the purge) the private files of
non-winning entries.
"""

from __future__ import annotations

import calendar
import json
import zipfile
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from awardsite.audit import record_event
from awardsite.roles import INZENDERS, JURY, REDACTIE, SECRETARIAAT, user_in_group

from .enums import EntryState
from .models import Edition, Entry, EntryAttachment, EntryImage, Nomination, TeamInvitation, TeamMembership
from .snapshot import CONTENT_FIELDS

WINNING_STATES = (EntryState.WINNER, EntryState.HONOURABLE_MENTION)
ANONYMOUS_DOMAIN = "anoniem.invalid"


def placeholder_email(user) -> str:
    return f"verwijderd-{user.pk}@{ANONYMOUS_DOMAIN}"


# --- Export -------------------------------------------------------------------------------------


def _entries_of(user):
    member_ids = TeamMembership.objects.filter(user=user).values("entry_id")
    return (
        Entry.objects.filter(Q(owner=user) | Q(pk__in=member_ids))
        .select_related("edition", "category")
        .prefetch_related("organisations", "datasets", "images", "attachments", "memberships__user")
        .order_by("pk")
    )


def collect_personal_data(user) -> dict:
    """Everything we hold about `user` that is theirs to take away, as JSON-ready data."""
    from allauth.account.models import EmailAddress

    entries = []
    for entry in _entries_of(user):
        entries.append(
            {
                "id": entry.pk,
                "role": "owner" if entry.owner_id == user.pk else "team member",
                "edition": entry.edition.year,
                "category": entry.category.name if entry.category else None,
                "state": entry.state,
                **{
                    name: getattr(entry, name)
                    for name in (
                        *CONTENT_FIELDS,
                        "created_at",
                        "updated_at",
                        "submitted_at",
                        "withdrawn_at",
                        "receipt_number",
                        "eligibility_reason",
                    )
                },
                "organisations": [
                    {"name": o.name, "type": o.org_type, "website": o.website, "share_percent": o.share_percent}
                    for o in entry.organisations.all()
                ],
                "team": [m.user.email for m in entry.memberships.all()],
                "datasets": [
                    {
                        "title": d.title,
                        "url": d.url,
                        "publisher": d.publisher,
                        "licence": d.licence_title or d.licence_id,
                        "open_licence": d.is_open_licence,
                        "dutch_government": d.is_dutch_government,
                        "how_used": d.how_used,
                    }
                    for d in entry.datasets.all()
                ],
                "screenshots": [
                    {"file": _zip_name(i), "alt_text": i.alt_text, "caption": i.caption, "sha256": i.sha256}
                    for i in entry.images.all()
                ],
                "attachments": [
                    {"file": _zip_name(a), "title": a.title, "original_name": a.original_name, "sha256": a.sha256}
                    for a in entry.attachments.all()
                ],
            }
        )
    return {
        "exported_at": timezone.now(),
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "organisation": user.organisation,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "roles": sorted(user.groups.values_list("name", flat=True)),
            "email_addresses": [
                {"email": e.email, "verified": e.verified, "primary": e.primary}
                for e in EmailAddress.objects.filter(user=user)
            ],
        },
        "team_memberships": [
            {"entry": m.entry_id, "joined_at": m.joined_at} for m in TeamMembership.objects.filter(user=user)
        ],
        "nominations_made": [
            {
                "edition": n.edition.year,
                "title": n.title,
                "nominee_name": n.nominee_name,
                "nominee_email": n.nominee_email,
                "created_at": n.created_at,
            }
            for n in Nomination.objects.filter(nominated_by=user).select_related("edition")
        ],
        "entries": entries,
    }


def _zip_name(item) -> str:
    folder = "screenshots" if isinstance(item, EntryImage) else "attachments"
    extension = item.file.name.rsplit(".", 1)[-1] if "." in item.file.name else "bin"
    return f"entry-{item.entry_id}/{folder}/{item.pk}.{extension}"


class _StreamBuffer:
    """A write-only file object for zipfile that hands its bytes to a generator."""

    def __init__(self):
        self.chunks: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.chunks.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        return None

    def take(self) -> bytes:
        data, self.chunks = b"".join(self.chunks), []
        return data


def iter_personal_data_zip(user, *, chunk_size: int = 64 * 1024):
    """Yield a zip (data.json plus the user's files), built while it is sent: memory stays small."""
    data = collect_personal_data(user)
    buffer = _StreamBuffer()
    storage = storages["private"]
    with zipfile.ZipFile(buffer, mode="w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))
        yield buffer.take()
        entries = _entries_of(user)
        for entry in entries:
            for item in [*entry.images.all(), *entry.attachments.all()]:
                try:
                    source = storage.open(item.file.name, "rb")
                except (FileNotFoundError, OSError):
                    continue
                with source, archive.open(_zip_name(item), mode="w", force_zip64=True) as target:
                    while chunk := source.read(chunk_size):
                        target.write(chunk)
                        yield buffer.take()
    yield buffer.take()


# --- Account deletion ---------------------------------------------------------------------------


def account_deletion_refusal(user) -> str | None:
    """Why this account cannot delete itself here, or None."""
    if user.is_staff or user.is_superuser or any(user_in_group(user, g) for g in (JURY, SECRETARIAAT, REDACTIE)):
        return _(
            "Your account has a role (jury, Secretariaat or editor). Ask the Secretariaat to end your role "
            "first; the jury record has to stay complete."
        )
    return None


@dataclass
class AnonymiseResult:
    deleted_drafts: list[int] = field(default_factory=list)
    kept_entries: list[int] = field(default_factory=list)


def _anonymise(user, *, now: datetime) -> AnonymiseResult:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    result = AnonymiseResult()
    old_email = user.email
    for entry in Entry.objects.filter(owner=user).prefetch_related("memberships"):
        if entry.state == EntryState.DRAFT and not entry.memberships.all():
            _delete_entry_files(entry)
            result.deleted_drafts.append(entry.pk)
            entry.delete()
        else:
            result.kept_entries.append(entry.pk)
    TeamMembership.objects.filter(user=user).delete()
    TeamInvitation.objects.filter(email__iexact=old_email, accepted_at__isnull=True).delete()
    Nomination.objects.filter(nominated_by=user, accepted_at__isnull=True).delete()
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    user.email = placeholder_email(user)
    user.first_name = ""
    user.last_name = ""
    user.organisation = ""
    user.is_active = False
    user.anonymised_at = now
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    return result


def _delete_entry_files(entry) -> None:
    names = [i.file.name for i in entry.images.all()] + [a.file.name for a in entry.attachments.all()]
    storage = storages["private"]
    transaction.on_commit(lambda: [storage.delete(name) for name in names if name])


def delete_account(*, user, now: datetime | None = None) -> AnonymiseResult:
    """The user deletes their own account: anonymised, not removed (the jury record keeps its rows)."""
    refusal = account_deletion_refusal(user)
    if refusal:
        raise ValidationError(refusal, code="has_role")
    now = now or timezone.now()
    with transaction.atomic():
        result = _anonymise(user, now=now)
        record_event(
            actor=user,
            action="account.deleted",
            obj=user,
            data={"deleted_drafts": result.deleted_drafts, "kept_entries": result.kept_entries},
        )
    return result


# --- Purge --------------------------------------------------------------------------------------


def months_before(moment: datetime, months: int) -> datetime:
    year_shift, month_index = divmod(moment.month - 1 - months, 12)
    year = moment.year + year_shift
    month = month_index + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


@dataclass
class PurgePlan:
    cutoff: datetime
    editions: list[int] = field(default_factory=list)
    users: list[int] = field(default_factory=list)
    images: list[int] = field(default_factory=list)
    attachments: list[int] = field(default_factory=list)


def plan_purge(*, now: datetime | None = None, months: int | None = None) -> PurgePlan:
    """What the purge would remove: users whose every entry is non-winning and belongs to an
    edition whose ceremony is more than `months` ago, and the private files of those entries."""
    now = now or timezone.now()
    months = settings.PURGE_AFTER_MONTHS if months is None else months
    cutoff = months_before(now, months)
    old_editions = Edition.objects.filter(ceremony_at__lte=cutoff)
    old_entries = Entry.objects.filter(edition__in=old_editions).exclude(state__in=WINNING_STATES)
    keep_entries = Entry.objects.exclude(pk__in=old_entries.values("pk"))
    keep_users = set(keep_entries.values_list("owner_id", flat=True)) | set(
        TeamMembership.objects.filter(entry__in=keep_entries).values_list("user_id", flat=True)
    )
    candidates = set(old_entries.values_list("owner_id", flat=True)) | set(
        TeamMembership.objects.filter(entry__in=old_entries).values_list("user_id", flat=True)
    )
    from awardsite.users import User

    users = [
        user.pk
        for user in User.objects.filter(pk__in=candidates - keep_users, anonymised_at__isnull=True).prefetch_related(
            "groups"
        )
        # Staff and people with a role other than entrant keep their account (the jury record).
        if not (user.is_staff or user.is_superuser) and {g.name for g in user.groups.all()} <= {INZENDERS}
    ]
    return PurgePlan(
        cutoff=cutoff,
        editions=sorted(old_editions.values_list("year", flat=True)),
        users=sorted(users),
        images=sorted(EntryImage.objects.filter(entry__in=old_entries).values_list("pk", flat=True)),
        attachments=sorted(EntryAttachment.objects.filter(entry__in=old_entries).values_list("pk", flat=True)),
    )


def apply_purge(plan: PurgePlan, *, now: datetime | None = None) -> None:
    from awardsite.users import User

    now = now or timezone.now()
    storage = storages["private"]
    with transaction.atomic():
        names = list(EntryImage.objects.filter(pk__in=plan.images).values_list("file", flat=True)) + list(
            EntryAttachment.objects.filter(pk__in=plan.attachments).values_list("file", flat=True)
        )
        EntryImage.objects.filter(pk__in=plan.images).delete()
        EntryAttachment.objects.filter(pk__in=plan.attachments).delete()
        for user in User.objects.filter(pk__in=plan.users):
            _anonymise(user, now=now)
        record_event(
            actor=None,
            action="privacy.purged",
            data={
                "cutoff": plan.cutoff,
                "editions": plan.editions,
                "users": len(plan.users),
                "images": len(plan.images),
                "attachments": len(plan.attachments),
            },
        )
        transaction.on_commit(lambda: [storage.delete(name) for name in names if name])
