"""Registration of the Secretariaat's tools in the Wagtail admin (imported by wagtail_hooks)."""

from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from . import user_is_secretariaat


@hooks.register("register_admin_urls")
def register_secretariaat_urls():
    return [path("inzendingen/", include("submissions.admin_views.urls", namespace="submissions_admin"))]


class SecretariaatOnlyMenuItem(MenuItem):
    def is_shown(self, request):
        return user_is_secretariaat(request.user)


class SecretariaatSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return user_is_secretariaat(request.user)


@hooks.register("register_admin_menu_item")
def register_secretariaat_menu():
    items = [
        SecretariaatOnlyMenuItem(
            _("All entries"), reverse_lazy("submissions_admin:entry_index"), icon_name="doc-full-inverse", order=10
        ),
        SecretariaatOnlyMenuItem(
            _("Outbox"), reverse_lazy("submissions_admin:mailing_index"), icon_name="mail", order=20
        ),
    ]
    return SecretariaatSubmenu(_("Entries"), Menu(items=items), icon_name="doc-full-inverse", order=350)
