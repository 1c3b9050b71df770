"""Choices of the jury workflow. Transitions between states live in judging.services."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JuryRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    MEMBER = "member", _("Member")


class MembershipState(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    REMOVED = "removed", _("Removed")


class RoundKind(models.TextChoices):
    ELIGIBILITY = "eligibility", _("Eligibility check")
    LONGLIST = "longlist", _("Longlist")
    FINAL = "final", _("Final round")


class RoundState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ScoreVisibility(models.TextChoices):
    """When a juror may see other jurors' scores in a round (the chair always may)."""

    NEVER = "never", _("Never")
    AFTER_OWN_FINAL = "after_own_final", _("After the juror's own final review of that entry")
    AFTER_ROUND_CLOSES = "after_round_closes", _("After the round closes")


class ReviewState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    FINAL = "final", _("Final")


class AssignmentSource(models.TextChoices):
    MANUAL = "manual", _("By hand")
    AUTOMATIC = "automatic", _("Automatic")


class RevisionAction(models.TextChoices):
    SAVE_DRAFT = "save_draft", _("Saved as draft")
    SUBMIT = "submit", _("Submitted as final")
    REVISE = "revise", _("Revised after submitting")


# --- Deliberation and decisions (judging-decision) ---


class RankingBasis(models.TextChoices):
    RAW = "raw", _("Raw scores")
    CALIBRATED = "calibrated", _("Calibrated scores")


class DecisionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed")
    SUPERSEDED = "superseded", _("Superseded")


class AwardLabel(models.TextChoices):
    WINNER = "winner", _("Winner")
    HONOURABLE_MENTION = "honourable_mention", _("Honourable mention")


class PrizeRule(models.TextChoices):
    """The rules of judging.prize.Rule, with words for people."""

    WINNER_TAKES_ALL = "winner-takes-all", _("Winner takes all")
    EQUAL = "equal", _("Equal shares")
    RANKED = "ranked", _("Fixed shares by rank")
    PROPORTIONAL = "proportional", _("In proportion to the score")
    MANUAL = "manual", _("Amounts set by hand")


class FeedbackState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved by the chair")
    SENT = "sent", _("Sent")
