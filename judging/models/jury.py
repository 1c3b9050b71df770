"""The core jury workflow: who is on the jury, the rounds, conflicts, assignments and reviews.

Thin models: fields, constraints and cheap properties. Every write goes through
`judging.services`, every read that decides visibility through `judging.selectors`.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..enums import (
    AssignmentSource,
    JuryRole,
    MembershipState,
    ReviewState,
    RevisionAction,
    RoundKind,
    RoundState,
    ScoreVisibility,
)


class JuryMembership(models.Model):
    """A user on the jury of one edition, as chair or member. Invited by the Secretariaat."""

    edition = models.ForeignKey(
        "submissions.Edition", on_delete=models.CASCADE, related_name="jury_memberships", verbose_name=_("edition")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="jury_memberships", verbose_name=_("juror")
    )
    role = models.CharField(_("role"), max_length=16, choices=JuryRole.choices, default=JuryRole.MEMBER)
    state = models.CharField(
        _("state"), max_length=16, choices=MembershipState.choices, default=MembershipState.INVITED
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    invited_at = models.DateTimeField(_("invited at"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        ordering = ["edition", "role", "user__last_name", "user__email"]
        verbose_name = _("jury membership")
        verbose_name_plural = _("jury memberships")
        constraints = [
            models.UniqueConstraint(fields=["edition", "user"], name="jury_membership_unique_per_edition"),
            models.UniqueConstraint(
                fields=["edition"],
                condition=Q(role=JuryRole.CHAIR) & ~Q(state__in=[MembershipState.DECLINED, MembershipState.REMOVED]),
                name="jury_one_chair_per_edition",
            ),
            models.CheckConstraint(
                condition=~Q(state=MembershipState.ACCEPTED) | Q(accepted_at__isnull=False),
                name="jury_membership_accepted_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}, {self.edition})"

    @property
    def is_active(self) -> bool:
        return self.state in (MembershipState.INVITED, MembershipState.ACCEPTED)

    @property
    def is_chair(self) -> bool:
        return self.role == JuryRole.CHAIR and self.is_active


class Round(models.Model):
    """A round of judging in an edition. `state` is set by services; the dates are the plan and the
    deadline jurors see. Scores can be changed only while the round is open and before `closes_at`."""

    edition = models.ForeignKey(
        "submissions.Edition", on_delete=models.CASCADE, related_name="rounds", verbose_name=_("edition")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=RoundKind.choices)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"), help_text=_("Deadline for jurors (Europe/Amsterdam)."))
    state = models.CharField(_("state"), max_length=16, choices=RoundState.choices, default=RoundState.PLANNED)
    score_visibility = models.CharField(
        _("jurors see each other's scores"),
        max_length=24,
        choices=ScoreVisibility.choices,
        default=ScoreVisibility.AFTER_ROUND_CLOSES,
        help_text=_("The chair always sees all scores."),
    )
    reviews_per_entry = models.PositiveSmallIntegerField(
        _("jurors per entry"), default=3, help_text=_("How many jurors score each entry (k).")
    )
    top_n = models.PositiveSmallIntegerField(
        _("top N"), default=5, help_text=_("How many entries go through to the next round or are nominated.")
    )
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["edition", "opens_at"]
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        constraints = [
            models.UniqueConstraint(fields=["edition", "kind"], name="round_unique_kind_per_edition"),
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="round_closes_after_opening"),
            models.CheckConstraint(condition=Q(reviews_per_entry__gte=1), name="round_reviews_per_entry_positive"),
            models.CheckConstraint(condition=Q(top_n__gte=1), name="round_top_n_positive"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.edition}"

    def has_opened(self, now=None) -> bool:
        """Jurors may see the entries of a round that has been opened (also after it closed)."""
        now = now or timezone.now()
        return self.state in (RoundState.OPEN, RoundState.CLOSED) and self.opens_at <= now

    def accepts_scores(self, now=None) -> bool:
        """Reviews can be saved, submitted and revised only now."""
        now = now or timezone.now()
        return self.state == RoundState.OPEN and self.opens_at <= now < self.closes_at

    def is_closed(self, now=None) -> bool:
        now = now or timezone.now()
        return self.state == RoundState.CLOSED or (self.state == RoundState.OPEN and now >= self.closes_at)


class ConflictDeclaration(models.Model):
    """A juror's declaration about one entry: no conflict, or a conflict with its reason.

    Declarations hold for the whole edition (a conflict in the longlist is a conflict in the final);
    `round` records where it was made. `auto_flagged` marks a match between the juror's own
    organisation and an organisation of the entry, which is pre-marked for the juror."""

    juror = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="conflict_declarations",
        verbose_name=_("juror"),
    )
    entry = models.ForeignKey(
        "submissions.Entry", on_delete=models.CASCADE, related_name="conflict_declarations", verbose_name=_("entry")
    )
    edition = models.ForeignKey(
        "submissions.Edition", on_delete=models.CASCADE, related_name="conflict_declarations", verbose_name=_("edition")
    )
    round = models.ForeignKey(
        Round, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("declared in round")
    )
    has_conflict = models.BooleanField(_("conflict of interest"))
    reason = models.TextField(_("reason"), max_length=2000, blank=True)
    auto_flagged = models.BooleanField(
        _("flagged automatically"), default=False, help_text=_("The juror's organisation matches the entry's.")
    )
    declared_at = models.DateTimeField(_("declared at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["edition", "juror", "entry"]
        verbose_name = _("conflict of interest declaration")
        verbose_name_plural = _("conflict of interest register")
        constraints = [
            models.UniqueConstraint(fields=["juror", "entry"], name="conflict_one_declaration_per_juror_entry"),
            models.CheckConstraint(condition=Q(has_conflict=False) | ~Q(reason=""), name="conflict_has_reason"),
        ]
        indexes = [models.Index(fields=["juror", "edition", "has_conflict"])]

    def __str__(self):
        return f"{self.juror} / {self.entry}: {'conflict' if self.has_conflict else 'no conflict'}"


class Assignment(models.Model):
    """A juror is to review an entry in a round."""

    juror = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="jury_assignments", verbose_name=_("juror")
    )
    entry = models.ForeignKey(
        "submissions.Entry", on_delete=models.CASCADE, related_name="jury_assignments", verbose_name=_("entry")
    )
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("round"))
    source = models.CharField(
        _("assigned"), max_length=16, choices=AssignmentSource.choices, default=AssignmentSource.MANUAL
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    assigned_at = models.DateTimeField(_("assigned at"), default=timezone.now)

    class Meta:
        ordering = ["round", "entry", "juror"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(fields=["juror", "entry", "round"], name="assignment_unique_juror_entry_round"),
        ]
        indexes = [models.Index(fields=["juror", "round"])]

    def __str__(self):
        return f"{self.juror} → {self.entry} ({self.round})"


class Review(models.Model):
    """One juror's scores for one entry in one round. Draft until submitted; revisable until the
    round closes. `version` grows with every save (optimistic locking against parallel saves).

    `juror`, `entry` and `round` repeat the assignment's so the database itself guarantees one
    review per juror per entry per round and selectors filter without joins."""

    assignment = models.OneToOneField(
        Assignment, on_delete=models.PROTECT, related_name="review", verbose_name=_("assignment")
    )
    juror = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="jury_reviews", verbose_name=_("juror")
    )
    entry = models.ForeignKey(
        "submissions.Entry", on_delete=models.CASCADE, related_name="jury_reviews", verbose_name=_("entry")
    )
    # PROTECT: a round with reviews cannot be deleted (that would silently delete the jury's work).
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="reviews", verbose_name=_("round"))
    state = models.CharField(_("state"), max_length=16, choices=ReviewState.choices, default=ReviewState.DRAFT)
    version = models.PositiveIntegerField(_("version"), default=1)
    comment = models.TextField(_("general comment"), max_length=4000, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        ordering = ["round", "entry", "juror"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(fields=["juror", "entry", "round"], name="review_unique_juror_entry_round"),
            models.CheckConstraint(condition=Q(version__gte=1), name="review_version_positive"),
            models.CheckConstraint(
                condition=Q(state=ReviewState.DRAFT) | Q(submitted_at__isnull=False),
                name="review_final_has_submitted_at",
            ),
        ]
        indexes = [models.Index(fields=["round", "state"])]

    def __str__(self):
        return f"{self.juror} / {self.entry} ({self.round})"

    @property
    def is_final(self) -> bool:
        return self.state == ReviewState.FINAL


class Score(models.Model):
    """A score on one criterion of the rubric, with its motivation.

    The scale is copied from the criterion when the score is saved, so the database can check the
    value against it (a check constraint cannot look into another table) and history keeps the
    scale the juror scored on. `value` is empty only in a draft."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores", verbose_name=_("review"))
    criterion = models.ForeignKey(
        "submissions.Criterion", on_delete=models.PROTECT, related_name="scores", verbose_name=_("criterion")
    )
    value = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    scale_min = models.PositiveSmallIntegerField(_("lowest score"))
    scale_max = models.PositiveSmallIntegerField(_("highest score"))
    motivation = models.TextField(_("motivation"), max_length=4000, blank=True)

    class Meta:
        ordering = ["review", "criterion__sort_order", "criterion_id"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="score_unique_per_review_criterion"),
            models.CheckConstraint(condition=Q(scale_max__gt=F("scale_min")), name="score_scale_ordered"),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | (Q(value__gte=F("scale_min")) & Q(value__lte=F("scale_max"))),
                name="score_value_within_scale",
            ),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.value}"


class ReviewRevision(models.Model):
    """What a review looked like after each save: the history a juror and the Secretariaat can read.
    `scores` maps criterion id (as text) to {"value": int|None, "motivation": str}."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("review"))
    version = models.PositiveIntegerField(_("version"))
    action = models.CharField(_("action"), max_length=16, choices=RevisionAction.choices)
    state = models.CharField(_("state"), max_length=16, choices=ReviewState.choices)
    scores = models.JSONField(_("scores"), default=dict)
    comment = models.TextField(_("general comment"), blank=True)
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    saved_at = models.DateTimeField(_("saved at"), default=timezone.now)

    class Meta:
        ordering = ["review", "-version"]
        verbose_name = _("review revision")
        verbose_name_plural = _("review revisions")
        constraints = [
            models.UniqueConstraint(fields=["review", "version"], name="review_revision_unique_version"),
        ]

    def __str__(self):
        return f"{self.review} v{self.version}"
