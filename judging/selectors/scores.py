"""THE one place that decides whose scores a user may see.

Every view, table, total, average, chart and export of scores reads its reviews through
`reviews_visible_to(user, ...)`; the arithmetic reads through `counting_reviews(...)`.

- A review by a juror who declared a conflict with the entry never counts and is never shown.
- The Secretariaat (and superusers) see all final reviews that count.
- The chair of the edition sees all final reviews of entries the chair may see (not conflicted).
- A juror always sees their own reviews (draft or final). They see other jurors' final reviews of
  an entry they may see only as the round's `score_visibility` allows: never; after their own
  review of that entry in that round is final; or after the round has closed.
- Everybody else sees nothing.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from submissions.enums import COMPETING_STATES
from submissions.models import Entry

from ..access import filter_entries_for_juror
from ..enums import MembershipState, ReviewState, RoundState, ScoreVisibility
from ..models import ConflictDeclaration, JuryMembership, Review
from .jury import is_staff_of_award


def _counting(queryset: QuerySet) -> QuerySet:
    conflicted = ConflictDeclaration.objects.filter(juror=OuterRef("juror"), entry=OuterRef("entry"), has_conflict=True)
    return queryset.filter(~Exists(conflicted), entry__state__in=COMPETING_STATES)


def counting_reviews(*, round_=None, edition=None) -> QuerySet:
    """Final reviews that count for the arithmetic (conflicted jurors' reviews left out)."""
    qs = Review.objects.filter(state=ReviewState.FINAL)
    if round_ is not None:
        qs = qs.filter(round=round_)
    if edition is not None:
        qs = qs.filter(round__edition=edition)
    return _counting(qs)


def reviews_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """The reviews (with their scores) of `queryset` that `user` may see."""
    qs = Review.objects.all() if queryset is None else queryset
    if user is None or not user.is_authenticated:
        return qs.none()
    qs = _counting(qs)
    if is_staff_of_award(user):
        return qs.filter(state=ReviewState.FINAL)

    now = timezone.now()
    visible_entries = filter_entries_for_juror(user, Entry.objects.all()).values("pk")
    qs = qs.filter(entry__in=visible_entries)
    own = Q(juror=user)
    chair = Exists(
        JuryMembership.objects.filter(
            user=user, edition=OuterRef("round__edition"), state=MembershipState.ACCEPTED, role="chair"
        )
    )
    own_final = Exists(
        Review.objects.filter(juror=user, entry=OuterRef("entry"), round=OuterRef("round"), state=ReviewState.FINAL)
    )
    round_closed = Q(round__state=RoundState.CLOSED) | Q(round__state=RoundState.OPEN, round__closes_at__lte=now)
    others = Q(state=ReviewState.FINAL) & (
        chair
        | (Q(round__score_visibility=ScoreVisibility.AFTER_OWN_FINAL) & own_final)
        | (Q(round__score_visibility=ScoreVisibility.AFTER_ROUND_CLOSES) & round_closed)
    )
    return qs.filter(own | others)


def visible_scores_for_entry(user, *, entry, round_) -> list[Review]:
    """Reviews of one entry in one round that `user` may see, with scores and criteria loaded."""
    return list(
        reviews_visible_to(user, Review.objects.filter(entry=entry, round=round_))
        .select_related("juror")
        .prefetch_related("scores__criterion")
        .order_by("juror__last_name", "juror__email")
    )
