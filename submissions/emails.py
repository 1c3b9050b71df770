"""E-mails of the entrant journey. Plain text, rendered from templates in the current language.

Mails are sent after the transaction commits (`transaction.on_commit`), so a rolled-back write
never sends a mail and a double submit that changed nothing sends none.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from .deadline import format_deadline, local


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _send(*, to: list[str], template: str, context: dict) -> None:
    subject = render_to_string(f"submissions/emails/{template}_subject.txt", context).strip()
    body = render_to_string(f"submissions/emails/{template}.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)


def send_after_commit(*, to: list[str], template: str, context: dict) -> None:
    transaction.on_commit(lambda: _send(to=to, template=template, context=context))


def receipt_context(*, entry, receipt) -> dict:
    return {
        "entry": entry,
        "receipt": receipt,
        "snapshot": receipt.snapshot,
        "submitted_local": local(receipt.created_at),
        "deadline": format_deadline(entry.edition.deadline_with_grace),
        "dashboard_url": absolute(reverse("submissions:dashboard")),
    }


def send_receipt(*, entry, receipt) -> None:
    recipients = [entry.owner.email] + [m.user.email for m in entry.memberships.select_related("user")]
    send_after_commit(to=recipients, template="receipt", context=receipt_context(entry=entry, receipt=receipt))


def send_invitation(*, invitation, token: str) -> None:
    url = absolute(reverse("submissions:accept_invitation", kwargs={"token": token}))
    send_after_commit(
        to=[invitation.email],
        template="invitation",
        context={
            "invitation": invitation,
            "entry": invitation.entry,
            "url": url,
            "expires": format_deadline(invitation.expires_at),
        },
    )


def send_nomination(*, nomination, token: str) -> None:
    url = absolute(reverse("submissions:nomination_respond", kwargs={"token": token}))
    send_after_commit(
        to=[nomination.nominee_email],
        template="nomination",
        context={"nomination": nomination, "url": url, "expires": format_deadline(nomination.expires_at)},
    )


def send_reminder(*, entry, kind: str) -> None:
    send_after_commit(
        to=[entry.owner.email],
        template="reminder",
        context={
            "entry": entry,
            "kind": kind,
            "deadline": format_deadline(entry.edition.closes_at),
            "url": absolute(reverse("submissions:entry_step", kwargs={"pk": entry.pk, "slug": "controleren"})),
        },
    )
