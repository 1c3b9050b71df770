import pytest


def test_live_answers_without_touching_the_database(client):
    # No django_db mark: any database access in the request would raise here.
    response = client.get("/healthz/live")
    assert response.status_code == 200
    assert response.content == b"ok\n"


@pytest.mark.django_db
def test_ready_checks_database_and_cache(client):
    response = client.get("/healthz/ready")
    assert response.status_code == 200
    assert response.json() == {"ready": True, "problems": []}


@pytest.mark.django_db
def test_ready_reports_a_broken_cache_with_503(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    response = client.get("/healthz/ready")
    assert response.status_code == 503
    assert response.json()["problems"] == ["cache: value not kept"]
