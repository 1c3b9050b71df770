"""Caching of public showcase responses (index, showcase pages, search).

A rendered response is kept for `PAGE_CACHE_SECONDS` (0 = off) in the default cache (Redis when
REDIS_URL is set, so all app servers share it). Keys carry a generation number; publishing,
unpublishing, moving or deleting a page, a consent change and a results publication bump the
generation (`showcase.services.invalidate_public_cache`), which retires every cached copy at once on
every server. Only anonymous GET/HEAD requests without pending messages are cached; the CSRF
token in a cached page is replaced by the visitor's own on every hit.
"""

import hashlib
import re

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import get_language

GENERATION_KEY = "showcase:cache-generation"
CSRF_INPUT = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')


def current_generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = 1
        cache.add(GENERATION_KEY, generation, None)
    return generation


def bump_generation() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)


def _cacheable(request) -> bool:
    if settings.PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
        return False
    if getattr(request, "is_preview", False) or request.user.is_authenticated:
        return False
    return not (hasattr(request, "_messages") and len(get_messages(request)))


def _timeout() -> int:
    from .selectors import next_scheduled_results_at

    seconds = settings.PAGE_CACHE_SECONDS
    upcoming = next_scheduled_results_at()
    if upcoming is not None:
        seconds = max(1, min(seconds, int((upcoming - timezone.now()).total_seconds())))
    return seconds


def _cache_key(request) -> str:
    path_hash = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"showcase:response:{current_generation()}:{get_language()}:{path_hash}"


def cached_response(request):
    """The cached response for this request, or None. Used by `serve_cached` and, before URL
    routing, by `showcase.middleware.ShowcaseCacheMiddleware` (a hit then skips Wagtail's routing)."""
    if not _cacheable(request):
        return None
    stored = cache.get(_cache_key(request))
    if stored is None:
        return None
    content, content_type = stored
    token = get_token(request)
    response = HttpResponse(
        CSRF_INPUT.sub(lambda m: f"{m.group(1)}{token}{m.group(2)}", content), content_type=content_type
    )
    response["X-Showcase-Cache"] = "hit"
    return response


def serve_cached(request, *, key: str, render):
    """Return the cached response for this request, or `render()` it and keep it. `key` names the
    kind of response for readers; the cache key is the language and the full path."""
    if not _cacheable(request):
        return render()
    hit = cached_response(request)
    if hit is not None:
        return hit
    cache_key = _cache_key(request)
    response = render()
    if hasattr(response, "render") and not getattr(response, "is_rendered", True):
        response = response.render()
    if response.status_code == 200 and not response.streaming:
        cache.set(cache_key, (response.content.decode(response.charset), response["Content-Type"]), _timeout())
        response["X-Showcase-Cache"] = "miss"
    return response
