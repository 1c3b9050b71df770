"""Sending feedback letters: through the Secretariaat's outbox (`submissions` mailings) when that
service is available, so letters show up in the outbox history; otherwise straight through
Django's mail backend. Either way the letter is a real e-mail to the entry's owner and team."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.translation import gettext as _
from django.utils.translation import override


def recipients_of(entry) -> list[str]:
    emails = [entry.owner.email]
    emails.extend(m.user.email for m in entry.memberships.select_related("user"))
    return sorted({e for e in emails if e})


def feedback_subject(entry) -> str:
    with override("nl"):
        return _("Feedback from the jury on your entry %(title)s") % {"title": entry.title}


def send_feedback_mail(*, letter, by) -> str:
    """Send one approved letter; returns the mailing id (empty when sent directly)."""
    entry = letter.entry
    recipients = recipients_of(entry)
    subject = feedback_subject(entry)
    try:
        from submissions.outbox import create_mailing, send_mailing  # engineer 4's outbox service
    except ImportError:
        create_mailing = send_mailing = None
    if create_mailing is not None:
        mailing = create_mailing(subject=subject, body=letter.text, recipients=recipients, by=by, entry=entry)
        send_mailing(mailing=mailing, by=by)
        return str(getattr(mailing, "pk", ""))
    EmailMessage(subject=subject, body=letter.text, from_email=settings.DEFAULT_FROM_EMAIL, to=recipients).send(
        fail_silently=False
    )
    return ""
