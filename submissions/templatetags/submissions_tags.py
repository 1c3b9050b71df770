from django import template
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe

from awardsite.sanitize import sanitize_html

from ..deadline import local

register = template.Library()


@register.filter
def entry_rich_text(value: str):
    """An entry's description: stored sanitised HTML, or plain text with paragraphs."""
    if not value:
        return ""
    if "<" in value:
        # Safe: sanitize_html (the nh3 allowlist of awardsite/sanitize.py) cleaned it just now.
        return mark_safe(sanitize_html(value))  # noqa: S308  # nosec B308 B703
    return linebreaks(value, autoescape=True)  # already a SafeString: every character escaped


@register.filter
def amsterdam(value):
    """A datetime in Europe/Amsterdam."""
    return local(value) if value else value


@register.filter
def entry_field(entry, name: str):
    """The display value of field `name` of `entry` (for the "newer version" panel)."""
    if entry is None:
        return ""
    display = getattr(entry, f"get_{name}_display", None)
    if callable(display):
        return display()
    value = getattr(entry, name, "")
    if isinstance(value, bool):
        from django.utils.translation import gettext

        return gettext("yes") if value else gettext("no")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else value
