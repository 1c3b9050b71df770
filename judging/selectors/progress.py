"""Dashboards: a juror's own progress, and the Secretariaat's view of every juror's progress.

Both run a fixed number of queries, whatever the number of assignments (aggregates, not loops)."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from submissions.enums import COMPETING_STATES

from ..enums import JuryRole, MembershipState, ReviewState, RoundState
from ..models import Assignment, ConflictDeclaration, JuryMembership, Review, Round


@dataclass
class RoundProgress:
    round: Round
    assigned: int = 0
    final: int = 0
    draft: int = 0
    conflicted: int = 0
    undeclared: int = 0
    assignments: list = field(default_factory=list)

    @property
    def todo(self) -> int:
        return self.assigned - self.final - self.conflicted

    @property
    def percent(self) -> int:
        countable = self.assigned - self.conflicted
        return round(100 * self.final / countable) if countable else 100


def _annotated_assignments(juror):
    declared = ConflictDeclaration.objects.filter(juror=juror, entry=OuterRef("entry"))
    conflicted = declared.filter(has_conflict=True)
    return (
        Assignment.objects.filter(juror=juror, entry__state__in=COMPETING_STATES)
        .annotate(is_declared=Exists(declared), has_conflict=Exists(conflicted))
        .select_related("entry", "review")
        .order_by("entry__title", "pk")
    )


def juror_dashboard(juror) -> dict:
    """Everything the juror dashboard shows: memberships (with open invitations) and per opened
    or planned round the juror's assignments and progress. Four queries, always."""
    memberships = list(
        JuryMembership.objects.filter(user=juror)
        .exclude(state__in=[MembershipState.REMOVED, MembershipState.DECLINED])
        .select_related("edition")
        .order_by("-edition__year")
    )
    accepted = [m.edition_id for m in memberships if m.state == MembershipState.ACCEPTED]
    rounds = {
        r.pk: RoundProgress(round=r)
        for r in Round.objects.filter(edition_id__in=accepted)
        .exclude(state=RoundState.PLANNED)
        .select_related("edition")
        .order_by("-edition__year", "opens_at")
    }
    now = timezone.now()
    for assignment in _annotated_assignments(juror).filter(round_id__in=list(rounds)):
        progress = rounds[assignment.round_id]
        progress.assigned += 1
        review = getattr(assignment, "review", None) if _has_review(assignment) else None
        assignment.my_review = review
        if assignment.has_conflict:
            progress.conflicted += 1
        elif not assignment.is_declared:
            progress.undeclared += 1
        elif review is not None and review.state == ReviewState.FINAL:
            progress.final += 1
        elif review is not None:
            progress.draft += 1
        if not assignment.has_conflict:
            progress.assignments.append(assignment)
    # What is due first: open rounds (earliest deadline first), then closed ones, newest first.
    opened = [p for p in rounds.values() if p.round.has_opened(now)]
    open_rounds = sorted((p for p in opened if p.round.state == RoundState.OPEN), key=lambda p: p.round.closes_at)
    closed_rounds = sorted(
        (p for p in opened if p.round.state != RoundState.OPEN), key=lambda p: p.round.closes_at, reverse=True
    )
    chair_editions = {
        m.edition_id for m in memberships if m.state == MembershipState.ACCEPTED and m.role == JuryRole.CHAIR
    }
    return {
        "memberships": memberships,
        "invitations": [m for m in memberships if m.state == MembershipState.INVITED],
        "rounds": [*open_rounds, *closed_rounds],
        "has_open_round": bool(open_rounds),
        "chair_editions": chair_editions,
        "now": now,
    }


def _has_review(assignment) -> bool:
    try:
        return assignment.review is not None
    except Review.DoesNotExist:
        return False


def juror_round_progress(*, juror, round_) -> RoundProgress:
    progress = RoundProgress(round=round_)
    stats = (
        _annotated_assignments(juror)
        .filter(round=round_)
        .aggregate(
            assigned=Count("pk"),
            final=Count("pk", filter=Q(review__state=ReviewState.FINAL, has_conflict=False)),
            draft=Count("pk", filter=Q(review__state=ReviewState.DRAFT, has_conflict=False)),
            conflicted=Count("pk", filter=Q(has_conflict=True)),
            undeclared=Count("pk", filter=Q(is_declared=False)),
        )
    )
    for key, value in stats.items():
        setattr(progress, key, value)
    return progress


@dataclass
class JurorProgress:
    juror: object
    role: str
    assigned: int
    final: int
    draft: int
    conflicted: int
    undeclared: int

    @property
    def todo(self) -> int:
        return self.assigned - self.final - self.conflicted

    @property
    def percent(self) -> int:
        countable = self.assigned - self.conflicted
        return round(100 * self.final / countable) if countable else 100


def round_progress_per_juror(round_: Round) -> list[JurorProgress]:
    """Per juror of the round's edition: assigned, final, draft, conflicted and undeclared
    counts (no score values: this is for the Secretariaat's progress table and reminders)."""
    declared = ConflictDeclaration.objects.filter(juror=OuterRef("juror"), entry=OuterRef("entry"))
    rows = (
        Assignment.objects.filter(round=round_, entry__state__in=COMPETING_STATES)
        .annotate(is_declared=Exists(declared), has_conflict=Exists(declared.filter(has_conflict=True)))
        .values("juror_id")
        .annotate(
            assigned=Count("pk"),
            final=Count("pk", filter=Q(review__state=ReviewState.FINAL, has_conflict=False)),
            draft=Count("pk", filter=Q(review__state=ReviewState.DRAFT, has_conflict=False)),
            conflicted=Count("pk", filter=Q(has_conflict=True)),
            undeclared=Count("pk", filter=Q(is_declared=False)),
        )
    )
    by_juror = {row["juror_id"]: row for row in rows}
    result = []
    for membership in (
        JuryMembership.objects.filter(edition_id=round_.edition_id, state=MembershipState.ACCEPTED)
        .select_related("user")
        .order_by("user__last_name", "user__email")
    ):
        row = by_juror.get(membership.user_id, {})
        result.append(
            JurorProgress(
                juror=membership.user,
                role=membership.get_role_display(),
                assigned=row.get("assigned", 0),
                final=row.get("final", 0),
                draft=row.get("draft", 0),
                conflicted=row.get("conflicted", 0),
                undeclared=row.get("undeclared", 0),
            )
        )
    return result
