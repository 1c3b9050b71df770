"""Score distributions per juror (for calibration), read through the one visibility selector."""

from dataclasses import dataclass

from django.db.models import Count

from ..models import Review, Round, Score
from .scores import reviews_visible_to


@dataclass
class JurorDistribution:
    juror: object
    counts: list[int]  # one per scale value, from scale_min to scale_max
    total: int
    mean: float | None


def score_distribution(user, round_: Round) -> tuple[list[int], list[JurorDistribution]]:
    """(scale values, per juror the number of criterion scores they gave at each value) over the
    final reviews of the round that `user` may see."""
    criteria = list(round_.edition.criteria.all())
    if not criteria:
        return [], []
    low = min(c.scale_min for c in criteria)
    high = max(c.scale_max for c in criteria)
    values = list(range(low, high + 1))
    reviews = reviews_visible_to(user, Review.objects.filter(round=round_, state="final"))
    rows = (
        Score.objects.filter(review__in=reviews.values("pk"), value__isnull=False)
        .values("review__juror_id", "value")
        .annotate(n=Count("pk"))
    )
    per_juror: dict[int, dict[int, int]] = {}
    for row in rows:
        per_juror.setdefault(row["review__juror_id"], {})[row["value"]] = row["n"]
    from awardsite.users import User

    jurors = {u.pk: u for u in User.objects.filter(pk__in=list(per_juror)).order_by("last_name", "email")}
    result = []
    for juror_id, juror in jurors.items():
        counts = [per_juror[juror_id].get(v, 0) for v in values]
        total = sum(counts)
        mean = sum(v * n for v, n in zip(values, counts, strict=True)) / total if total else None
        result.append(JurorDistribution(juror=juror, counts=counts, total=total, mean=mean))
    return values, result
