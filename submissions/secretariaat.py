"""The Secretariaat's work on entries: the eligibility decision, the entries overview with its
filters, and exports (CSV, XLSX). Rows always come from `selectors.entries_visible_to(user)`;
every export is recorded in the audit log.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awardsite.audit import record_event

from .completeness import is_complete
from .deadline import effective_deadline, local
from .enums import EntryState
from .models import Entry
from .selectors import entries_visible_to

ELIGIBILITY_FROM_STATES = (EntryState.SUBMITTED, EntryState.ELIGIBLE, EntryState.INELIGIBLE)


def decide_eligibility(*, entry: Entry, eligible: bool, reason: str, by) -> Entry:
    """submitted -> eligible | ineligible (a decision may be corrected until the longlist).

    Only after the entry's deadline (with grace and any late-access code of its owner), so the
    entrant cannot change an entry that has been checked. A refusal needs a reason; the entrant
    sees the reason on their dashboard (and in a mail with the {{ reden }} placeholder)."""
    reason = (reason or "").strip()
    if not eligible and not reason:
        raise ValidationError({"reason": _("Give the reason why the entry is not eligible; the entrant sees it.")})
    with transaction.atomic():
        locked = Entry.objects.select_for_update().select_related("edition", "owner").get(pk=entry.pk)
        if locked.state not in ELIGIBILITY_FROM_STATES:
            raise ValidationError(
                _("An entry that is %(state)s cannot get an eligibility decision.")
                % {"state": locked.get_state_display().lower()},
                code="wrong_state",
            )
        deadline = effective_deadline(edition=locked.edition, user=locked.owner, entry=locked)
        if timezone.now() <= deadline:
            raise ValidationError(
                _("The entrant may still change this entry until %(deadline)s. Decide after that.")
                % {"deadline": f"{local(deadline):%d-%m-%Y %H:%M}"},
                code="before_deadline",
            )
        previous = locked.state
        locked.state = EntryState.ELIGIBLE if eligible else EntryState.INELIGIBLE
        locked.eligibility_reason = reason
        locked.save(update_fields=["state", "eligibility_reason", "updated_at"])
        record_event(
            actor=by,
            action="entry.eligibility_decided",
            obj=locked,
            edition_year=locked.edition.year,
            data={"from": previous, "to": locked.state, "reason": reason},
        )
    return locked


# --- Overview and filters -----------------------------------------------------------------------


@dataclass(frozen=True)
class EntryFilters:
    edition: int | None = None
    state: str = ""
    category: int | None = None
    completeness: str = ""  # "", "complete", "incomplete"
    q: str = ""

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v not in (None, "")}


def secretariaat_entries(user, filters: EntryFilters) -> list[Entry]:
    """Entries for the overview and exports, in a fixed number of queries."""
    qs = (
        entries_visible_to(user)
        .select_related("edition", "category", "owner")
        .prefetch_related("organisations", "datasets", "edition__categories", "memberships")
        .order_by("-edition__year", "title", "pk")
    )
    if filters.edition:
        qs = qs.filter(edition__year=filters.edition)
    if filters.state:
        qs = qs.filter(state=filters.state)
    if filters.category:
        qs = qs.filter(category_id=filters.category)
    if filters.q:
        qs = qs.filter(title__icontains=filters.q)
    entries = list(qs)
    for entry in entries:
        entry.is_complete = is_complete(entry)
        entry.datasets_to_check = sum(1 for d in entry.datasets.all() if d.needs_check)
    if filters.completeness == "complete":
        entries = [e for e in entries if e.is_complete]
    elif filters.completeness == "incomplete":
        entries = [e for e in entries if not e.is_complete]
    return entries


# --- Exports ------------------------------------------------------------------------------------

EXPORT_COLUMNS = (
    ("id", "ID"),
    ("receipt_number", "Ontvangstnummer"),
    ("edition", "Editie"),
    ("category", "Categorie"),
    ("title", "Titel"),
    ("state", "Status"),
    ("complete", "Compleet"),
    ("submitted_at", "Ingediend op"),
    ("owner_name", "Eigenaar"),
    ("owner_email", "E-mail eigenaar"),
    ("organisations", "Organisaties"),
    ("team_size", "Teamleden"),
    ("datasets", "Datasets"),
    ("gov_open_datasets", "Open overheidsdatasets"),
    ("datasets_to_check", "Datasets te controleren"),
    ("application_url", "Adres toepassing"),
    ("consent_publish", "Toestemming publicatie"),
    ("consent_case_study", "Toestemming casus"),
    ("consent_contact", "Toestemming contact"),
    ("eligibility_reason", "Reden ontvankelijkheid"),
)
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value) -> str | int | bool:
    """CSV/spreadsheet injection: a text cell that starts like a formula gets a leading quote."""
    if isinstance(value, bool | int):
        return value
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def export_row(entry: Entry) -> dict:
    datasets = list(entry.datasets.all())
    return {
        "id": entry.pk,
        "receipt_number": entry.receipt_number,
        "edition": entry.edition.year,
        "category": entry.category.name if entry.category else "",
        "title": entry.title,
        "state": str(entry.get_state_display()),
        "complete": "ja" if getattr(entry, "is_complete", is_complete(entry)) else "nee",
        "submitted_at": f"{local(entry.submitted_at):%Y-%m-%d %H:%M}" if entry.submitted_at else "",
        "owner_name": entry.owner.get_full_name(),
        "owner_email": entry.owner.email,
        "organisations": "; ".join(f"{o.name} ({o.get_org_type_display()})" for o in entry.organisations.all()),
        "team_size": 1 + len(entry.memberships.all()),
        "datasets": len(datasets),
        "gov_open_datasets": sum(1 for d in datasets if d.is_open_licence and d.is_dutch_government),
        "datasets_to_check": sum(1 for d in datasets if d.needs_check),
        "application_url": entry.application_url,
        "consent_publish": "ja" if entry.consent_publish else "nee",
        "consent_case_study": "ja" if entry.consent_case_study else "nee",
        "consent_contact": "ja" if entry.consent_contact else "nee",
        "eligibility_reason": entry.eligibility_reason,
    }


def _rows(entries):
    yield [label for _key, label in EXPORT_COLUMNS]
    for entry in entries:
        row = export_row(entry)
        yield [neutralise(row[key]) for key, _label in EXPORT_COLUMNS]


def export_entries(*, user, filters: EntryFilters, fmt: str) -> tuple[bytes, str, str]:
    """(content, content type, file name) of an export; recorded as an audit event."""
    if fmt not in ("csv", "xlsx"):
        raise ValidationError(_("Unknown export format."))
    entries = secretariaat_entries(user, filters)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_MINIMAL)
        for row in _rows(entries):
            writer.writerow(row)
        content = ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: Excel opens UTF-8 correctly
        content_type = "text/csv; charset=utf-8"
    else:
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("Inzendingen")
        for row in _rows(entries):
            sheet.append(row)
        out = io.BytesIO()
        workbook.save(out)
        content = out.getvalue()
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    record_event(
        actor=user,
        action="entries.exported",
        edition_year=filters.edition,
        data={"format": fmt, "filters": filters.as_dict(), "rows": len(entries), "entries": [e.pk for e in entries]},
    )
    return content, content_type, f"soda-inzendingen-{stamp}.{fmt}"
