"""Main navigation and language alternates for every page (a template context processor).

Gives templates:
- `main_navigation`: a list of `NavItem(key, label, url, current)`; `current` is "page" on the item whose
  URL is the page being shown, "true" on the item whose section contains it (longest URL prefix),
  else "" — templates put it straight into `aria-current`.
- `alternate_languages`: a list of `Alternate(code, name, url, absolute_url, current)` with the
  same page in each site language (Dutch at `/x/`, English at `/en/x/`), for the language switch
  and the `<link rel="alternate" hreflang>` tags (absolute URLs on SITE_URL, the canonical host).

Items come from URL names and from Wagtail pages found by type. A URL name that does not exist yet,
or a page model whose app is not there yet, is skipped: apps can appear later without edits here.
Cost: at most one query for the Wagtail pages (content types are cached by Django, site root paths
by Wagtail) plus, for logged-in users, one for their groups; everything is cached on the request.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .roles import JURY, user_in_group

# (key, label, page model "app_label.ModelName") — the first live, public page of that type is linked.
PAGE_ITEMS = (
    ("call", _("Take part"), "submissions.CallPage"),
    ("showcase", _("Examples"), "showcase.ShowcaseIndexPage"),
    ("guides", _("Guides"), "showcase.GuideIndexPage"),
)


@dataclass(frozen=True)
class NavItem:
    key: str  # call, showcase, guides, search, dashboard, jury, admin
    label: str
    url: str
    current: str = ""  # value for aria-current: "page", "true" or ""


@dataclass(frozen=True)
class Alternate:
    code: str
    name: str
    url: str
    absolute_url: str
    current: bool


def _reverse_or_none(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def _page_model(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _page_urls(request) -> dict[str, str]:
    """URL of the first live public page of each PAGE_ITEMS model, in one query."""
    from wagtail.models import Page

    content_types = {}
    for _key, _label, model_label in PAGE_ITEMS:
        model = _page_model(model_label)
        if model is not None and issubclass(model, Page):
            content_types[ContentType.objects.get_for_model(model).pk] = model_label
    if not content_types:
        return {}
    urls: dict[str, str] = {}
    pages = Page.objects.live().public().filter(content_type_id__in=content_types).order_by("path")
    for page in pages.only("id", "path", "depth", "url_path", "content_type_id", "slug"):
        model_label = content_types[page.content_type_id]
        if model_label in urls:
            continue
        url = page.get_url(request=request)
        if url:
            urls[model_label] = url
    return urls


def _mark_current(items: list[NavItem], path: str) -> list[NavItem]:
    best, best_len = None, 0
    for index, item in enumerate(items):
        url = item.url
        if url.startswith(("http://", "https://")):
            continue
        if path == url:
            best, best_len = index, 10**6
            break
        if url not in ("/", f"/{translation.get_language()}/") and path.startswith(url) and len(url) > best_len:
            best, best_len = index, len(url)
    if best is None:
        return items
    marked = list(items)
    item = marked[best]
    marked[best] = NavItem(item.key, item.label, item.url, "page" if path == item.url else "true")
    return marked


def build_main_navigation(request) -> list[NavItem]:
    page_urls = _page_urls(request)
    items: list[NavItem] = []
    for key, label, model_label in PAGE_ITEMS:
        if model_label in page_urls:
            items.append(NavItem(key, label, page_urls[model_label]))
    search_url = _reverse_or_none("showcase:search")
    if search_url:
        items.append(NavItem("search", _("Search"), search_url))
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        dashboard_url = _reverse_or_none("submissions:dashboard")
        if dashboard_url:
            items.append(NavItem("dashboard", _("My entries"), dashboard_url))
        if user.is_staff or user_in_group(user, JURY):
            jury_url = _reverse_or_none("judging:dashboard")
            if jury_url:
                items.append(NavItem("jury", _("Jury"), jury_url))
        if user.is_staff:
            admin_url = _reverse_or_none("wagtailadmin_home")
            if admin_url:
                items.append(NavItem("admin", _("Admin"), admin_url))
    return _mark_current(items, request.path)


def _switch_language_prefix(path: str, code: str) -> str:
    """`/x/` <-> `/en/x/` for URLs that do not resolve (404 pages) or are not translated."""
    default = settings.LANGUAGE_CODE
    others = [lang for lang, _name in settings.LANGUAGES if lang != default]
    bare = path
    for lang in others:
        prefix = f"/{lang}/"
        if path == f"/{lang}" or path.startswith(prefix):
            bare = "/" + path[len(prefix) :]
            break
    return bare if code == default else f"/{code}{bare}"


def alternate_path(request, code: str) -> str:
    """The path of the current page in language `code`, with the query string kept."""
    path = request.path
    translated = translate_url(path, code)
    if translated == path and code != translation.get_language():
        translated = _switch_language_prefix(path, code)
    query = request.META.get("QUERY_STRING", "")
    return f"{translated}?{query}" if query else translated


def build_alternates(request) -> list[Alternate]:
    current = translation.get_language()
    alternates = []
    for code, name in settings.LANGUAGES:
        url = request.path if code == current else alternate_path(request, code)
        if code == current and request.META.get("QUERY_STRING"):
            url = f"{url}?{request.META['QUERY_STRING']}"
        alternates.append(Alternate(code, name, url, f"{settings.SITE_URL}{url}", code == current))
    return alternates


def navigation(request):
    """Context processor (registered in settings TEMPLATES)."""
    cached = getattr(request, "_soda_navigation", None)
    language = translation.get_language()
    if cached is None or cached[0] != language:
        cached = (language, build_main_navigation(request), build_alternates(request))
        request._soda_navigation = cached
    return {"main_navigation": cached[1], "alternate_languages": cached[2]}
