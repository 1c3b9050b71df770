"""Health checks for the load balancer (and the minimal Django view the benchmarks compare with).

- `/healthz/live`: the process answers; touches nothing (no database, no session, no template).
- `/healthz/ready`: the database and the cache answer; 503 with the failing part otherwise.
"""

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache


@never_cache
def live(request):
    return HttpResponse("ok\n", content_type="text/plain")


@never_cache
def ready(request):
    problems = []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # noqa: BLE001 - any failure means not ready
        problems.append(f"database: {error.__class__.__name__}")
    try:
        cache.set("healthz", "1", 5)
        if cache.get("healthz") != "1":
            problems.append("cache: value not kept")
    except Exception as error:  # noqa: BLE001
        problems.append(f"cache: {error.__class__.__name__}")
    status = 503 if problems else 200
    return JsonResponse({"ready": not problems, "problems": problems}, status=status)
