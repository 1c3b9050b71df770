"""Saving reviews: optimistic locking, partial saves, history, and two parallel saves on PostgreSQL."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections

from judging.enums import ReviewState, RevisionAction
from judging.models import Assignment, Review, ReviewRevision, Score
from judging.services.reviews import ScoreInput, StaleReview, save_review

from .factories import assign, build_jury, declare


def _setup():
    jury = build_jury(entries=1, jurors=1)
    juror, entry = jury.jurors[0], jury.entries[0]
    assignment = assign(juror, entry, jury.round)
    declare(juror, entry)
    return jury, juror, assignment


def _scores(jury, values, motivation="Onderbouwing"):
    return [
        ScoreInput(criterion_id=c.pk, value=v, motivation=motivation)
        for c, v in zip(jury.criteria, values, strict=True)
    ]


@pytest.mark.django_db
def test_stale_version_is_refused_and_nothing_changes():
    jury, juror, assignment = _setup()
    save_review(assignment=assignment, by=juror, scores=_scores(jury, [5, 5, 5]), expected_version=0)
    with pytest.raises(StaleReview) as stale:
        save_review(assignment=assignment, by=juror, scores=_scores(jury, [9, 9, 9]), expected_version=0)
    assert stale.value.review.version == 1
    assert sorted(Score.objects.values_list("value", flat=True)) == [5, 5, 5]
    assert ReviewRevision.objects.count() == 1


@pytest.mark.django_db
def test_out_of_scale_score_is_refused_per_field():
    jury, juror, assignment = _setup()
    with pytest.raises(ValidationError) as error:
        save_review(assignment=assignment, by=juror, scores=_scores(jury, [11, 5, 0]), expected_version=0)
    assert set(error.value.message_dict) == {f"score_{jury.criteria[0].pk}", f"score_{jury.criteria[2].pk}"}
    assert not Review.objects.exists()


@pytest.mark.django_db
def test_database_refuses_a_score_outside_the_scale():
    from django.db import IntegrityError, transaction

    jury, juror, assignment = _setup()
    review = save_review(assignment=assignment, by=juror, scores=_scores(jury, [5, 5, 5]), expected_version=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        Score.objects.filter(review=review).update(value=42)


@pytest.mark.django_db
def test_final_review_revised_stays_final_and_history_is_kept():
    jury, juror, assignment = _setup()
    save_review(assignment=assignment, by=juror, scores=_scores(jury, [5, 5, 5]), submit=True, expected_version=0)
    review = save_review(assignment=assignment, by=juror, scores=_scores(jury, [6, 5, 5]), expected_version=1)
    assert review.state == ReviewState.FINAL
    assert list(review.revisions.order_by("version").values_list("action", flat=True)) == [
        RevisionAction.SUBMIT,
        RevisionAction.REVISE,
    ]
    assert review.revisions.get(version=1).scores[str(jury.criteria[0].pk)]["value"] == 5
    # A revision may not empty a score of a final review.
    with pytest.raises(ValidationError):
        save_review(assignment=assignment, by=juror, scores=_scores(jury, [None, 5, 5]), expected_version=2)


@pytest.mark.django_db
def test_someone_else_cannot_save_the_review():
    jury, juror, assignment = _setup()
    with pytest.raises(ValidationError):
        save_review(assignment=assignment, by=jury.chair, scores=_scores(jury, [5, 5, 5]))


@pytest.mark.django_db
def test_conflict_declared_later_blocks_saving():
    from judging.models import ConflictDeclaration

    jury, juror, assignment = _setup()
    ConflictDeclaration.objects.filter(juror=juror).update(has_conflict=True, reason="Oud-collega")
    with pytest.raises(ValidationError):
        save_review(assignment=assignment, by=juror, scores=_scores(jury, [5, 5, 5]))


def _in_threads(*targets):
    errors, barrier = [], threading.Barrier(len(targets))

    def run(target):
        try:
            barrier.wait()
            target()
        except Exception as exc:  # noqa: BLE001 - collected and checked by the test
            errors.append(exc)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=run, args=(t,)) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return errors


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_parallel_partial_saves_of_one_review_lose_no_score():
    """Two autosaves, each of one criterion, at the same moment: both scores are kept."""
    jury, juror, assignment = _setup()
    first, second = jury.criteria[0], jury.criteria[1]
    assignment = Assignment.objects.get(pk=assignment.pk)

    def save(criterion, value):
        return lambda: save_review(
            assignment=assignment, by=juror, scores=[ScoreInput(criterion_id=criterion.pk, value=value, motivation="m")]
        )

    errors = _in_threads(save(first, 7), save(second, 4))
    assert errors == []
    review = Review.objects.get()
    values = {s.criterion_id: s.value for s in review.scores.all()}
    assert values[first.pk] == 7 and values[second.pk] == 4
    assert review.version == 2
    assert sorted(review.revisions.values_list("version", flat=True)) == [1, 2]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_parallel_full_saves_from_the_same_version_one_wins_the_other_is_told():
    """Two tabs submit the whole form from version 1 at once: exactly one is saved, the other gets
    StaleReview (its input is shown again), and the stored scores are one save's, never a mix."""
    jury, juror, assignment = _setup()
    save_review(assignment=assignment, by=juror, scores=_scores(jury, [5, 5, 5]), expected_version=0)

    def save(values):
        return lambda: save_review(assignment=assignment, by=juror, scores=_scores(jury, values), expected_version=1)

    errors = _in_threads(save([9, 9, 9]), save([2, 2, 2]))
    assert len(errors) == 1 and isinstance(errors[0], StaleReview)
    review = Review.objects.get()
    assert review.version == 2
    values = sorted(review.scores.values_list("value", flat=True))
    assert values in ([9, 9, 9], [2, 2, 2])
    assert review.revisions.count() == 2
