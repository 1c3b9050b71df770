"""Opening and closing rounds. Scores can be saved only in an open round, before its deadline."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awardsite.audit import record_event
from submissions.models import Edition

from ..enums import MembershipState, RoundState
from ..models import JuryMembership, Round
from ..tasks import send_round_opened


@transaction.atomic
def open_round(*, round_: Round, by) -> Round:
    """Open a planned round now and mail every juror with entries in it (after commit)."""
    round_ = Round.objects.select_for_update().select_related("edition").get(pk=round_.pk)
    if round_.state != RoundState.PLANNED:
        raise ValidationError(
            _("Only a planned round can be opened; this round is %(state)s.")
            % {"state": round_.get_state_display().lower()}
        )
    now = timezone.now()
    round_.state = RoundState.OPEN
    round_.opened_at = now
    if round_.opens_at > now:
        round_.opens_at = now
    round_.save(update_fields=["state", "opened_at", "opens_at"])
    Edition.objects.filter(pk=round_.edition_id, judging_started_at__isnull=True).update(judging_started_at=now)
    jurors = list(
        JuryMembership.objects.filter(
            edition_id=round_.edition_id, state=MembershipState.ACCEPTED, user__jury_assignments__round=round_
        )
        .values_list("user_id", flat=True)
        .distinct()
    )
    record_event(
        actor=by, action="round.opened", obj=round_, edition_year=round_.edition.year, data={"notified": jurors}
    )
    for juror_id in jurors:
        transaction.on_commit(lambda j=juror_id, r=round_.pk: send_round_opened.enqueue(j, r))
    return round_


@transaction.atomic
def close_round(*, round_: Round, by) -> Round:
    """Close a round: no more score changes; jurors may then see each other's scores if the
    round's `score_visibility` says so."""
    round_ = Round.objects.select_for_update().select_related("edition").get(pk=round_.pk)
    if round_.state != RoundState.OPEN:
        raise ValidationError(_("Only an open round can be closed."))
    now = timezone.now()
    round_.state = RoundState.CLOSED
    round_.closed_at = now
    round_.save(update_fields=["state", "closed_at"])
    record_event(actor=by, action="round.closed", obj=round_, edition_year=round_.edition.year)
    return round_
