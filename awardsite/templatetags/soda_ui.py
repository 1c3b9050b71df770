"""Template helpers for the shared components in templates/components/ (see docs/frontend.md).

`{% load soda_ui %}` gives:
- `{% page_url number %}` / `{% page_url number "p" %}`: "?…" for a pagination link that keeps every
  other GET parameter (filters, search query) and replaces only the page parameter.
- `{% elided_pages page_obj as pages %}`: page numbers with `None` for a gap (1 … 4 5 6 … 20).
- `{% countdown deadline as countdown %}`: `closed`, `text` ("3 days and 4 hours left") and `iso`.
- `{% breadcrumb_trail page as crumbs %}`: the ancestors of a Wagtail page as `{"label", "url"}`.
- `facts|soda_facts`: turns `(label, value)` pairs or dicts into dicts with label/value/url.
- `{% checklist_counts items as counts %}`: `done`, `total`, `complete`.
- `<div{% content_lang %}>`: ` lang="nl"` when the page is shown in another language than the one
  editors write in (Wagtail content is Dutch; the English UI at /en/ shows it as Dutch, WCAG 3.1.2).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context, number, param: str = "page") -> str:
    request = context.get("request")
    query = request.GET.copy() if request is not None else None
    if query is None:
        return f"?{param}={number}"
    query[param] = str(number)
    return f"?{query.urlencode()}"


@register.simple_tag
def elided_pages(page_obj, on_each_side: int = 1, on_ends: int = 1) -> list[int | None]:
    paginator = page_obj.paginator
    pages: list[int | None] = []
    for number in paginator.get_elided_page_range(page_obj.number, on_each_side=on_each_side, on_ends=on_ends):
        pages.append(number if isinstance(number, int) else None)
    return pages


def remaining_text(seconds: int) -> str:
    """Plain-language time left: days and hours, or hours and minutes in the last day."""
    minutes = max(0, seconds // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        first = ngettext("%(count)d day", "%(count)d days", days) % {"count": days}
        second = ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
    else:
        first = ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
        second = ngettext("%(count)d minute", "%(count)d minutes", mins) % {"count": mins}
    return _("%(first)s and %(second)s left") % {"first": first, "second": second}


@register.simple_tag
def countdown(deadline: datetime | None, now: datetime | None = None) -> dict:
    if deadline is None:
        return {"closed": True, "text": "", "iso": ""}
    now = now or timezone.now()
    seconds = int((deadline - now).total_seconds())
    closed = seconds <= 0
    return {
        "closed": closed,
        "text": _("Closed") if closed else remaining_text(seconds),
        "iso": deadline.isoformat(),
    }


@register.simple_tag
def breadcrumb_trail(page) -> list[dict]:
    """Ancestors of `page` below the tree root, the home page labelled "Home"; then the page itself."""
    if page is None:
        return []
    crumbs = []
    for ancestor in page.get_ancestors().filter(depth__gt=1):
        label = _("Home") if ancestor.depth == 2 else ancestor.title
        crumbs.append({"label": label, "url": ancestor.get_url()})
    crumbs.append({"label": page.title, "url": ""})
    return crumbs


@register.filter
def soda_facts(facts: Iterable | None) -> list[dict]:
    rows = []
    for fact in facts or ():
        if isinstance(fact, Mapping):
            rows.append({"label": fact.get("label", ""), "value": fact.get("value", ""), "url": fact.get("url", "")})
        else:
            label, value, *rest = fact
            rows.append({"label": label, "value": value, "url": rest[0] if rest else ""})
    return rows


def _item_done(item) -> bool:
    if isinstance(item, Mapping):
        return bool(item.get("done"))
    return bool(getattr(item, "done", False))


@register.simple_tag
def checklist_counts(items: Iterable | None) -> dict:
    items = list(items or ())
    done = sum(1 for item in items if _item_done(item))
    return {"done": done, "total": len(items), "complete": done == len(items)}


@register.simple_tag
def content_lang() -> str:
    """` lang="nl"` on a wrapper of editor-written content when the UI language is not Dutch."""
    if get_language() == settings.LANGUAGE_CODE:
        return ""
    return format_html(' lang="{}"', settings.LANGUAGE_CODE)
