"""Entries overview, entry detail, eligibility decision, dataset check and exports."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..completeness import missing_items
from ..datasets import mark_dataset_checked
from ..models import EntryDataset
from ..secretariaat import (
    ELIGIBILITY_FROM_STATES,
    EntryFilters,
    decide_eligibility,
    export_entries,
    secretariaat_entries,
)
from ..selectors import get_entry_for_user_or_404
from . import require_secretariaat
from .forms import DatasetCheckForm, EligibilityForm, EntryFilterForm

PAGE_SIZE = 50


def _filters(request) -> tuple[EntryFilterForm, EntryFilters]:
    form = EntryFilterForm(request.GET or None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        return form, EntryFilters(
            edition=data["edition"],
            state=data["state"],
            category=data["category"],
            completeness=data["completeness"],
            q=data["q"].strip(),
        )
    return form, EntryFilters()


@require_secretariaat
def entry_index(request):
    form, filters = _filters(request)
    entries = secretariaat_entries(request.user, filters)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("p"))
    query = request.GET.copy()
    query.pop("p", None)
    return render(
        request,
        "submissions/admin/entry_index.html",
        {
            "page_title": _("Entries"),
            "header_icon": "doc-full-inverse",
            "form": form,
            "page": page,
            "total": len(entries),
            "query": query.urlencode(),
        },
    )


@require_secretariaat
def entry_detail(request, pk: int):
    entry = get_entry_for_user_or_404(request.user, pk)
    return render(request, "submissions/admin/entry_detail.html", _detail_context(request, entry))


def _detail_context(request, entry, **extra):
    context = {
        "page_title": entry.title,
        "page_subtitle": f"{entry.edition} · {entry.get_state_display()}",
        "header_icon": "doc-full-inverse",
        "entry": entry,
        "organisations": entry.organisations.all(),
        "team": entry.memberships.select_related("user"),
        "datasets": entry.datasets.all(),
        "images": entry.images.all(),
        "attachments": entry.attachments.all(),
        "missing": missing_items(entry),
        "eligibility_form": EligibilityForm(),
        "can_decide": entry.state in ELIGIBILITY_FROM_STATES,
        "dataset_check_form": DatasetCheckForm(),
    }
    context.update(extra)
    return context


@require_secretariaat
@require_POST
def entry_eligibility(request, pk: int):
    entry = get_entry_for_user_or_404(request.user, pk)
    form = EligibilityForm(request.POST)
    if form.is_valid():
        try:
            decide_eligibility(
                entry=entry, eligible=form.cleaned_data["eligible"], reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc)
        else:
            messages.success(request, _("Decision saved."))
            return redirect("submissions_admin:entry_detail", pk=entry.pk)
    entry.refresh_from_db()
    return render(
        request,
        "submissions/admin/entry_detail.html",
        _detail_context(request, entry, eligibility_form=form),
        status=400,
    )


@require_secretariaat
@require_POST
def dataset_check(request, pk: int, dataset_id: int):
    entry = get_entry_for_user_or_404(request.user, pk)
    dataset = get_object_or_404(EntryDataset, pk=dataset_id, entry=entry)
    form = DatasetCheckForm(request.POST)
    if not form.is_valid():
        raise Http404
    mark_dataset_checked(dataset=dataset, by=request.user, **form.cleaned_data)
    messages.success(request, _("Dataset checked: %(title)s") % {"title": dataset.title})
    return redirect("submissions_admin:entry_detail", pk=entry.pk)


@require_secretariaat
def entry_export(request, fmt: str):
    _form, filters = _filters(request)
    try:
        content, content_type, filename = export_entries(user=request.user, filters=filters, fmt=fmt)
    except ValidationError:
        raise Http404 from None
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
