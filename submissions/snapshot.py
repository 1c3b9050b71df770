"""A stable, JSON-serialisable picture of an entry's content: stored in EntryVersion and
SubmissionReceipt, quoted in the receipt e-mail and hashed (SHA-256) as the content hash."""

from __future__ import annotations

import hashlib
import json

CONTENT_FIELDS = (
    "title",
    "summary",
    "societal_question",
    "description",
    "application_type",
    "maturity",
    "application_url",
    "source_code_url",
    "source_code_licence",
    "themes",
    "other_data",
    "impact_evidence",
    "prize_plan",
    "lessons_learned",
    "consent_publish",
    "consent_case_study",
    "consent_contact",
    "consent_terms",
)


def entry_snapshot(entry) -> dict:
    """Everything the entrant wrote, in a fixed shape (no timestamps, no state)."""
    data = {field: getattr(entry, field) for field in CONTENT_FIELDS}
    data["edition"] = entry.edition.year
    data["category"] = entry.category.name if entry.category_id else ""
    data["organisations"] = [
        {
            "name": o.name,
            "type": o.org_type,
            "website": o.website,
            "share_percent": None if o.share_percent is None else str(o.share_percent),
        }
        for o in entry.organisations.all()
    ]
    data["datasets"] = [
        {
            "title": d.title,
            "url": d.url,
            "publisher": d.publisher,
            "licence": d.licence_title or d.licence_id,
            "open_licence": d.is_open_licence,
            "dutch_government": d.is_dutch_government,
            "how_used": d.how_used,
        }
        for d in entry.datasets.all()
    ]
    data["images"] = [{"alt_text": i.alt_text, "sha256": i.sha256} for i in entry.images.all()]
    data["attachments"] = [{"title": a.title, "sha256": a.sha256} for a in entry.attachments.all()]
    return data


def content_hash(snapshot: dict) -> str:
    canonical = json.dumps(snapshot, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
