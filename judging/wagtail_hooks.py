"""Wagtail admin screens of the judging app. Each part of the app keeps its views in its own module
(admin_jury.py, admin_rounds.py for the jury workflow) and registers them here."""

from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from . import admin_jury
from .admin_rounds import round_viewset
from .selectors.jury import is_staff_of_award

jury_admin_patterns = (
    [
        path("", admin_jury.JuryOverviewView.as_view(), name="jury_home"),
        path("editie/<int:edition_id>/", admin_jury.JuryOverviewView.as_view(), name="jury"),
        path("ronde/<int:round_id>/toewijzing/", admin_jury.MatrixView.as_view(), name="matrix"),
        path("ronde/<int:round_id>/voortgang/", admin_jury.ProgressView.as_view(), name="progress"),
        path("belangen/", admin_jury.ConflictRegisterView.as_view(), name="conflicts"),
        path("auditlog/", admin_jury.AuditLogView.as_view(), name="audit"),
    ],
    "judging_admin",
)


@hooks.register("register_admin_urls")
def register_jury_admin_urls():
    return [path("jury/", include(jury_admin_patterns, namespace="judging_admin"))]


@hooks.register("register_admin_viewset")
def register_round_viewset():
    return round_viewset


class SecretariaatMenuItem(MenuItem):
    def is_shown(self, request):
        return is_staff_of_award(request.user)


@hooks.register("register_admin_menu_item")
def register_jury_menu():
    items = [
        SecretariaatMenuItem(
            _("Jury and rounds"), reverse_lazy("judging_admin:jury_home"), icon_name="group", order=100
        ),
        SecretariaatMenuItem(_("Plan rounds"), reverse_lazy("judging_rounds:index"), icon_name="date", order=110),
        SecretariaatMenuItem(
            _("Conflict register"), reverse_lazy("judging_admin:conflicts"), icon_name="warning", order=120
        ),
        SecretariaatMenuItem(_("Audit log"), reverse_lazy("judging_admin:audit"), icon_name="history", order=130),
    ]
    return SubmenuMenuItem(_("Jury"), Menu(items=items), icon_name="group", order=400)


# --- Deliberation and decisions (judging-decision): decisions (read-only) and payments. ---
from .admin_decisions import DecisionsView  # noqa: E402

decisions_admin_patterns = (
    [
        path("", DecisionsView.as_view(), name="index"),
        path("<int:year>/", DecisionsView.as_view(), name="edition"),
    ],
    "judging_decisions_admin",
)


@hooks.register("register_admin_urls")
def register_decisions_admin_urls():
    return [path("besluiten/", include(decisions_admin_patterns, namespace="judging_decisions_admin"))]


@hooks.register("register_admin_menu_item")
def register_decisions_menu():
    return SecretariaatMenuItem(
        _("Decisions and payments"), reverse_lazy("judging_decisions_admin:index"), icon_name="doc-full", order=410
    )
