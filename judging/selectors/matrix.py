"""The juror × entry assignment matrix of a round, in a fixed number of queries."""

from dataclasses import dataclass

from ..enums import ReviewState
from ..models import Assignment, ConflictDeclaration
from .conflicts import automatic_flags
from .jury import jurors_of
from .rounds import entries_for_round


@dataclass
class Cell:
    entry: object
    juror: object
    assignment: object | None
    conflict: bool
    declared: bool
    flagged: bool
    review_state: str | None

    @property
    def code(self) -> str:
        if self.conflict:
            return "conflict"
        if self.assignment is None:
            return "flagged" if self.flagged else "none"
        if self.review_state == ReviewState.FINAL:
            return "final"
        if self.review_state == ReviewState.DRAFT:
            return "draft"
        return "assigned" if self.declared else "undeclared"


def assignment_matrix(round_):
    """(jurors, rows) where each row is (entry, [Cell per juror]), plus load per juror."""
    jurors = [m.user for m in jurors_of(round_.edition)]
    assignments = {
        (a.entry_id, a.juror_id): a for a in Assignment.objects.filter(round=round_).select_related("review")
    }
    entry_ids = {entry_id for entry_id, _ in assignments}
    entries = list(entries_for_round(round_))
    # Entries that left the round's states but still have assignments (e.g. moved on) stay visible.
    missing = entry_ids - {e.pk for e in entries}
    if missing:
        from submissions.models import Entry

        entries += list(Entry.objects.filter(pk__in=missing).prefetch_related("organisations"))
    declarations = {
        (d.entry_id, d.juror_id): d.has_conflict
        for d in ConflictDeclaration.objects.filter(edition_id=round_.edition_id)
    }
    flags = {juror.pk: automatic_flags(juror, entries) for juror in jurors}
    rows = []
    loads = {juror.pk: 0 for juror in jurors}
    for entry in entries:
        cells = []
        for juror in jurors:
            assignment = assignments.get((entry.pk, juror.pk))
            review = getattr(assignment, "review", None) if assignment and _has_review(assignment) else None
            conflict = declarations.get((entry.pk, juror.pk)) is True
            if assignment and not conflict:
                loads[juror.pk] += 1
            cells.append(
                Cell(
                    entry=entry,
                    juror=juror,
                    assignment=assignment,
                    conflict=conflict,
                    declared=(entry.pk, juror.pk) in declarations,
                    flagged=entry.pk in flags[juror.pk],
                    review_state=review.state if review else None,
                )
            )
        rows.append((entry, cells))
    return jurors, rows, loads


def _has_review(assignment) -> bool:
    from ..models import Review

    try:
        return assignment.review is not None
    except Review.DoesNotExist:
        return False
