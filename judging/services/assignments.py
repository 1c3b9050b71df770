"""Assigning jurors to entries: by hand, or automatically with a balanced plan (judging.balancing)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from awardsite.audit import record_event
from awardsite.users import User
from submissions.models import Entry

from ..balancing import AssignmentPlan, ImpossibleAssignment, plan_assignments
from ..enums import AssignmentSource, MembershipState, RoundState
from ..models import Assignment, ConflictDeclaration, JuryMembership, Review, Round
from ..selectors.conflicts import automatic_flags
from ..selectors.rounds import ROUND_ENTRY_STATES, entries_for_round


def _check_round_editable(round_: Round) -> None:
    if round_.state == RoundState.CLOSED:
        raise ValidationError(_("This round is closed; assignments can no longer change."))


@transaction.atomic
def assign_juror(*, round_: Round, entry: Entry, juror, by) -> Assignment:
    _check_round_editable(round_)
    if entry.edition_id != round_.edition_id or entry.state not in ROUND_ENTRY_STATES[round_.kind]:
        raise ValidationError(_("This entry is not part of this round."))
    if not JuryMembership.objects.filter(
        edition_id=round_.edition_id, user=juror, state=MembershipState.ACCEPTED
    ).exists():
        raise ValidationError(_("%(name)s has not accepted a place on this jury.") % {"name": juror})
    if ConflictDeclaration.objects.filter(juror=juror, entry=entry, has_conflict=True).exists():
        raise ValidationError(_("%(name)s has declared a conflict of interest with this entry.") % {"name": juror})
    assignment, created = Assignment.objects.get_or_create(
        round=round_, entry=entry, juror=juror, defaults={"assigned_by": by, "source": AssignmentSource.MANUAL}
    )
    if not created:
        raise ValidationError(_("%(name)s is already assigned to this entry.") % {"name": juror})
    record_event(
        actor=by,
        action="assignment.created",
        obj=assignment,
        edition_year=round_.edition.year,
        data={"round": round_.pk, "entry": entry.pk, "juror": juror.pk, "source": "manual"},
    )
    return assignment


@transaction.atomic
def unassign_juror(*, assignment: Assignment, by) -> None:
    _check_round_editable(assignment.round)
    if Review.objects.filter(assignment=assignment).exists():
        raise ValidationError(_("This juror has already started a review of this entry; the assignment stays."))
    record_event(
        actor=by,
        action="assignment.removed",
        obj=assignment,
        edition_year=assignment.round.edition.year,
        data={"round": assignment.round_id, "entry": assignment.entry_id, "juror": assignment.juror_id},
    )
    assignment.delete()


def _impossible_message(error: ImpossibleAssignment, entries: dict, jurors: dict, k: int) -> str:
    if error.code == "no_jurors":
        return _("No juror has accepted a place on this jury yet, so there is no one to assign.")
    if error.code == "too_few_jurors":
        return _("Each entry needs %(k)s jurors, but the jury has only %(n)s jurors who accepted.") % {
            "k": k,
            "n": len(jurors),
        }
    if error.code == "entry_conflicts":
        return _("“%(entry)s” needs %(k)s jurors, but too few jurors are free of a conflict of interest with it.") % {
            "entry": entries.get(error.subject, error.subject),
            "k": k,
        }
    if error.code == "juror_overloaded":
        return _("%(juror)s already has more reviewed entries than a balanced share; assign the rest by hand.") % {
            "juror": jurors.get(error.subject, error.subject)
        }
    return _(
        "No assignment gives every entry %(k)s jurors with equal loads (at most one entry difference) "
        "while respecting the conflicts of interest and the reviews already started. Add jurors, lower "
        "the number of jurors per entry, or assign some entries by hand."
    ) % {"k": k}


@transaction.atomic
def assign_automatically(*, round_: Round, by) -> AssignmentPlan:
    """Give every entry of the round `round_.reviews_per_entry` jurors with balanced loads.
    Assignments with a review stay; others stay too if a balanced plan keeps them. Declared
    conflicts and automatic flags (own organisation, own team) that were not declared otherwise
    are respected. Raises ValidationError with the reason when no plan exists."""
    round_ = Round.objects.select_for_update().select_related("edition").get(pk=round_.pk)
    _check_round_editable(round_)
    entries = list(entries_for_round(round_))
    members = list(
        JuryMembership.objects.filter(edition_id=round_.edition_id, state=MembershipState.ACCEPTED).select_related(
            "user"
        )
    )
    jurors = {m.user_id: m.user for m in members}
    entry_titles = {e.pk: e.title for e in entries}
    declared = {
        (d.entry_id, d.juror_id): d.has_conflict
        for d in ConflictDeclaration.objects.filter(edition_id=round_.edition_id, juror_id__in=list(jurors))
    }
    conflicts = {pair for pair, has_conflict in declared.items() if has_conflict}
    for juror in jurors.values():
        for entry_id in automatic_flags(juror, entries):
            if (entry_id, juror.pk) not in declared:
                conflicts.add((entry_id, juror.pk))
    current = list(Assignment.objects.filter(round=round_).select_related("review"))
    with_review = set(Review.objects.filter(round=round_).values_list("entry_id", "juror_id"))
    locked = {(a.entry_id, a.juror_id) for a in current if (a.entry_id, a.juror_id) in with_review}
    existing = {(a.entry_id, a.juror_id) for a in current} - locked
    try:
        plan = plan_assignments(
            entries=[e.pk for e in entries],
            jurors=list(jurors),
            k=round_.reviews_per_entry,
            conflicts=conflicts,
            locked=locked,
            existing=existing,
        )
    except ImpossibleAssignment as error:
        raise ValidationError(_impossible_message(error, entry_titles, jurors, round_.reviews_per_entry)) from error

    # Assignments without a review that the plan drops: conflicted pairs, entries no longer in
    # the round, or pairs moved to balance the loads.
    stale = [
        a for a in current if (a.entry_id, a.juror_id) not in plan.pairs and (a.entry_id, a.juror_id) not in locked
    ]
    Assignment.objects.filter(pk__in=[a.pk for a in stale]).delete()
    Assignment.objects.bulk_create(
        [
            Assignment(
                round=round_, entry_id=entry_id, juror_id=juror_id, assigned_by=by, source=AssignmentSource.AUTOMATIC
            )
            for entry_id, juror_id in sorted(plan.added)
        ]
    )
    record_event(
        actor=by,
        action="assignment.automatic",
        obj=round_,
        edition_year=round_.edition.year,
        data={
            "k": round_.reviews_per_entry,
            "added": sorted(plan.added),
            "removed": sorted((a.entry_id, a.juror_id) for a in stale),
            "kept": len(plan.kept),
            "loads": {str(k): v for k, v in plan.loads.items()},
        },
    )
    return plan


def juror_choices(round_: Round):
    return User.objects.filter(
        jury_memberships__edition_id=round_.edition_id, jury_memberships__state=MembershipState.ACCEPTED
    ).order_by("last_name", "email")
