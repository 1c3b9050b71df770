"""Read-only Wagtail API v2 for showcase pages: published, public and outside the embargo only.

Mounted at /api/v2/ (showcase.urls). Only the `pages` endpoint exists and it only knows
ShowcasePage; its rows come from `public_showcase_pages`, so a draft, an embargoed or an
unconsented page is 404 in the listing and in the detail view alike.
"""

from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from .models import ShowcaseDataset, ShowcaseOrganisation, ShowcasePage
from .selectors import public_showcase_pages


class ShowcasePagesAPIViewSet(PagesAPIViewSet):
    model = ShowcasePage
    # Full-text search goes through the site search; ordering/filters stay available.
    known_query_parameters = PagesAPIViewSet.known_query_parameters - {"search", "search_operator"}

    def get_base_queryset(self):
        return public_showcase_pages()

    def get_queryset(self):
        return public_showcase_pages().order_by("-year", "award_rank", "title")


ShowcasePage.api_fields = [
    APIField("summary"),
    APIField("year"),
    APIField("award_kind"),
    APIField("award_label"),
    APIField("award_amount"),
    APIField("jury_motivation"),
    APIField("application_type"),
    APIField("themes"),
    APIField("application_url"),
    APIField("source_code_url"),
    APIField("source_code_licence"),
    APIField("description"),
    APIField("organisations"),
    APIField("datasets"),
]
ShowcaseOrganisation.api_fields = [APIField("name"), APIField("org_type"), APIField("website")]
ShowcaseDataset.api_fields = [
    APIField("title"),
    APIField("ckan_name"),
    APIField("url"),
    APIField("publisher"),
    APIField("licence_title"),
    APIField("licence_url"),
]

api_router = WagtailAPIRouter("showcase:wagtailapi")
api_router.register_endpoint("pages", ShowcasePagesAPIViewSet)
