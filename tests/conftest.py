"""Fixtures shared by every test. Factories live in tests/factories.py."""

import pytest
from django.conf import settings


def pytest_collection_modifyitems(config, items):
    """PostgreSQL-only tests are skipped on SQLite with a visible reason; `make test` then runs
    them on PostgreSQL in its second pass (tests/postgres_pass.py), which fails under CI when
    PostgreSQL is missing."""
    if settings.DATABASE_IS_POSTGRES:
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: runs in the PostgreSQL pass of `make test`")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Each test writes uploads to its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    if "location" in settings.STORAGES["private"].get("OPTIONS", {}):
        storages = dict(settings.STORAGES)
        storages["private"] = {
            **storages["private"],
            "OPTIONS": {**storages["private"]["OPTIONS"], "location": str(tmp_path / "private")},
        }
        settings.STORAGES = storages


@pytest.fixture(autouse=True)
def _clear_cache(request):
    """Django's cache; and, for transactional tests without serialized rollback (the PostgreSQL
    concurrency tests), the in-process content-type cache: an earlier transactional test's flush lets
    post_migrate create content types again under new ids, which a stale cache would still hand out
    (audit events then point at a content type that no longer exists). Tests with serialized rollback
    get their content types back with the old ids, so their cache stays as it is."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache

    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback"):
        ContentType.objects.clear_cache()
    cache.clear()
    yield
    cache.clear()
