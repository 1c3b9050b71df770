"""Wagtail admin screens of the submissions app. Each part of the app keeps its viewsets in its own
module and registers them here."""

from wagtail.snippets.models import register_snippet

from .admin_editions import EditionViewSet, LateAccessCodeViewSet

register_snippet(EditionViewSet)
register_snippet(LateAccessCodeViewSet)

# Secretariaat's tools (entries overview, eligibility, exports, outbox): files-admin part.
from .admin_views import hooks as _secretariaat_hooks  # noqa: E402, F401
