"""Public responses are cached and the cache is retired on publish, unpublish and results publication."""

import pytest
from django.contrib.auth.models import Group

from awardsite.roles import SECRETARIAAT
from showcase.services import publish_results
from tests.factories import UserFactory

from .factories import make_showcase_page, past_edition

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


def test_index_is_served_from_cache_until_a_page_is_published(
    client, showcase_index, django_capture_on_commit_callbacks
):
    edition = past_edition(year=2060)
    with django_capture_on_commit_callbacks(execute=True):
        make_showcase_page(index=showcase_index, edition=edition, title="Eerste")
    first = client.get(showcase_index.url)
    assert first["X-Showcase-Cache"] == "miss"
    second = client.get(showcase_index.url)
    assert second["X-Showcase-Cache"] == "hit"
    assert second.content == first.content
    with django_capture_on_commit_callbacks(execute=True):
        make_showcase_page(index=showcase_index, edition=edition, title="Tweede Nieuw", slug="tweede")
    third = client.get(showcase_index.url)
    assert third["X-Showcase-Cache"] == "miss"
    assert "Tweede Nieuw" in third.content.decode()


def test_unpublished_page_disappears_from_cache(client, showcase_index, django_capture_on_commit_callbacks):
    edition = past_edition(year=2061)
    with django_capture_on_commit_callbacks(execute=True):
        page = make_showcase_page(index=showcase_index, edition=edition, title="Tijdelijk")
    assert client.get(page.url).status_code == 200
    assert client.get(page.url)["X-Showcase-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert client.get(page.url).status_code == 404
    assert "Tijdelijk" not in client.get(showcase_index.url).content.decode()


def test_results_publication_retires_the_cached_index(client, showcase_index, django_capture_on_commit_callbacks):
    edition = past_edition(year=2062, published=False)
    make_showcase_page(index=showcase_index, edition=edition, title="Onder Embargo")
    assert "Onder Embargo" not in client.get(showcase_index.url).content.decode()
    assert client.get(showcase_index.url)["X-Showcase-Cache"] == "hit"
    secretariaat = UserFactory()
    secretariaat.groups.add(Group.objects.get_or_create(name=SECRETARIAAT)[0])
    with django_capture_on_commit_callbacks(execute=True):
        publish_results(edition=edition, by=secretariaat)
    assert "Onder Embargo" in client.get(showcase_index.url).content.decode()


def test_logged_in_users_are_never_served_from_cache(client, showcase_index):
    client.get(showcase_index.url)
    client.force_login(UserFactory())
    assert "X-Showcase-Cache" not in client.get(showcase_index.url)


def test_cached_page_carries_the_visitors_own_csrf_token(client, showcase_index):
    from django.test import Client

    client.get(showcase_index.url)
    other = Client()
    response = other.get(showcase_index.url)
    assert response["X-Showcase-Cache"] == "hit"
    body = response.content.decode()
    if "csrfmiddlewaretoken" in body:
        from django.middleware.csrf import _unmask_cipher_token

        token = body.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
        assert _unmask_cipher_token(token) == response.cookies["csrftoken"].value


def test_view_restriction_retires_cached_page(client, showcase_index, django_capture_on_commit_callbacks):
    from wagtail.models import PageViewRestriction

    edition = past_edition(year=2063)
    page = make_showcase_page(index=showcase_index, edition=edition, title="Bijna Besloten")
    assert client.get(page.url).status_code == 200
    assert client.get(page.url)["X-Showcase-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(page.url).status_code != 200
    assert "Bijna Besloten" not in client.get(showcase_index.url).content.decode()
