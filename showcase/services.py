"""Writes of the showcase app: entry to showcase page, results publication, cache, workflows."""

from __future__ import annotations

import os
from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

from awardsite.audit import record_event
from awardsite.images import CustomImage
from awardsite.roles import REDACTIE, SECRETARIAAT
from awardsite.sanitize import sanitize_html, strip_all_html
from submissions.models import Edition, Entry

from .cache import bump_generation
from .models import (
    ShowcaseDataset,
    ShowcaseImage,
    ShowcaseIndexPage,
    ShowcaseOrganisation,
    ShowcasePage,
    ShowcaseYearPage,
)
from .rules import can_create_showcase_page, can_publish_results
from .selectors import award_for_entry, showcase_candidates
from .workflow_tasks import SecondEditorApprovalTask

SHOWCASE_WORKFLOW_NAME = "Showcase review"
GUIDE_WORKFLOW_NAME = "Guide approval"


class ShowcaseError(ValidationError):
    """A refusal with a message for the person who asked."""


def invalidate_public_cache(*, reason: str) -> None:
    """Retire every cached public showcase response (on all servers sharing the cache)."""
    transaction.on_commit(bump_generation)


def ensure_year_page(*, edition: Edition, index: ShowcaseIndexPage) -> ShowcaseYearPage:
    """The edition's page under the showcase index; created live (it stays 404 until the results
    are published, so creating it reveals nothing)."""
    existing = ShowcaseYearPage.objects.filter(edition=edition).first()
    if existing is not None:
        return existing
    page = ShowcaseYearPage(
        title=_("Results and examples %(year)s") % {"year": edition.year},
        slug=str(edition.year),
        edition=edition,
        intro=_("The winners, nominees and good-practice examples of %(title)s.") % {"title": edition.title},
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def _copy_image(*, entry_image, title: str) -> CustomImage:
    with entry_image.file.open("rb") as handle:
        name = os.path.basename(entry_image.file.name)
        image = CustomImage(
            title=(entry_image.alt_text or title)[:255],
            alt_text=entry_image.alt_text[:250],
            file=ImageFile(handle, name=name),
        )
        image.save()
    return image


def create_showcase_page_from_entry(*, entry: Entry, by) -> ShowcasePage:
    """Make a DRAFT showcase page from a consented, selected entry, prefilled with everything the
    entrants wrote that may be shown, and the award. Editors finish it and publish it through the
    "Showcase review" workflow. Generated texts (award label, year page) are in the site's language."""
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        return _create_showcase_page_from_entry(entry=entry, by=by)


def _create_showcase_page_from_entry(*, entry: Entry, by) -> ShowcasePage:
    if not can_create_showcase_page(by):
        raise PermissionDenied(_("Only the Secretariaat and the Redactie can create showcase pages."))
    entry = Entry.objects.select_for_update().select_related("edition").get(pk=entry.pk)
    if not entry.consent_publish:
        raise ShowcaseError(_("The entrants did not consent to publication, so this entry cannot be shown."))
    if not showcase_candidates().filter(pk=entry.pk).exists():
        raise ShowcaseError(
            _("Only winners, nominees and honourable mentions become showcase pages (this entry is: %(state)s).")
            % {"state": entry.get_state_display()}
        )
    if ShowcasePage.objects.filter(entry=entry).exists():
        raise ShowcaseError(_("This entry already has a showcase page."))
    index = ShowcaseIndexPage.objects.first()
    if index is None:
        raise ShowcaseError(_("There is no showcase index page yet. Create it under the home page first."))
    year_page = ensure_year_page(edition=entry.edition, index=index)
    award = award_for_entry(entry)
    # A title that is nothing but markup-like text would strip to nothing: keep it as plain text
    # then (page titles are always escaped on output).
    title = strip_all_html(entry.title).strip() or entry.title.strip()
    slug = slugify(title)[:60] or f"voorbeeld-{entry.pk}"
    if Page.objects.child_of(year_page).filter(slug=slug).exists():
        slug = f"{slug}-{entry.pk}"
    page = ShowcasePage(
        title=title,
        slug=slug,
        live=False,
        entry=entry,
        edition=entry.edition,
        summary=strip_all_html(entry.summary) or title,
        description=sanitize_html(entry.description),
        societal_question=strip_all_html(entry.societal_question),
        impact=strip_all_html(entry.impact_evidence),
        lessons_learned=strip_all_html(entry.lessons_learned),
        application_type=entry.application_type,
        maturity=entry.maturity,
        themes=list(entry.themes or []),
        application_url=entry.application_url,
        source_code_url=entry.source_code_url,
        source_code_licence=entry.source_code_licence,
        award_kind=award.kind,
        award_label=award.label,
        award_amount=award.amount,
        jury_motivation=award.motivation,
        owner=by,
    )
    page.organisations = [
        ShowcaseOrganisation(name=org.name, org_type=org.org_type, website=org.website, sort_order=i)
        for i, org in enumerate(entry.organisations.all())
    ]
    page.datasets = [
        ShowcaseDataset(
            title=ds.title,
            ckan_name=ds.ckan_name,
            url=ds.url,
            publisher=ds.publisher,
            licence_title=ds.licence_title,
            licence_url=ds.licence_id if ds.licence_id.startswith("http") else "",
            how_used=strip_all_html(ds.how_used),
            sort_order=i,
        )
        for i, ds in enumerate(entry.datasets.all())
    ]
    page.images = [
        ShowcaseImage(image=_copy_image(entry_image=img, title=title), caption=img.caption, sort_order=i)
        for i, img in enumerate(entry.images.all())
    ]
    year_page.add_child(instance=page)
    page.save_revision(user=by, log_action=True)
    record_event(
        actor=by,
        action="showcase.page_created_from_entry",
        obj=page,
        edition_year=entry.edition.year,
        data={"entry_id": entry.pk, "images": len(page.images.all())},
    )
    return page


@transaction.atomic
def publish_results(*, edition: Edition, by, at: datetime | None = None) -> Edition:
    """Lift the embargo on an edition's results, now or at a later moment (e.g. the ceremony).
    Allowed only after the jury chair signed the decision, and only once."""
    if not can_publish_results(by):
        raise PermissionDenied(_("Only the Secretariaat can publish results."))
    edition = Edition.objects.select_for_update().get(pk=edition.pk)
    now = timezone.now()
    if edition.decision_signed_at is None:
        raise ShowcaseError(_("The jury's decision is not signed yet, so the results cannot be published."))
    if edition.results_published_at is not None and edition.results_published_at <= now:
        raise ShowcaseError(_("The results of this edition are already published."))
    moment = at or now
    edition.results_published_at = moment
    edition.save(update_fields=["results_published_at"])
    record_event(
        actor=by,
        action="showcase.results_published",
        obj=edition,
        edition_year=edition.year,
        data={"at": moment.isoformat(), "scheduled": moment > now},
    )
    if moment <= now:
        fill_in_public_awards(edition=edition)
    invalidate_public_cache(reason="results published")
    return edition


def fill_in_public_awards(*, edition: Edition) -> int:
    """Copy amount and jury motivation, public from now on, into the edition's showcase pages that
    were prepared during the embargo without them (an editor's own text is kept)."""
    changed = 0
    for page in ShowcasePage.objects.filter(edition=edition, entry__isnull=False).select_related("entry__edition"):
        award = award_for_entry(page.entry)
        updates = {}
        if page.award_amount is None and award.amount is not None:
            updates["award_amount"] = award.amount
        if not page.jury_motivation and award.motivation:
            updates["jury_motivation"] = award.motivation
        if updates:
            ShowcasePage.objects.filter(pk=page.pk).update(**updates)
            changed += 1
    return changed


def ensure_editorial_workflows(*, showcase_index: Page | None = None, guide_index: Page | None = None) -> dict:
    """The two moderation workflows, created if missing and assigned to the given index pages:
    "Showcase review" (Redactie or Secretariaat approve) and "Guide approval" (a Redactie member
    other than the one who submitted approves)."""
    redactie, _created = Group.objects.get_or_create(name=REDACTIE)
    secretariaat, _created = Group.objects.get_or_create(name=SECRETARIAAT)

    showcase_workflow, _created = Workflow.objects.get_or_create(name=SHOWCASE_WORKFLOW_NAME)
    if not showcase_workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.create(name="Redactie: voorbeeld controleren")
        task.groups.set([redactie, secretariaat])
        WorkflowTask.objects.create(workflow=showcase_workflow, task=task, sort_order=0)

    guide_workflow, _created = Workflow.objects.get_or_create(name=GUIDE_WORKFLOW_NAME)
    if not guide_workflow.workflow_tasks.exists():
        task = SecondEditorApprovalTask.objects.create(name="Tweede redacteur keurt goed")
        task.groups.set([redactie])
        WorkflowTask.objects.create(workflow=guide_workflow, task=task, sort_order=0)

    for page, workflow in ((showcase_index, showcase_workflow), (guide_index, guide_workflow)):
        if page is not None:
            WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return {"showcase": showcase_workflow, "guide": guide_workflow}


def ensure_editor_permissions(*, showcase_index: Page, guide_index: Page) -> None:
    """Redactie and Secretariaat may add and edit below the indexes, but not publish themselves:
    publishing happens when the workflow's approval completes."""
    from django.contrib.auth.models import Permission
    from wagtail.models import GroupPagePermission

    add = Permission.objects.get(content_type__app_label="wagtailcore", codename="add_page")
    change = Permission.objects.get(content_type__app_label="wagtailcore", codename="change_page")
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    for name in (REDACTIE, SECRETARIAAT):
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)
        for page in (showcase_index, guide_index):
            for permission in (add, change):
                GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
    # Editors choose images and documents for pages.
    for codename, app in (
        ("choose_image", "wagtailimages"),
        ("add_image", "wagtailimages"),
        ("choose_document", "wagtaildocs"),
        ("add_document", "wagtaildocs"),
    ):
        permission = Permission.objects.filter(content_type__app_label=app, codename=codename).first()
        if permission is None:
            continue
        from wagtail.models import Collection, GroupCollectionPermission

        root = Collection.get_first_root_node()
        for name in (REDACTIE, SECRETARIAAT):
            GroupCollectionPermission.objects.get_or_create(
                group=Group.objects.get(name=name), collection=root, permission=permission
            )
