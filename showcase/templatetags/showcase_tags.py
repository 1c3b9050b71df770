from django import template

from showcase.blocks import heading_anchor as make_anchor

register = template.Library()


@register.simple_tag
def heading_anchor(text, index):
    return make_anchor(text, index)


@register.filter
def search_snippet(page) -> str:
    """The short text shown under a search result, whatever the page type."""
    for name in ("summary", "intro", "search_description"):
        value = getattr(page, name, "")
        if value:
            return value
    return ""
