"""Choices of the call for entries. Transitions between states live in submissions.services."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    """Derived from an edition's dates and decisions, never set by hand."""

    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Open for entries")
    CLOSED = "closed", _("Closed")
    JUDGING = "judging", _("Judging")
    DECIDED = "decided", _("Decided")
    PUBLISHED = "published", _("Results published")


class EntryState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ELIGIBLE = "eligible", _("Eligible")
    INELIGIBLE = "ineligible", _("Not eligible")
    LONGLIST = "longlist", _("Longlist")
    SHORTLIST = "shortlist", _("Nominee")
    WINNER = "winner", _("Winner")
    HONOURABLE_MENTION = "honourable_mention", _("Honourable mention")
    NOT_SELECTED = "not_selected", _("Not selected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# States in which an entry takes part in the competition (everything after submission that is
# neither refused nor withdrawn).
COMPETING_STATES = (
    EntryState.SUBMITTED,
    EntryState.ELIGIBLE,
    EntryState.LONGLIST,
    EntryState.SHORTLIST,
    EntryState.WINNER,
    EntryState.HONOURABLE_MENTION,
    EntryState.NOT_SELECTED,
)
DECIDED_STATES = (EntryState.WINNER, EntryState.HONOURABLE_MENTION, EntryState.NOT_SELECTED)


class OrganisationType(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    MARKET = "market", _("Company")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    MEDIA = "media", _("Media")
    RESEARCH = "research", _("Research or education")
    INDIVIDUAL = "individual", _("Individual")


class ApplicationType(models.TextChoices):
    APP = "app", _("App")
    WEBSITE = "website", _("Website or web service")
    DASHBOARD = "dashboard", _("Dashboard or visualisation")
    API = "api", _("API or data service")
    RESEARCH = "research", _("Research or analysis")
    JOURNALISM = "journalism", _("Data journalism")
    OTHER = "other", _("Other")


class Maturity(models.IntegerChoices):
    IDEA = 1, _("Idea or concept")
    PROTOTYPE = 2, _("Prototype")
    PILOT = 3, _("Pilot with users")
    LIVE = 4, _("In use")
    SCALED = 5, _("In wide use")


class Theme(models.TextChoices):
    """The theme list of data.overheid.nl."""

    BESTUUR = "bestuur", _("Government and public administration")
    CULTUUR = "cultuur-en-recreatie", _("Culture and recreation")
    ECONOMIE = "economie", _("Economy")
    FINANCIEN = "financien", _("Finance")
    HUISVESTING = "huisvesting", _("Housing")
    INTERNATIONAAL = "internationaal", _("International")
    LANDBOUW = "landbouw", _("Agriculture")
    MIGRATIE = "migratie-en-integratie", _("Migration and integration")
    NATUUR = "natuur-en-milieu", _("Nature and environment")
    ONDERWIJS = "onderwijs-en-wetenschap", _("Education and science")
    VEILIGHEID = "openbare-orde-en-veiligheid", _("Public order and safety")
    RECHT = "recht", _("Law")
    RUIMTE = "ruimte-en-infrastructuur", _("Spatial planning and infrastructure")
    SOCIALE_ZEKERHEID = "sociale-zekerheid", _("Social security")
    VERKEER = "verkeer", _("Traffic and transport")
    WERK = "werk", _("Work")
    ZORG = "zorg-en-gezondheid", _("Care and health")


class TieBreakRule(models.TextChoices):
    """How equal totals are ordered; fixed when the edition is configured, shown with results."""

    MEDIAN = "median", _("Higher median score ranks first")
    FIRST_CRITERION = "first_criterion", _("Higher mean on the first (heaviest) criterion ranks first")
    FEWER_LOW_SCORES = "fewer_low_scores", _("Lower spread between jurors ranks first")
    SHARED = "shared", _("Entries stay tied and share the place")


class DatasetSource(models.TextChoices):
    CATALOGUE = "catalogue", _("data.overheid.nl catalogue")
    MANUAL = "manual", _("Entered by hand")


# --- Outbox (files-admin) ---------------------------------------------------------------------------


class MailingKind(models.TextChoices):
    BULK = "bulk", _("Mail to entrants")
    JURY_FEEDBACK = "jury_feedback", _("Jury feedback letter")
    ELIGIBILITY = "eligibility", _("Eligibility decision")


class MailingState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    PARTLY_FAILED = "partly_failed", _("Sent, some failed")


class MessageState(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
