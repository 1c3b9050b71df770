"""Home and standard pages. Accessibility and privacy statements are standard pages that the
site settings point to, so the footer always links to them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BaseStreamBlock


class HomePage(Page):
    intro = models.TextField(_("introduction"), blank=True, max_length=600)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    template = "pages/home_page.html"

    class Meta:
        verbose_name = _("home page")


class StandardPage(Page):
    intro = models.TextField(_("introduction"), blank=True, max_length=600)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    template = "pages/standard_page.html"

    class Meta:
        verbose_name = _("standard page")
