"""Views of the "data used" step (3), the "images and attachments" step (5) and private file
downloads. They find the entry through selectors (404 for strangers), hand cleaned input to the
services (`datasets`, `uploads`) and render; the deadline is checked inside the services.
Everything works without JavaScript: each action is a small POST form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from awardsite.audit import record_event

from . import ckan, datasets, uploads
from .completeness import step_status
from .deadline import EntryNotWritable, announced_deadline, entry_is_writable, local
from .downloads import get_file_for_user_or_404, private_file_response
from .file_forms import (
    AttachmentUploadForm,
    DatasetSearchForm,
    DatasetUrlForm,
    ImageEditForm,
    ImageUploadForm,
    ManualDatasetForm,
)
from .models import EntryAttachment, EntryDataset, EntryImage
from .rules import is_entrant
from .selectors import get_entry_for_entrant_or_404
from .steps import STEPS_BY_SLUG, next_step, previous_step

DATA_STEP = STEPS_BY_SLUG["data"]
FILES_STEP = STEPS_BY_SLUG["bestanden"]


def _step_context(request, entry, step, **extra):
    """Step indicator and header: the same shape as the journey's form steps."""
    indicator = [
        {
            "label": f"{s['step'].number}. {s['step'].label}",
            "url": s["step"].url(entry),
            "state": "done" if s["complete"] else "todo",
            "current": s["step"] == step,
        }
        for s in step_status(entry)
    ]
    context = {
        "entry": entry,
        "step": step,
        "steps": indicator,
        "previous_step": previous_step(step),
        "next_step": next_step(step),
        "writable": entry_is_writable(entry=entry, user=request.user),
        "deadline": local(announced_deadline(entry=entry, user=request.user)),
    }
    context.update(extra)
    return context


def _form_error(form, exc: ValidationError):
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


# --- Step 3: data used ---------------------------------------------------------------------------


@login_required
def entry_datasets(request, pk: int):
    entry = get_entry_for_entrant_or_404(request.user, pk)
    url_form = DatasetUrlForm(prefix="byurl")
    manual_form = ManualDatasetForm(prefix="manual")
    search_form = DatasetSearchForm(request.GET or None)
    search_result = None
    catalogue_down = None
    status = 200

    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "add_url":
                url_form = DatasetUrlForm(request.POST, prefix="byurl")
                if url_form.is_valid():
                    try:
                        info = ckan.get_dataset_by_url(url_form.cleaned_data["url"])
                    except ckan.CatalogueUnavailable as exc:
                        catalogue_down = exc.message
                        typed = {"url": url_form.cleaned_data["url"], "how_used": url_form.cleaned_data["how_used"]}
                        url_form.add_error("url", exc.message)
                        manual_form = ManualDatasetForm(prefix="manual", initial=typed)
                    except ckan.DatasetNotFound as exc:
                        url_form.add_error("url", exc.message)
                    else:
                        datasets.add_catalogue_dataset(
                            entry=entry, user=request.user, info=info, how_used=url_form.cleaned_data["how_used"]
                        )
                        messages.success(request, _("Dataset added: %(title)s") % {"title": info.title})
                        return redirect("submissions:entry_datasets", pk=entry.pk)
            elif action == "add_result":
                try:
                    info = ckan.get_dataset(request.POST.get("name", ""))
                except ckan.CatalogueError as exc:
                    messages.error(request, exc.message)
                else:
                    datasets.add_catalogue_dataset(entry=entry, user=request.user, info=info)
                    messages.success(request, _("Dataset added: %(title)s") % {"title": info.title})
                return redirect("submissions:entry_datasets", pk=entry.pk)
            elif action == "add_manual":
                manual_form = ManualDatasetForm(request.POST, prefix="manual")
                if manual_form.is_valid():
                    datasets.add_manual_dataset(entry=entry, user=request.user, **manual_form.cleaned_data)
                    messages.success(
                        request,
                        _("Dataset added. The Secretariaat will check the details you entered."),
                    )
                    return redirect("submissions:entry_datasets", pk=entry.pk)
            elif action == "remove":
                dataset = get_object_or_404(EntryDataset, pk=request.POST.get("dataset"), entry=entry)
                datasets.remove_dataset(dataset=dataset, user=request.user)
                messages.success(request, _("Dataset removed: %(title)s") % {"title": dataset.title})
                return redirect("submissions:entry_datasets", pk=entry.pk)
        except EntryNotWritable as exc:
            target = manual_form if action == "add_manual" else url_form
            target.add_error(None, exc)
        except ValidationError as exc:
            target = manual_form if action == "add_manual" else url_form
            _form_error(target, exc)
            if action in ("add_result", "remove"):
                messages.error(request, exc.messages[0])
                return redirect("submissions:entry_datasets", pk=entry.pk)
        status = 400
    elif search_form.is_valid() and search_form.cleaned_data["q"]:
        try:
            search_result = ckan.search_datasets(search_form.cleaned_data["q"])
        except ckan.CatalogueUnavailable as exc:
            catalogue_down = exc.message
            search_form.add_error("q", exc.message)

    context = _step_context(
        request,
        entry,
        DATA_STEP,
        datasets=entry.datasets.all(),
        url_form=url_form,
        manual_form=manual_form,
        search_form=search_form,
        search_result=search_result,
        catalogue_down=catalogue_down,
    )
    return render(request, "submissions/step_datasets.html", context, status=status)


# --- Step 5: images and attachments -------------------------------------------------------------


@login_required
def entry_files(request, pk: int):
    entry = get_entry_for_entrant_or_404(request.user, pk)
    image_form = ImageUploadForm(prefix="image")
    attachment_form = AttachmentUploadForm(prefix="attachment")
    edit_errors = {}
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        form = None
        try:
            if action == "add_image":
                form = image_form = ImageUploadForm(request.POST, request.FILES, prefix="image")
                if form.is_valid():
                    uploads.add_image(
                        entry=entry,
                        user=request.user,
                        checked=form.checked,
                        alt_text=form.cleaned_data["alt_text"],
                        caption=form.cleaned_data["caption"],
                    )
                    messages.success(request, _("Screenshot added."))
                    return redirect("submissions:entry_files", pk=entry.pk)
            elif action == "add_attachment":
                form = attachment_form = AttachmentUploadForm(request.POST, request.FILES, prefix="attachment")
                if form.is_valid():
                    uploads.add_attachment(
                        entry=entry, user=request.user, checked=form.checked, title=form.cleaned_data["title"]
                    )
                    messages.success(request, _("Attachment added."))
                    return redirect("submissions:entry_files", pk=entry.pk)
            elif action in ("edit_image", "move_up", "move_down", "delete_image"):
                image = get_object_or_404(EntryImage, pk=request.POST.get("image"), entry=entry)
                if action == "edit_image":
                    form = ImageEditForm(request.POST, prefix=f"img{image.pk}")
                    if form.is_valid():
                        uploads.update_image(image=image, user=request.user, **form.cleaned_data)
                        messages.success(request, _("Screenshot details saved."))
                        return redirect("submissions:entry_files", pk=entry.pk)
                    edit_errors[image.pk] = form
                elif action == "delete_image":
                    uploads.delete_image(image=image, user=request.user)
                    messages.success(request, _("Screenshot deleted."))
                    return redirect("submissions:entry_files", pk=entry.pk)
                else:
                    uploads.move_image(image=image, user=request.user, direction=action.removeprefix("move_"))
                    return redirect("submissions:entry_files", pk=entry.pk)
            elif action == "delete_attachment":
                attachment = get_object_or_404(EntryAttachment, pk=request.POST.get("attachment"), entry=entry)
                uploads.delete_attachment(attachment=attachment, user=request.user)
                messages.success(request, _("Attachment deleted."))
                return redirect("submissions:entry_files", pk=entry.pk)
        except ValidationError as exc:  # includes EntryNotWritable (deadline, state)
            if form is not None:
                _form_error(form, exc)
            messages.error(request, exc.messages[0])
            if form is None:
                return redirect("submissions:entry_files", pk=entry.pk)
        status = 400
    images = list(entry.images.all())
    image_rows = [
        {
            "image": image,
            "form": edit_errors.get(image.pk)
            or ImageEditForm(prefix=f"img{image.pk}", initial={"alt_text": image.alt_text, "caption": image.caption}),
            "first": index == 0,
            "last": index == len(images) - 1,
        }
        for index, image in enumerate(images)
    ]
    context = _step_context(
        request,
        entry,
        FILES_STEP,
        image_rows=image_rows,
        attachments=entry.attachments.all(),
        image_form=image_form,
        attachment_form=attachment_form,
    )
    return render(request, "submissions/step_files.html", context, status=status)


# --- Private downloads ---------------------------------------------------------------------------


@require_GET
def file_download(request, kind: str, pk: int):
    """404 for anyone who may not see the entry (anonymous users included): nothing is revealed."""
    item = get_file_for_user_or_404(request.user, kind=kind, pk=pk)
    if not is_entrant(request.user, item.entry):
        # Jurors and the Secretariaat reading an entrant's private file: worth a line in the log.
        record_event(
            actor=request.user,
            action="entry.file_downloaded",
            obj=item.entry,
            edition_year=item.entry.edition.year,
            data={"kind": kind, "file": item.pk, "sha256": item.sha256},
        )
    return private_file_response(item, inline=request.GET.get("weergave") == "inline")
