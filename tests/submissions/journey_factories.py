"""Factories and helpers of the entrant-journey tests."""

from datetime import timedelta

from django.utils import timezone

from submissions.enums import ApplicationType, Maturity, OrganisationType, Theme
from tests.factories import (
    CategoryFactory,
    EditionFactory,
    EntryDatasetFactory,
    EntryFactory,
    EntryOrganisationFactory,
    UserFactory,
)


def complete_entry(**kwargs):
    """A draft with everything submit needs (one organisation, a Dutch open dataset, consents)."""
    defaults = {
        "summary": "Een kaart van alle speeltuinen.",
        "societal_question": "Waar kunnen kinderen veilig spelen?",
        "description": "<p>De app toont speeltuinen.</p>",
        "application_type": ApplicationType.APP,
        "maturity": Maturity.LIVE,
        "themes": [Theme.RUIMTE],
        "impact_evidence": "1000 gebruikers per maand.",
        "prize_plan": "Uitbreiden naar alle gemeenten.",
        "consent_terms": True,
        "consent_publish": True,
    }
    defaults.update(kwargs)
    entry = EntryFactory(**defaults)
    EntryOrganisationFactory(entry=entry, org_type=OrganisationType.CIVIL_SOCIETY)
    EntryDatasetFactory(entry=entry)
    return entry


def closed_edition(**kwargs):
    now = timezone.now()
    return EditionFactory(opens_at=now - timedelta(days=60), closes_at=now - timedelta(days=1), **kwargs)


__all__ = ["CategoryFactory", "EditionFactory", "EntryFactory", "UserFactory", "complete_entry", "closed_edition"]
