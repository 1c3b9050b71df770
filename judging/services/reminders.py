"""Reminder mails to jurors with work still to do in a round."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from awardsite.audit import record_event

from ..enums import RoundState
from ..models import Round
from ..selectors.progress import round_progress_per_juror
from ..tasks import send_jury_reminder


@transaction.atomic
def send_reminders(*, round_: Round, by, juror_ids: list[int] | None = None) -> list:
    """Mail every juror (or those in `juror_ids`) who still has reviews or declarations to do.
    Returns the jurors who were reminded; each reminder is an audit event."""
    if round_.state != RoundState.OPEN:
        raise ValidationError(_("Reminders can only be sent while the round is open."))
    reminded = []
    for row in round_progress_per_juror(round_):
        if juror_ids is not None and row.juror.pk not in juror_ids:
            continue
        if row.todo <= 0 and not row.undeclared:
            continue
        record_event(
            actor=by,
            action="jury.reminder_sent",
            obj=round_,
            edition_year=round_.edition.year,
            data={"juror": row.juror.pk, "email": row.juror.email, "todo": row.todo, "undeclared": row.undeclared},
        )
        juror_id, round_id = row.juror.pk, round_.pk
        transaction.on_commit(lambda j=juror_id, r=round_id: send_jury_reminder.enqueue(j, r))
        reminded.append(row.juror)
    return reminded
