"""Scoring: save a review as draft, submit it as final, revise it until the round closes.

Every save runs under a row lock on the review (select_for_update) and bumps `version`; the
caller passes the version it started from, and a save from an older version is refused with the
newer review attached (`StaleReview`), so two parallel saves never silently overwrite each other.
Each save also writes a ReviewRevision with the full review as saved."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awardsite.audit import record_event

from ..access import juror_may_view_entry
from ..enums import ReviewState, RevisionAction
from ..models import Assignment, Review, ReviewRevision, Score


class StaleReview(Exception):
    """The review was saved elsewhere after the form was opened. `review` is the newer one."""

    def __init__(self, review: Review):
        super().__init__("The review was changed since it was opened.")
        self.review = review


@dataclass(frozen=True)
class ScoreInput:
    criterion_id: int
    value: int | None
    motivation: str = ""


def _lock_or_create_review(assignment: Assignment) -> tuple[Review, bool]:
    review = Review.objects.select_for_update().filter(assignment=assignment).first()
    if review is not None:
        return review, False
    try:
        with transaction.atomic():
            return (
                Review.objects.create(
                    assignment=assignment,
                    juror_id=assignment.juror_id,
                    entry_id=assignment.entry_id,
                    round_id=assignment.round_id,
                ),
                True,
            )
    except IntegrityError:
        # Another request created it a moment ago: wait for its lock and continue from there.
        return Review.objects.select_for_update().get(assignment=assignment), False


@transaction.atomic
def save_review(
    *,
    assignment: Assignment,
    by,
    scores: list[ScoreInput],
    comment: str | None = None,
    submit: bool = False,
    expected_version: int | None = None,
) -> Review:
    """Save the juror's scores for the assignment.

    `scores` may hold all criteria (the form) or some (an autosave of one field); criteria left
    out keep their saved value. `expected_version` is the version the form was opened at (0 for
    a review that did not exist yet); None skips the check (only for callers that send a delta).
    `submit=True` makes the review final: every criterion then needs a score and a motivation.
    A final review stays final; later saves are revisions until the round closes."""
    assignment = Assignment.objects.select_related("round__edition", "entry").get(pk=assignment.pk)
    round_ = assignment.round
    if by.pk != assignment.juror_id or not juror_may_view_entry(by, assignment.entry):
        raise ValidationError(_("You cannot review this entry."))
    if not round_.accepts_scores():
        raise ValidationError(_("This round is closed; reviews can no longer be changed."))

    criteria = {c.pk: c for c in round_.edition.criteria.all()}
    errors = {}
    for item in scores:
        criterion = criteria.get(item.criterion_id)
        if criterion is None:
            errors["__all__"] = _("One of the scores is for a criterion that is not in this edition's rubric.")
        elif item.value is not None and not (criterion.scale_min <= item.value <= criterion.scale_max):
            errors[f"score_{criterion.pk}"] = _("Give a score from %(min)s to %(max)s.") % {
                "min": criterion.scale_min,
                "max": criterion.scale_max,
            }
    if errors:
        raise ValidationError(errors)

    review, created = _lock_or_create_review(assignment)
    if expected_version is not None:
        current = 0 if created else review.version
        if expected_version != current:
            # Raising rolls the transaction back, so a review created just now disappears again.
            raise StaleReview(review if created else Review.objects.prefetch_related("scores").get(pk=review.pk))

    existing = {s.criterion_id: s for s in review.scores.all()}
    for item in scores:
        criterion = criteria[item.criterion_id]
        score = existing.get(item.criterion_id)
        if score is None:
            score = Score(review=review, criterion=criterion)
            existing[item.criterion_id] = score
        score.value = item.value
        score.motivation = (item.motivation or "").strip()
        score.scale_min = criterion.scale_min
        score.scale_max = criterion.scale_max
    for criterion in criteria.values():
        if criterion.pk not in existing:
            existing[criterion.pk] = Score(
                review=review,
                criterion=criterion,
                value=None,
                scale_min=criterion.scale_min,
                scale_max=criterion.scale_max,
            )
    if comment is not None:
        review.comment = comment.strip()

    was_final = review.state == ReviewState.FINAL
    if submit or was_final:
        missing = {}
        for criterion_id, score in existing.items():
            if score.value is None:
                missing[f"score_{criterion_id}"] = _("Give a score for this criterion before you submit.")
            elif not score.motivation:
                missing[f"motivation_{criterion_id}"] = _("Explain your score in a sentence or two.")
        if missing:
            raise ValidationError(missing)

    for score in existing.values():
        score.save()
    now = timezone.now()
    if not created:
        review.version += 1
    if submit and not was_final:
        review.state = ReviewState.FINAL
        review.submitted_at = now
        action = RevisionAction.SUBMIT
    elif was_final:
        action = RevisionAction.REVISE
    else:
        action = RevisionAction.SAVE_DRAFT
    review.save()
    ReviewRevision.objects.create(
        review=review,
        version=review.version,
        action=action,
        state=review.state,
        scores={str(cid): {"value": s.value, "motivation": s.motivation} for cid, s in sorted(existing.items())},
        comment=review.comment,
        saved_by=by,
        saved_at=now,
    )
    record_event(
        actor=by,
        action={
            RevisionAction.SAVE_DRAFT: "review.draft_saved",
            RevisionAction.SUBMIT: "review.submitted",
            RevisionAction.REVISE: "review.revised",
        }[action],
        obj=review,
        edition_year=round_.edition.year,
        data={"version": review.version, "entry": assignment.entry_id, "round": round_.pk},
    )
    return review
