"""Sending feedback letters through the Secretariaat's outbox (submissions.outbox): one mailing per
letter, kind "jury feedback", to the entry's owner and team members. The outbox keeps the history,
sends each message at most once (as a task) and lets the Secretariaat retry failures."""

from django.utils.translation import gettext as _
from django.utils.translation import override

from submissions.enums import MailingKind
from submissions.outbox import create_mailing, send_mailing


def feedback_subject(entry) -> str:
    with override("nl"):
        return _("Feedback from the jury on your entry %(title)s") % {"title": entry.title}


def send_feedback_mail(*, letter, by) -> str:
    """Create and send the mailing of one approved letter; returns the mailing's id."""
    entry = letter.entry
    mailing = create_mailing(
        subject=feedback_subject(entry),
        body=letter.text,
        recipients=[entry],
        created_by=by,
        kind=MailingKind.JURY_FEEDBACK,
        edition=entry.edition,
        entry=entry,
    )
    send_mailing(mailing=mailing, by=by)
    return str(mailing.pk)
