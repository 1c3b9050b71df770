"""The Secretariaat's outbox: bulk mails from a template with placeholders, a preview per
recipient, then sending as a task, each message at most once with its own state.

Service API (also used by judging for jury feedback letters):

    create_mailing(*, subject, body, recipients, created_by, kind=MailingKind.BULK, edition=None,
                   entry=None) -> Mailing
    send_mailing(*, mailing, by) -> None        # draft -> sending; the task sends the messages
    retry_failed(*, mailing, by) -> int         # failed messages back to pending, sent again
    render_message(message) -> (subject, body)  # what this recipient gets (the preview)

`recipients` may mix entries (their owner and team members each get a message about that entry),
users, e-mail addresses and `Recipient` objects. Placeholders ({{ naam }}, {{ titel }}, ...) are
filled in by plain substitution from a fixed list (`PLACEHOLDERS`): no template language runs on
what the Secretariaat typed, so nothing in a template can reach data it should not. Values are
frozen per message when the mailing is created, so the preview is exactly what is sent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awardsite.audit import record_event

from .enums import MailingKind, MailingState, MessageState
from .models import Entry, Mailing, MailingMessage

PLACEHOLDERS = {
    "naam": gettext_lazy("name of the recipient"),
    "email": gettext_lazy("e-mail address of the recipient"),
    "titel": gettext_lazy("title of the entry"),
    "editie": gettext_lazy("year of the edition"),
    "status": gettext_lazy("state of the entry"),
    "ontvangstnummer": gettext_lazy("receipt number"),
    "reden": gettext_lazy("reason of the eligibility decision"),
    "feedback": gettext_lazy("jury feedback"),
    "link": gettext_lazy("link to the entrant's dashboard"),
}
_PLACEHOLDER_RE = re.compile(r"\{\{\s*([a-zA-Z_]+)\s*\}\}")


@dataclass
class Recipient:
    email: str
    name: str = ""
    entry: Entry | None = None
    user: object | None = None
    extra: dict = field(default_factory=dict)


def unknown_placeholders(text: str) -> list[str]:
    return sorted({name for name in _PLACEHOLDER_RE.findall(text or "") if name not in PLACEHOLDERS})


def fill_placeholders(text: str, values: dict) -> str:
    """Replace {{ known }} placeholders by their value; anything else stays as it was typed."""

    def substitute(match):
        name = match.group(1)
        return str(values.get(name, "")) if name in PLACEHOLDERS else match.group(0)

    return _PLACEHOLDER_RE.sub(substitute, text or "")


def _dashboard_link() -> str:
    from django.urls import reverse

    return f"{settings.SITE_URL}{reverse('submissions:dashboard')}"


def _values(recipient: Recipient) -> dict:
    user = recipient.user
    name = recipient.name or (user.get_full_name() if user is not None else "") or recipient.email.split("@")[0]
    values = {"naam": name, "email": recipient.email, "link": _dashboard_link()}
    entry = recipient.entry
    if entry is not None:
        values.update(
            {
                "titel": entry.title,
                "editie": entry.edition.year,
                "status": str(entry.get_state_display()),
                "ontvangstnummer": entry.receipt_number,
                "reden": entry.eligibility_reason,
                "feedback": entry.jury_feedback,
            }
        )
    values.update(recipient.extra)
    return {k: str(v) if v is not None else "" for k, v in values.items()}


def recipients_for_entries(entries: Iterable[Entry]) -> list[Recipient]:
    """The owner and every team member of each entry (anonymised accounts are skipped)."""
    result = []
    for entry in entries:
        people = [entry.owner, *(m.user for m in entry.memberships.all())]
        for person in people:
            if person.is_active and person.email and person.anonymised_at is None:
                result.append(Recipient(email=person.email, user=person, entry=entry))
    return result


def _normalise(recipients, *, entry: Entry | None) -> list[Recipient]:
    from awardsite.users import User

    result: list[Recipient] = []
    entries = []
    for item in recipients:
        if isinstance(item, Recipient):
            result.append(item)
        elif isinstance(item, Entry):
            entries.append(item)
        elif isinstance(item, User):
            result.append(Recipient(email=item.email, user=item, entry=entry))
        elif isinstance(item, str):
            user = User.objects.filter(email__iexact=item.strip()).first()
            result.append(Recipient(email=item.strip(), user=user, entry=entry))
        else:
            raise TypeError(f"Unknown recipient: {item!r}")
    if entries:
        loaded = Entry.objects.filter(pk__in=[e.pk for e in entries]).select_related("owner", "edition")
        result.extend(recipients_for_entries(loaded.prefetch_related("memberships__user")))
    seen, unique = set(), []
    for recipient in result:
        key = (recipient.email.lower(), recipient.entry.pk if recipient.entry else None)
        if recipient.email and key not in seen:
            seen.add(key)
            unique.append(recipient)
    return unique


def create_mailing(
    *,
    subject: str,
    body: str,
    recipients,
    created_by=None,
    kind: str = MailingKind.BULK,
    edition=None,
    entry: Entry | None = None,
    by=None,
) -> Mailing:
    """A draft mailing with one message per recipient. `by` is accepted as another name for
    `created_by` (judging.outbox calls it that)."""
    created_by = created_by or by
    subject = " ".join((subject or "").split())
    if not subject or not (body or "").strip():
        raise ValidationError(_("A mail needs a subject and a text."))
    unknown = unknown_placeholders(subject) + unknown_placeholders(body)
    if unknown:
        raise ValidationError(
            _("Unknown placeholders: %(names)s. Use only: %(known)s.")
            % {
                "names": ", ".join("{{ %s }}" % n for n in unknown),  # noqa: UP031
                "known": ", ".join("{{ %s }}" % n for n in PLACEHOLDERS),  # noqa: UP031
            }
        )
    people = _normalise(list(recipients), entry=entry)
    if not people:
        raise ValidationError(_("There are no recipients."))
    if edition is None and entry is not None:
        edition = entry.edition
    with transaction.atomic():
        mailing = Mailing.objects.create(
            kind=kind, edition=edition, subject=subject[:200], body=body, created_by=created_by
        )
        MailingMessage.objects.bulk_create(
            [
                MailingMessage(
                    mailing=mailing,
                    entry=r.entry,
                    user=r.user,
                    to_email=r.email,
                    context=_values(r),
                )
                for r in people
            ]
        )
        record_event(
            actor=created_by,
            action="mailing.created",
            obj=mailing,
            edition_year=edition.year if edition else None,
            data={"kind": kind, "recipients": len(people)},
        )
    return mailing


def render_message(message: MailingMessage) -> tuple[str, str]:
    mailing = message.mailing
    subject = fill_placeholders(mailing.subject, message.context)
    subject = " ".join(subject.split())[:250]  # no header injection through a value
    return subject, fill_placeholders(mailing.body, message.context)


def send_mailing(*, mailing: Mailing, by) -> None:
    """Start sending a draft mailing. Sending itself runs as a task (immediately by default)."""
    with transaction.atomic():
        locked = Mailing.objects.select_for_update().get(pk=mailing.pk)
        if locked.state != MailingState.DRAFT:
            raise ValidationError(_("This mailing has already been sent."), code="already_sent")
        locked.state = MailingState.SENDING
        locked.sent_by = by
        locked.send_started_at = timezone.now()
        locked.save(update_fields=["state", "sent_by", "send_started_at"])
        record_event(
            actor=by,
            action="mailing.sent",
            obj=locked,
            edition_year=locked.edition.year if locked.edition_id else None,
            data={"recipients": locked.messages.count()},
        )
        transaction.on_commit(lambda: _enqueue(locked.pk))
    mailing.refresh_from_db()


def retry_failed(*, mailing: Mailing, by) -> int:
    with transaction.atomic():
        count = MailingMessage.objects.filter(mailing=mailing, state=MessageState.FAILED).update(
            state=MessageState.PENDING, error=""
        )
        if count:
            Mailing.objects.filter(pk=mailing.pk).update(state=MailingState.SENDING, finished_at=None)
            record_event(actor=by, action="mailing.retried", obj=mailing, data={"messages": count})
            transaction.on_commit(lambda: _enqueue(mailing.pk))
    return count


def _enqueue(mailing_id: int) -> None:
    from .tasks import send_mailing_task

    send_mailing_task.enqueue(mailing_id)


def deliver_pending_messages(mailing_id: int) -> int:
    """Send every pending message of the mailing once. Each message is claimed (pending ->
    sending) in its own transaction before the mail goes out, so two workers never send the same
    message, and a crash never sends it twice (a message stuck in "sending" is checked by hand)."""
    sent = 0
    mailing = Mailing.objects.filter(pk=mailing_id).first()
    if mailing is None or mailing.state not in (MailingState.SENDING, MailingState.PARTLY_FAILED):
        return 0
    for message_id in list(
        mailing.messages.filter(state=MessageState.PENDING).order_by("pk").values_list("pk", flat=True)
    ):
        claimed = MailingMessage.objects.filter(pk=message_id, state=MessageState.PENDING).update(
            state=MessageState.SENDING
        )
        if not claimed:
            continue  # another worker has it
        message = MailingMessage.objects.select_related("mailing").get(pk=message_id)
        subject, body = render_message(message)
        try:
            EmailMessage(
                subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[message.to_email]
            ).send(fail_silently=False)
        except Exception as exc:  # noqa: BLE001 - any mail failure is recorded on the message
            MailingMessage.objects.filter(pk=message_id).update(
                state=MessageState.FAILED, attempts=message.attempts + 1, error=str(exc)[:300]
            )
        else:
            MailingMessage.objects.filter(pk=message_id).update(
                state=MessageState.SENT, attempts=message.attempts + 1, sent_at=timezone.now()
            )
            sent += 1
    remaining = mailing.messages.filter(state__in=[MessageState.PENDING, MessageState.SENDING]).exists()
    if not remaining:
        failed = mailing.messages.filter(state=MessageState.FAILED).exists()
        Mailing.objects.filter(pk=mailing.pk).update(
            state=MailingState.PARTLY_FAILED if failed else MailingState.SENT, finished_at=timezone.now()
        )
    return sent
