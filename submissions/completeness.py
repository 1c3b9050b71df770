"""Which required items of an entry are missing, per step. Used by the checklist, the dashboard and
submit (`services.submit_entry` refuses while anything is missing).

Works on prefetched relations (`organisations`, `datasets`, `edition__categories`) so lists stay at a
fixed number of queries (see `selectors.dashboard_entries`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from .steps import STEPS, Step


@dataclass(frozen=True)
class Missing:
    step: Step
    field: str  # a form field name on that step, for the link "#id_<field>", or "" for the step
    message: str


def _organisation_step(entry) -> list[tuple[str, str]]:
    missing = []
    organisations = list(entry.organisations.all())
    if not organisations:
        missing.append(("", _("Add at least one organisation.")))
    shares = [o.share_percent for o in organisations if o.share_percent is not None]
    if shares and (len(shares) != len(organisations) or sum(shares, Decimal("0")) != Decimal("100")):
        missing.append(("", _("The prize shares of the organisations must add up to 100%, or leave all empty.")))
    categories = list(entry.edition.categories.all())
    if categories and entry.category_id is None:
        missing.append(("category", _("Choose a category.")))
    return missing


def _application_step(entry) -> list[tuple[str, str]]:
    missing = []
    for field, message in (
        ("title", _("Give your application a name.")),
        ("summary", _("Write a short summary.")),
        ("societal_question", _("Describe the societal question.")),
        ("description", _("Describe the application.")),
        ("application_type", _("Choose the type of application.")),
    ):
        if not (getattr(entry, field) or "").strip():
            missing.append((field, message))
    if entry.maturity is None:
        missing.append(("maturity", _("Choose how far the application is.")))
    if not entry.themes:
        missing.append(("themes", _("Choose at least one theme.")))
    return missing


def _data_step(entry) -> list[tuple[str, str]]:
    datasets = list(entry.datasets.all())
    if not datasets:
        return [("", _("Add at least one dataset you use."))]
    if not any(d.is_dutch_government and d.is_open_licence for d in datasets):
        return [("", _("Add at least one open dataset of the Dutch government."))]
    return []


def _impact_step(entry) -> list[tuple[str, str]]:
    missing = []
    if not entry.impact_evidence.strip():
        missing.append(("impact_evidence", _("Describe the impact and how you know it.")))
    if not entry.prize_plan.strip():
        missing.append(("prize_plan", _("Describe what you will do with the prize money.")))
    return missing


def _files_step(entry) -> list[tuple[str, str]]:
    return []  # Screenshots and attachments are optional; their own checks run on upload.


def _consent_step(entry) -> list[tuple[str, str]]:
    if not entry.consent_terms:
        return [("consent_terms", _("Accept the rules of the award."))]
    return []


CHECKS = {
    "organisatie": _organisation_step,
    "toepassing": _application_step,
    "data": _data_step,
    "impact": _impact_step,
    "bestanden": _files_step,
    "toestemming": _consent_step,
    "controleren": lambda entry: [],
}


def missing_items(entry, step: Step | None = None) -> list[Missing]:
    """Everything still missing (or only for `step`)."""
    steps = [step] if step is not None else STEPS
    return [Missing(s, field, str(message)) for s in steps for field, message in CHECKS[s.slug](entry)]


def step_status(entry) -> list[dict]:
    """Per step: the step, its missing items and whether it is complete (for the indicator/checklist)."""
    result = []
    for s in STEPS:
        items = missing_items(entry, s)
        result.append({"step": s, "missing": items, "complete": not items})
    # The last step ("check and submit") has no fields of its own: it is done once everything before it is
    # complete and the entry has been submitted, never merely because it has nothing missing.
    last = result[-1]
    last["complete"] = last["complete"] and entry.submitted_at is not None and all(r["complete"] for r in result[:-1])
    return result


def is_complete(entry) -> bool:
    return not missing_items(entry)


def completeness_percent(entry) -> int:
    """Share of the steps (without the last) that are complete, for the dashboard."""
    status = step_status(entry)[:-1]
    return round(100 * sum(1 for s in status if s["complete"]) / len(status))
