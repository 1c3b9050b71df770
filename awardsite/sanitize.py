"""The one place where user-written HTML is cleaned (nh3, an allowlist)."""

import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "a",
    "h2", "h3", "h4", "blockquote", "code", "pre",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def sanitize_html(value: str | None) -> str:
    """Return `value` with only the allowlisted tags, attributes and URL schemes left.

    Links get rel="nofollow noopener noreferrer"; scripts, styles, event handlers and
    javascript: URLs are removed with their content.
    """
    if not value:
        return ""
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )


def strip_all_html(value: str | None) -> str:
    """Plain text: every tag removed (for titles, summaries and e-mails)."""
    if not value:
        return ""
    return nh3.clean(value, tags=set(), attributes={})
