"""Writes for the "data used" step: datasets from the data.overheid.nl catalogue or entered by hand.

A dataset found in the catalogue carries what the catalogue says (publisher, licence, whether it
is open and published by a Dutch government organisation). A dataset entered by hand (the
catalogue was down, or the data is elsewhere) keeps what the entrant said and is flagged
`needs_check`, so the Secretariaat checks it before the eligibility decision
(`mark_dataset_checked`). The submit rule "at least one open dataset of the Dutch government"
(submissions.completeness) reads `is_open_licence` and `is_dutch_government` of these rows.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from awardsite.audit import record_event

from .ckan import DatasetInfo, parse_dataset_url
from .deadline import assert_entry_writable
from .enums import DatasetSource
from .licences import licence_is_open, licence_label
from .models import Entry, EntryDataset

MAX_DATASETS_PER_ENTRY = 30


def _locked_writable_entry(*, entry: Entry, user) -> Entry:
    locked = Entry.objects.select_for_update().select_related("edition").get(pk=entry.pk)
    assert_entry_writable(entry=locked, user=user)
    if locked.datasets.count() >= MAX_DATASETS_PER_ENTRY:
        raise ValidationError(
            _("An entry can list at most %(max)d datasets.") % {"max": MAX_DATASETS_PER_ENTRY}, code="too_many"
        )
    return locked


def _next_order(entry: Entry) -> int:
    return (entry.datasets.aggregate(m=Max("sort_order"))["m"] or 0) + 1


def add_catalogue_dataset(*, entry: Entry, user, info: DatasetInfo, how_used: str = "") -> EntryDataset:
    """Add a dataset as the catalogue describes it. Refuses a dataset that is already listed."""
    with transaction.atomic():
        locked = _locked_writable_entry(entry=entry, user=user)
        if locked.datasets.filter(ckan_id=info.id).exists():
            raise ValidationError(_("This dataset is already on your list."), code="duplicate")
        dataset = EntryDataset.objects.create(
            entry=locked,
            url=info.url[:500],
            ckan_id=info.id,
            ckan_name=info.name,
            title=info.title[:300],
            publisher=info.publisher[:300],
            licence_id=info.licence_id[:100],
            licence_title=info.licence_title[:200],
            is_open_licence=info.is_open_licence,
            is_dutch_government=info.is_dutch_government,
            source=DatasetSource.CATALOGUE,
            needs_check=False,
            how_used=(how_used or "").strip()[:1000],
            sort_order=_next_order(locked),
        )
        record_event(
            actor=user,
            action="entry.dataset_added",
            obj=locked,
            edition_year=locked.edition.year,
            data={"dataset": dataset.pk, "ckan_name": info.name, "source": "catalogue"},
        )
    return dataset


def add_manual_dataset(
    *,
    entry: Entry,
    user,
    title: str,
    publisher: str,
    licence_id: str,
    url: str = "",
    claims_dutch_government: bool = False,
    how_used: str = "",
) -> EntryDataset:
    """Add a dataset as the entrant describes it; flagged for a check by the Secretariaat."""
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the name of the dataset.")})
    with transaction.atomic():
        locked = _locked_writable_entry(entry=entry, user=user)
        url = (url or "").strip()
        dataset = EntryDataset.objects.create(
            entry=locked,
            url=url[:500],
            ckan_name=(parse_dataset_url(url) or "")[:200],
            title=title[:300],
            publisher=(publisher or "").strip()[:300],
            licence_id=(licence_id or "")[:100],
            licence_title=licence_label(licence_id)[:200],
            is_open_licence=licence_is_open(licence_id),
            is_dutch_government=bool(claims_dutch_government),
            source=DatasetSource.MANUAL,
            needs_check=True,
            how_used=(how_used or "").strip()[:1000],
            sort_order=_next_order(locked),
        )
        record_event(
            actor=user,
            action="entry.dataset_added",
            obj=locked,
            edition_year=locked.edition.year,
            data={"dataset": dataset.pk, "source": "manual", "needs_check": True},
        )
    return dataset


def remove_dataset(*, dataset: EntryDataset, user) -> None:
    with transaction.atomic():
        locked = Entry.objects.select_for_update().select_related("edition").get(pk=dataset.entry_id)
        assert_entry_writable(entry=locked, user=user)
        EntryDataset.objects.filter(pk=dataset.pk, entry=locked).delete()
        record_event(
            actor=user,
            action="entry.dataset_removed",
            obj=locked,
            edition_year=locked.edition.year,
            data={"dataset": dataset.pk, "title": dataset.title},
        )


def mark_dataset_checked(*, dataset: EntryDataset, by, is_open_licence: bool, is_dutch_government: bool) -> None:
    """The Secretariaat confirms (or corrects) a hand-entered dataset. No deadline: it is a check."""
    with transaction.atomic():
        EntryDataset.objects.filter(pk=dataset.pk).update(
            needs_check=False, is_open_licence=is_open_licence, is_dutch_government=is_dutch_government
        )
        record_event(
            actor=by,
            action="entry.dataset_checked",
            obj=dataset.entry,
            edition_year=dataset.entry.edition.year,
            data={
                "dataset": dataset.pk,
                "is_open_licence": is_open_licence,
                "is_dutch_government": is_dutch_government,
            },
        )
