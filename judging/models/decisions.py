"""Deliberation and decisions: DiscussionNote, FinalRanking (+ rows), Decision, Award, AwardShare,
Payment, FeedbackLetter.

Thin models. Every write goes through `judging.services.decisions` / `.deliberation`; reads that
decide visibility go through `judging.selectors.decisions`.

Immutability: a Decision is a draft until the chair signs it. From then on the decision, its
awards and their shares cannot change: `save()` refuses, the querysets refuse `update()` and
`delete()`, and the admin only shows them. The only change a signed decision ever sees is being
marked superseded when a newer decision (with a written reason) replaces it, which the service
does through `DecisionQuerySet.mark_superseded`.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..enums import AwardLabel, DecisionState, FeedbackState, PrizeRule, RankingBasis

__all__ = [
    "Award",
    "AwardShare",
    "Decision",
    "DecisionImmutable",
    "DiscussionNote",
    "FeedbackLetter",
    "FinalRanking",
    "FinalRankingRow",
    "Payment",
]


class DecisionImmutable(PermissionError):
    """A signed (or superseded) decision, its awards and shares cannot be changed or deleted."""


class DiscussionNote(models.Model):
    """A note in the jury's deliberation about one entry. Visible to the jury of the edition only;
    a juror with a conflict of interest with the entry gets 404 for its notes."""

    entry = models.ForeignKey(
        "submissions.Entry", on_delete=models.CASCADE, related_name="discussion_notes", verbose_name=_("entry")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author")
    )
    text = models.TextField(_("note"), max_length=4000)
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        ordering = ["entry", "created_at", "id"]
        verbose_name = _("discussion note")
        verbose_name_plural = _("discussion notes")

    def __str__(self):
        return f"{self.entry}: {self.text[:40]}"


class FinalRanking(models.Model):
    """The final ranking as the chair recorded it. Append-only: recording again makes a new one,
    so a signed decision keeps pointing at exactly the ranking it used."""

    edition = models.ForeignKey(
        "submissions.Edition", on_delete=models.CASCADE, related_name="final_rankings", verbose_name=_("edition")
    )
    basis = models.CharField(
        _("arithmetic compared with"), max_length=16, choices=RankingBasis.choices, default=RankingBasis.CALIBRATED
    )
    tie_break_rule = models.CharField(_("tie-break rule"), max_length=32)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        ordering = ["edition", "-recorded_at", "-id"]
        get_latest_by = "recorded_at"
        verbose_name = _("final ranking")
        verbose_name_plural = _("final rankings")

    def __str__(self):
        return f"{self.edition} ({self.recorded_at:%Y-%m-%d %H:%M})"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise DecisionImmutable("A recorded final ranking cannot be changed; record a new one.")
        super().save(*args, **kwargs)


class FinalRankingRow(models.Model):
    ranking = models.ForeignKey(FinalRanking, on_delete=models.CASCADE, related_name="rows")
    entry = models.ForeignKey("submissions.Entry", on_delete=models.PROTECT, related_name="+", verbose_name=_("entry"))
    rank = models.PositiveSmallIntegerField(_("rank"))
    arithmetic_rank = models.PositiveSmallIntegerField(_("rank by the arithmetic"), null=True, blank=True)
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=3, null=True, blank=True)
    departure_reason = models.TextField(_("reason for departing from the arithmetic"), max_length=2000, blank=True)

    class Meta:
        ordering = ["ranking", "rank", "id"]
        verbose_name = _("final ranking row")
        verbose_name_plural = _("final ranking rows")
        constraints = [
            models.UniqueConstraint(fields=["ranking", "entry"], name="final_ranking_entry_once"),
            models.CheckConstraint(condition=Q(rank__gte=1), name="final_ranking_rank_positive"),
        ]

    def __str__(self):
        return f"{self.rank}. {self.entry}"

    @property
    def departs(self) -> bool:
        return self.arithmetic_rank is not None and self.arithmetic_rank != self.rank


class DecisionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        if self.exclude(state=DecisionState.DRAFT).exists():
            raise DecisionImmutable("A signed decision cannot be changed; supersede it with a reason.")
        return super().update(**kwargs)

    def delete(self):
        if self.exclude(state=DecisionState.DRAFT).exists():
            raise DecisionImmutable("A signed decision cannot be deleted.")
        return super().delete()

    def mark_superseded(self, *, at) -> int:
        """The one change a signed decision may see (called by the supersede service only)."""
        signed = self.filter(state=DecisionState.SIGNED)
        return models.QuerySet.update(signed, state=DecisionState.SUPERSEDED, superseded_at=at)

    def current(self):
        return self.filter(state=DecisionState.SIGNED)


class Decision(models.Model):
    edition = models.ForeignKey(
        "submissions.Edition", on_delete=models.PROTECT, related_name="decisions", verbose_name=_("edition")
    )
    ranking = models.ForeignKey(
        FinalRanking, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("ranking used")
    )
    tie_break_rule = models.CharField(_("tie-break rule"), max_length=32)
    prize_rule = models.CharField(_("prize rule"), max_length=24, choices=PrizeRule.choices)
    prize_parameters = models.JSONField(
        _("prize rule parameters"), default=dict, blank=True, help_text=_("Shares, floor, cap, manual amounts.")
    )
    pot = models.DecimalField(_("prize pot (EUR)"), max_digits=10, decimal_places=2)
    rounding_unit = models.DecimalField(
        _("rounding unit (EUR)"), max_digits=8, decimal_places=2, default=Decimal("0.01")
    )
    motivation = models.TextField(_("jury motivation"), max_length=8000)
    state = models.CharField(_("state"), max_length=16, choices=DecisionState.choices, default=DecisionState.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("drafted by")
    )
    created_at = models.DateTimeField(_("drafted at"), default=timezone.now)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed by"),
    )
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("supersedes"),
    )
    supersede_reason = models.TextField(_("reason for replacing the earlier decision"), max_length=4000, blank=True)
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["edition", "-created_at", "-id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["edition"], condition=Q(state=DecisionState.SIGNED), name="decision_one_signed_per_edition"
            ),
            models.UniqueConstraint(
                fields=["edition"], condition=Q(state=DecisionState.DRAFT), name="decision_one_draft_per_edition"
            ),
            models.CheckConstraint(
                condition=Q(state=DecisionState.DRAFT) | (Q(signed_by__isnull=False) & Q(signed_at__isnull=False)),
                name="decision_signed_has_signer",
            ),
            models.CheckConstraint(
                condition=Q(supersedes__isnull=True) | ~Q(supersede_reason=""), name="decision_supersede_has_reason"
            ),
            models.CheckConstraint(condition=Q(pot__gte=0), name="decision_pot_non_negative"),
            models.CheckConstraint(condition=Q(rounding_unit__gt=0), name="decision_unit_positive"),
        ]

    def __str__(self):
        return f"{self.edition}: {self.get_state_display()}"

    def save(self, *args, **kwargs):
        if not self._state.adding and self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values_list("state", flat=True).first()
            if stored is not None and stored != DecisionState.DRAFT:
                raise DecisionImmutable("A signed decision cannot be changed; supersede it with a reason.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.state != DecisionState.DRAFT:
            raise DecisionImmutable("A signed decision cannot be deleted.")
        return super().delete(*args, **kwargs)

    @property
    def is_signed(self) -> bool:
        return self.state == DecisionState.SIGNED

    @property
    def tie_break_rule_label(self) -> str:
        from submissions.enums import TieBreakRule

        try:
            return str(TieBreakRule(self.tie_break_rule).label)
        except ValueError:
            return self.tie_break_rule


class _LockedWithDecisionQuerySet(models.QuerySet):
    decision_path = "decision"

    def _locked(self) -> bool:
        return self.exclude(**{f"{self.decision_path}__state": DecisionState.DRAFT}).exists()

    def update(self, **kwargs):
        if self._locked():
            raise DecisionImmutable("The awards of a signed decision cannot be changed.")
        return super().update(**kwargs)

    def delete(self):
        if self._locked():
            raise DecisionImmutable("The awards of a signed decision cannot be deleted.")
        return super().delete()


class AwardQuerySet(_LockedWithDecisionQuerySet):
    decision_path = "decision"


class AwardShareQuerySet(_LockedWithDecisionQuerySet):
    decision_path = "award__decision"


class Award(models.Model):
    """One entry's award in a decision: the rank, a snapshot of the title, the amount (0 for an
    honourable mention without money), the explanation of the amount in words."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="awards", verbose_name=_("decision"))
    entry = models.ForeignKey(
        "submissions.Entry", on_delete=models.PROTECT, related_name="awards", verbose_name=_("entry")
    )
    rank = models.PositiveSmallIntegerField(_("rank"))
    title = models.CharField(_("title (at the time of the decision)"), max_length=150)
    label = models.CharField(_("label"), max_length=24, choices=AwardLabel.choices, default=AwardLabel.WINNER)
    amount = models.DecimalField(_("amount (EUR)"), max_digits=10, decimal_places=2, default=Decimal("0.00"))
    explanation = models.JSONField(_("explanation"), default=list, blank=True, help_text=_("Reasons (code, values)."))
    motivation = models.TextField(_("jury motivation for this entry"), max_length=4000, blank=True)

    objects = AwardQuerySet.as_manager()

    class Meta:
        ordering = ["decision", "rank", "id"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        constraints = [
            models.UniqueConstraint(fields=["decision", "entry"], name="award_entry_once_per_decision"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="award_amount_non_negative"),
            models.CheckConstraint(condition=Q(rank__gte=1), name="award_rank_positive"),
        ]

    def __str__(self):
        return f"{self.rank}. {self.title}"

    def save(self, *args, **kwargs):
        if (
            self.decision_id
            and Decision.objects.filter(pk=self.decision_id).exclude(state=DecisionState.DRAFT).exists()
        ):
            raise DecisionImmutable("The awards of a signed decision cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.decision.state != DecisionState.DRAFT:
            raise DecisionImmutable("The awards of a signed decision cannot be deleted.")
        return super().delete(*args, **kwargs)


class AwardShare(models.Model):
    """The part of an award for one organisation of the entry (name snapshot kept)."""

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="shares", verbose_name=_("award"))
    organisation = models.ForeignKey(
        "submissions.EntryOrganisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    organisation_name = models.CharField(_("organisation (at the time of the decision)"), max_length=200)
    percent = models.DecimalField(_("share (%)"), max_digits=7, decimal_places=4)
    amount = models.DecimalField(_("amount (EUR)"), max_digits=10, decimal_places=2)
    explanation = models.JSONField(_("explanation"), default=list, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    objects = AwardShareQuerySet.as_manager()

    class Meta:
        ordering = ["award", "sort_order", "id"]
        verbose_name = _("award share")
        verbose_name_plural = _("award shares")
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="award_share_amount_non_negative")]

    def __str__(self):
        return f"{self.organisation_name}: {self.amount}"

    def save(self, *args, **kwargs):
        if (
            self.award_id
            and Award.objects.filter(pk=self.award_id).exclude(decision__state=DecisionState.DRAFT).exists()
        ):
            raise DecisionImmutable("The awards of a signed decision cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.award.decision.state != DecisionState.DRAFT:
            raise DecisionImmutable("The awards of a signed decision cannot be deleted.")
        return super().delete(*args, **kwargs)


class Payment(models.Model):
    """A payment of (part of) an organisation's share. No bank details are kept here: the
    ministry's financial system has them; `reference` is its payment or order number."""

    share = models.ForeignKey(AwardShare, on_delete=models.PROTECT, related_name="payments", verbose_name=_("share"))
    amount = models.DecimalField(_("amount paid (EUR)"), max_digits=10, decimal_places=2)
    paid_on = models.DateField(_("date paid"))
    reference = models.CharField(
        _("reference"), max_length=100, blank=True, help_text=_("Payment or order number. No bank details.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        ordering = ["share", "paid_on", "id"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive")]

    def __str__(self):
        return f"{self.share.organisation_name}: {self.amount} ({self.paid_on})"


class FeedbackLetter(models.Model):
    """The jury's feedback to an entry's team: drafted, approved by the chair, then sent through
    the outbox. Entrants see it on their entry page once sent."""

    entry = models.OneToOneField(
        "submissions.Entry", on_delete=models.CASCADE, related_name="feedback_letter", verbose_name=_("entry")
    )
    text = models.TextField(_("feedback"), max_length=8000)
    state = models.CharField(_("state"), max_length=16, choices=FeedbackState.choices, default=FeedbackState.DRAFT)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("drafted by")
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    mailing_id = models.CharField(_("mailing"), max_length=64, blank=True)

    class Meta:
        ordering = ["entry"]
        verbose_name = _("feedback letter")
        verbose_name_plural = _("feedback letters")
        constraints = [
            models.CheckConstraint(
                condition=Q(state=FeedbackState.DRAFT) | (Q(approved_by__isnull=False) & Q(approved_at__isnull=False)),
                name="feedback_approved_has_approver",
            ),
        ]

    def __str__(self):
        return f"{self.entry}"
