"""Choices of the showcase app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AwardKind(models.TextChoices):
    """What an example won. The index sorts on `AWARD_RANK` so winners come first."""

    WINNER = "winner", _("Winner")
    NOMINEE = "nominee", _("Nominee")
    OTHER = "other", _("Other example")


AWARD_RANK = {AwardKind.WINNER: 0, AwardKind.NOMINEE: 1, AwardKind.OTHER: 2}


class IndexSort(models.TextChoices):
    AWARD = "award", _("Winners first")
    NEWEST = "newest", _("Newest edition first")
    OLDEST = "oldest", _("Oldest edition first")
    TITLE = "title", _("Title (A to Z)")
    RELEVANCE = "relevance", _("Best match for the search words")


#: The licence under which the award's own open data is published (stated in every export).
OPEN_DATA_LICENCE_ID = "CC0-1.0"
OPEN_DATA_LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/"
OPEN_DATA_LICENCE_TITLE = "Creative Commons CC0 1.0 Universal (publiek domein)"
