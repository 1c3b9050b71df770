"""Serve a cached public showcase response before URL routing.

Only responses that `showcase.cache.serve_cached` stored (public index, showcase pages, search;
anonymous GET/HEAD) can be hit here, under the same generation-numbered keys, so publishing,
unpublishing, consent changes, view restrictions and results publication retire them at once.
Place after authentication, locale and messages middleware.
"""

from .cache import cached_response


class ShowcaseCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = cached_response(request)
        if response is not None:
            return response
        return self.get_response(request)
