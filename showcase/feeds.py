"""RSS and Atom feeds of the showcase and the guides (Django syndication). Rows come from the
public selectors only."""

from django.apps import apps
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .selectors import public_guides, public_showcase_pages

FEED_SIZE = 30


class PageFeed(Feed):
    """A feed of Wagtail pages: links to its live index page, items link to and date by the page."""

    index_model = ""  # "showcase.ShowcaseIndexPage" or "showcase.GuideIndexPage"

    def link(self):
        index = apps.get_model(self.index_model).objects.live().first()
        return index.url if index else "/"

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at


class ShowcaseRssFeed(PageFeed):
    title = _("Stuiveling Open Data Award: good-practice examples")
    description = _("New examples of applications that use Dutch government open data.")
    index_model = "showcase.ShowcaseIndexPage"

    def items(self):
        return public_showcase_pages().order_by("-first_published_at")[:FEED_SIZE]

    def item_description(self, item):
        return item.summary

    def item_categories(self, item):
        return [label for label in (item.award_label, str(item.year or "")) if label]


class ShowcaseAtomFeed(ShowcaseRssFeed):
    feed_type = Atom1Feed
    subtitle = ShowcaseRssFeed.description


class GuideRssFeed(PageFeed):
    title = _("Stuiveling Open Data Award: guides")
    description = _("Practical guides about reusing open government data.")
    index_model = "showcase.GuideIndexPage"

    def items(self):
        return public_guides().order_by("-last_published_at")[:FEED_SIZE]

    def item_description(self, item):
        return item.intro


class GuideAtomFeed(GuideRssFeed):
    feed_type = Atom1Feed
    subtitle = GuideRssFeed.description
