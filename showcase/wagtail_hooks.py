"""Wagtail admin: entries ready to become showcase pages (menu item + dashboard panel, one-click
create), and the Secretariaat's results publication."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from laces.components import Component
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from submissions.models import Edition, Entry

from .rules import can_create_showcase_page, can_publish_results
from .selectors import edition_results_are_public, entries_ready_for_showcase
from .services import create_showcase_page_from_entry, publish_results


def _message(error) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("You may not do this.")


def ready_entries_view(request):
    if not can_create_showcase_page(request.user):
        raise PermissionDenied
    return TemplateResponse(
        request, "showcase/admin/ready_entries.html", {"entries": entries_ready_for_showcase()[:200]}
    )


@require_POST
def create_from_entry_view(request, entry_id):
    if not can_create_showcase_page(request.user):
        raise PermissionDenied
    entry = get_object_or_404(Entry, pk=entry_id)
    try:
        page = create_showcase_page_from_entry(entry=entry, by=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _message(error))
        return redirect("showcase_ready_entries")
    messages.success(
        request,
        _("Draft showcase page '%(title)s' created. Check it, then submit it for review.") % {"title": page.title},
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


def results_view(request):
    if not can_publish_results(request.user):
        raise PermissionDenied
    editions = Edition.objects.order_by("-year")
    rows = [{"edition": e, "public": edition_results_are_public(e)} for e in editions]
    return TemplateResponse(request, "showcase/admin/results.html", {"rows": rows})


@require_POST
def publish_results_view(request, edition_id):
    if not can_publish_results(request.user):
        raise PermissionDenied
    edition = get_object_or_404(Edition, pk=edition_id)
    at = edition.ceremony_at if request.POST.get("when") == "ceremony" else None
    try:
        publish_results(edition=edition, by=request.user, at=at)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _message(error))
    else:
        messages.success(request, _("The results of %(edition)s are published.") % {"edition": edition})
    return redirect("showcase_results")


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("showcase/ready/", ready_entries_view, name="showcase_ready_entries"),
        path("showcase/ready/<int:entry_id>/create/", create_from_entry_view, name="showcase_create_from_entry"),
        path("showcase/results/", results_view, name="showcase_results"),
        path("showcase/results/<int:edition_id>/publish/", publish_results_view, name="showcase_publish_results"),
    ]


class RuleMenuItem(MenuItem):
    def __init__(self, *args, rule, **kwargs):
        super().__init__(*args, **kwargs)
        self.rule = rule

    def is_shown(self, request):
        return self.rule(request.user)


@hooks.register("register_admin_menu_item")
def ready_entries_menu_item():
    return RuleMenuItem(
        gettext_lazy("Ready for the showcase"),
        reverse("showcase_ready_entries"),
        icon_name="pick",
        order=250,
        rule=can_create_showcase_page,
    )


@hooks.register("register_admin_menu_item")
def results_menu_item():
    return RuleMenuItem(
        gettext_lazy("Publish results"),
        reverse("showcase_results"),
        icon_name="date",
        order=260,
        rule=can_publish_results,
    )


class ReadyEntriesPanel(Component):
    name = "showcase_ready_entries"
    order = 90
    template_name = "showcase/admin/ready_entries_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        entries = entries_ready_for_showcase()
        return {"entries": entries[:10], "total": entries.count(), "request": self.request}


@hooks.register("construct_homepage_panels")
def add_ready_entries_panel(request, panels):
    if can_create_showcase_page(request.user):
        panels.append(ReadyEntriesPanel(request))
