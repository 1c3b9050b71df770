"""Editions, entries and what belongs to an entry. Thin models: rules live in services/selectors."""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from awardsite.blocks import BaseStreamBlock
from awardsite.storage import private_storage

from .enums import (
    ApplicationType,
    DatasetSource,
    EntryState,
    MailingKind,
    MailingState,
    Maturity,
    MessageState,
    OrganisationType,
    Phase,
    TieBreakRule,
)


class Edition(ClusterableModel):
    year = models.PositiveIntegerField(_("year"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"), help_text=_("Deadline for entries (Europe/Amsterdam)."))
    grace_minutes = models.PositiveIntegerField(
        _("grace minutes"),
        default=5,
        help_text=_("Saves and submissions are still accepted this long after the deadline."),
    )
    jury_deadline = models.DateTimeField(_("jury deadline"))
    ceremony_at = models.DateTimeField(_("ceremony"))
    ceremony_place = models.CharField(_("ceremony place"), max_length=200, blank=True)
    prize_pot = models.DecimalField(
        _("prize pot (EUR)"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("20000.00"),
        validators=[MinValueValidator(Decimal("0.00"))],
    )
    nominations_allowed = models.BooleanField(_("nominations allowed"), default=True)
    minimum_maturity = models.PositiveSmallIntegerField(
        _("minimum maturity"), choices=Maturity.choices, default=Maturity.PROTOTYPE
    )
    tie_break_rule = models.CharField(
        _("tie-break rule"), max_length=32, choices=TieBreakRule.choices, default=TieBreakRule.MEDIAN
    )
    # Set only by services (judging.services.sign_decision, showcase.services.publish_results).
    decision_signed_at = models.DateTimeField(_("decision signed at"), null=True, blank=True, editable=False)
    judging_started_at = models.DateTimeField(_("judging started at"), null=True, blank=True, editable=False)
    results_published_at = models.DateTimeField(_("results published at"), null=True, blank=True, editable=False)
    is_demo = models.BooleanField(_("demo content"), default=False, editable=False)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="edition_closes_after_opening"
            ),
            models.CheckConstraint(condition=Q(prize_pot__gte=0), name="edition_prize_pot_non_negative"),
        ]

    def __str__(self):
        return self.title or str(self.year)

    @property
    def deadline_with_grace(self):
        return self.closes_at + timedelta(minutes=self.grace_minutes)

    def phase_at(self, now=None) -> Phase:
        """The phase follows from the timeline and from what the jury and secretariat did."""
        now = now or timezone.now()
        if self.results_published_at and self.results_published_at <= now:
            return Phase.PUBLISHED
        if self.decision_signed_at:
            return Phase.DECIDED
        if now < self.opens_at:
            return Phase.UPCOMING
        if now <= self.deadline_with_grace:
            return Phase.OPEN
        if self.judging_started_at:
            return Phase.JUDGING
        return Phase.CLOSED

    @property
    def phase(self) -> Phase:
        return self.phase_at()


class Category(models.Model):
    edition = ParentalKey(Edition, on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [models.UniqueConstraint(fields=["edition", "name"], name="category_unique_name_per_edition")]

    def __str__(self):
        return self.name


class Criterion(models.Model):
    """One line of the edition's rubric, used by judging."""

    edition = ParentalKey(Edition, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, default=Decimal("1.00"))
    scale_min = models.PositiveSmallIntegerField(_("lowest score"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("highest score"), default=10)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.CheckConstraint(condition=Q(weight__gt=0), name="criterion_weight_positive"),
            models.CheckConstraint(condition=Q(scale_max__gt=models.F("scale_min")), name="criterion_scale_ordered"),
            models.UniqueConstraint(fields=["edition", "name"], name="criterion_unique_name_per_edition"),
        ]

    def __str__(self):
        return self.name


class Entry(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="entries")
    category = models.ForeignKey(
        Category, on_delete=models.SET_NULL, null=True, blank=True, related_name="entries", verbose_name=_("category")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_entries", verbose_name=_("owner")
    )
    # The application
    title = models.CharField(_("title"), max_length=150)
    summary = models.TextField(_("summary"), max_length=600, blank=True)
    societal_question = models.TextField(_("societal question"), max_length=2000, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Sanitised HTML."))
    application_type = models.CharField(
        _("application type"), max_length=32, choices=ApplicationType.choices, blank=True
    )
    maturity = models.PositiveSmallIntegerField(_("maturity"), choices=Maturity.choices, null=True, blank=True)
    application_url = models.URLField(_("application URL"), blank=True)
    source_code_url = models.URLField(_("source code URL"), blank=True)
    source_code_licence = models.CharField(_("source code licence"), max_length=100, blank=True)
    themes = models.JSONField(_("themes"), default=list, blank=True)
    # Data used (datasets are EntryDataset rows)
    other_data = models.TextField(_("other data used"), max_length=2000, blank=True)
    # Impact and plans
    impact_evidence = models.TextField(_("impact and evidence"), max_length=4000, blank=True)
    prize_plan = models.TextField(_("plan for the prize money"), max_length=2000, blank=True)
    lessons_learned = models.TextField(_("lessons learned"), max_length=4000, blank=True)
    # Consents, separately
    consent_publish = models.BooleanField(_("consent to publish as a showcase example"), default=False)
    consent_case_study = models.BooleanField(_("consent to use as a case study in guides"), default=False)
    consent_contact = models.BooleanField(_("consent to be contacted by LEOO"), default=False)
    consent_terms = models.BooleanField(_("accepts the rules of the award"), default=False)
    # State
    state = models.CharField(_("state"), max_length=32, choices=EntryState.choices, default=EntryState.DRAFT)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    receipt_number = models.CharField(_("receipt number"), max_length=32, blank=True)
    content_hash = models.CharField(_("content hash"), max_length=64, blank=True)
    eligibility_reason = models.TextField(_("eligibility reason"), blank=True)
    jury_feedback = models.TextField(_("jury feedback"), blank=True)
    is_demo = models.BooleanField(_("demo content"), default=False, editable=False)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        constraints = [
            models.CheckConstraint(condition=Q(version__gte=1), name="entry_version_positive"),
            models.UniqueConstraint(
                fields=["receipt_number"], condition=~Q(receipt_number=""), name="entry_unique_receipt_number"
            ),
        ]
        indexes = [models.Index(fields=["edition", "state"])]

    def __str__(self):
        return self.title


class EntryOrganisation(models.Model):
    """One organisation of an entry; several make a consortium. `share` splits an award."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="organisations")
    name = models.CharField(_("name"), max_length=200)
    org_type = models.CharField(_("type"), max_length=32, choices=OrganisationType.choices)
    website = models.URLField(_("website"), blank=True)
    share_percent = models.DecimalField(
        _("share of the prize (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leave empty to share equally."),
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=Q(share_percent__isnull=True) | (Q(share_percent__gte=0) & Q(share_percent__lte=100)),
                name="organisation_share_is_percentage",
            )
        ]

    def __str__(self):
        return self.name


class TeamMembership(models.Model):
    """A co-entrant who may edit the entry. The owner is Entry.owner and has no row here."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="entry_memberships")
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "user"], name="membership_unique_per_entry")]

    def __str__(self):
        return f"{self.user} @ {self.entry}"


class EntryDataset(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="datasets")
    url = models.URLField(_("dataset URL"), max_length=500, blank=True)
    ckan_id = models.CharField(_("catalogue id"), max_length=200, blank=True)
    ckan_name = models.SlugField(_("catalogue name"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=300)
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    licence_id = models.CharField(_("licence id"), max_length=100, blank=True)
    licence_title = models.CharField(_("licence"), max_length=200, blank=True)
    is_open_licence = models.BooleanField(_("open licence"), default=False)
    is_dutch_government = models.BooleanField(_("Dutch government data"), default=False)
    source = models.CharField(
        _("source"), max_length=16, choices=DatasetSource.choices, default=DatasetSource.CATALOGUE
    )
    needs_check = models.BooleanField(
        _("needs a check"), default=False, help_text=_("Entered by hand while the catalogue was unreachable.")
    )
    how_used = models.TextField(_("how it is used"), max_length=1000, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("dataset used")
        verbose_name_plural = _("datasets used")

    def __str__(self):
        return self.title


def entry_image_path(instance, filename):
    return f"entries/{instance.entry_id}/images/{filename}"


def entry_attachment_path(instance, filename):
    return f"entries/{instance.entry_id}/attachments/{filename}"


class EntryImage(models.Model):
    """A screenshot. Private until a showcase page copies it into Wagtail's image library."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="images")
    file = models.FileField(_("file"), storage=private_storage, upload_to=entry_image_path, max_length=300)
    alt_text = models.CharField(_("alternative text"), max_length=250)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    sort_order = models.PositiveSmallIntegerField(default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("screenshot")
        verbose_name_plural = _("screenshots")

    def __str__(self):
        return self.alt_text


class EntryAttachment(models.Model):
    """A private document (PDF). Served only after a permission check."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), storage=private_storage, upload_to=entry_attachment_path, max_length=300)
    title = models.CharField(_("title"), max_length=200)
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.title


class EntryVersion(models.Model):
    """A snapshot of an entry after each saved edit (the edit history)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    data = models.JSONField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["entry", "version"], name="entry_version_unique")]

    def __str__(self):
        return f"{self.entry_id} v{self.version}"


# --- Entrant journey: deadline extensions, teams, nominations, reminders, receipts -----------------


class LateAccessCode(models.Model):
    """An extension of the deadline for one entrant, issued by the Secretariaat.

    The entrant redeems the code on the dashboard; from then on `submissions.deadline` lets that
    user write to the entry (or to any own entry of the edition when `entry` is empty) until
    `deadline`. Revoking ends the extension at once.
    """

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="late_access_codes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="late_access_codes", verbose_name=_("entrant")
    )
    entry = models.ForeignKey(
        Entry,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="late_access_codes",
        verbose_name=_("entry"),
        help_text=_("Leave empty to extend the deadline for every entry of this entrant in the edition."),
    )
    code = models.CharField(_("code"), max_length=32, unique=True)
    deadline = models.DateTimeField(_("own deadline"))
    reason = models.TextField(_("reason"), blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("issued by")
    )
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    redeemed_at = models.DateTimeField(_("used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("late-access code")
        verbose_name_plural = _("late-access codes")

    def __str__(self):
        return f"{self.user} – {self.edition} ({self.deadline:%Y-%m-%d %H:%M})"


class TeamInvitation(models.Model):
    """An invitation for a co-entrant. Only the SHA-256 of the token is stored."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("team invitation")
        verbose_name_plural = _("team invitations")

    def __str__(self):
        return f"{self.email} → {self.entry}"


class Nomination(models.Model):
    """A registered user proposes a third party. No entry exists until the nominee accepts and
    takes ownership; declined and expired nominations are deleted."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="nominations")
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="nominations_made"
    )
    nominee_email = models.EmailField(_("e-mail address of the nominee"))
    nominee_name = models.CharField(_("name of the nominee"), max_length=200)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    title = models.CharField(_("name of the application"), max_length=150)
    motivation = models.TextField(_("why you nominate them"), max_length=2000)
    application_url = models.URLField(_("application URL"), blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    entry = models.OneToOneField(Entry, on_delete=models.SET_NULL, null=True, blank=True, related_name="nomination")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")

    def __str__(self):
        return f"{self.title} ({self.nominee_email})"


class DeadlineReminder(models.Model):
    """One row per reminder sent, so a reminder is never sent twice (unique per entry and kind)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="deadline_reminders")
    kind = models.CharField(max_length=16)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "kind"], name="deadline_reminder_once")]

    def __str__(self):
        return f"{self.entry_id} {self.kind}"


class SubmissionReceipt(models.Model):
    """What was submitted when: one row per (re)submission; the e-mailed receipt quotes it."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="receipts")
    number = models.CharField(_("receipt number"), max_length=32, unique=True)
    content_hash = models.CharField(_("content hash (SHA-256)"), max_length=64)
    version = models.PositiveIntegerField()
    snapshot = models.JSONField()
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("submission receipt")
        verbose_name_plural = _("submission receipts")

    def __str__(self):
        return self.number


# --- Call page ----------------------------------------------------------------------------------


class CallPage(Page):
    """The public call for entries of one edition: text, timeline, rules, FAQ, countdown, "Meedoen"."""

    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="call_pages", verbose_name=_("edition"))
    intro = models.TextField(_("introduction"), blank=True, max_length=600)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("call text"))
    rules = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("rules"))
    faq = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("frequently asked questions"))

    content_panels = Page.content_panels + [
        FieldPanel("edition"),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("rules"),
        FieldPanel("faq"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    template = "submissions/call_page.html"

    class Meta:
        verbose_name = _("call for entries page")
        verbose_name_plural = _("call for entries pages")

    def get_context(self, request, *args, **kwargs):
        from .selectors import call_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(call_page_context(edition=self.edition, user=request.user))
        return context


# --- Outbox (files-admin): bulk mails of the Secretariaat and jury feedback letters ---------------


class Mailing(models.Model):
    """One mail to many recipients, composed from a template with placeholders ({{ naam }}, ...).

    Written only through `submissions.outbox` (create_mailing, send_mailing)."""

    kind = models.CharField(_("kind"), max_length=32, choices=MailingKind.choices, default=MailingKind.BULK)
    edition = models.ForeignKey(
        Edition, on_delete=models.SET_NULL, null=True, blank=True, related_name="mailings", verbose_name=_("edition")
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    state = models.CharField(_("state"), max_length=16, choices=MailingState.choices, default=MailingState.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    send_started_at = models.DateTimeField(_("sending started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("mailing")
        verbose_name_plural = _("mailings")

    def __str__(self):
        return self.subject


class MailingMessage(models.Model):
    """One recipient of a mailing, with the placeholder values frozen at composition, so the
    preview is exactly what is sent. Sent at most once (state moves pending -> sending -> sent)."""

    mailing = models.ForeignKey(Mailing, on_delete=models.CASCADE, related_name="messages")
    entry = models.ForeignKey(Entry, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    to_email = models.EmailField(_("to"))
    context = models.JSONField(_("placeholder values"), default=dict, blank=True)
    state = models.CharField(_("state"), max_length=16, choices=MessageState.choices, default=MessageState.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("mail message")
        verbose_name_plural = _("mail messages")
        constraints = [
            models.UniqueConstraint(fields=["mailing", "to_email", "entry"], name="mailing_message_unique_recipient"),
        ]
        indexes = [models.Index(fields=["mailing", "state"])]

    def __str__(self):
        return f"{self.to_email} ({self.get_state_display()})"
