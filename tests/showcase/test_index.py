"""Showcase index: filters, sort, pagination, empty state, and the query-count guard."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from showcase.enums import AwardKind
from showcase.models import ShowcaseOrganisation, ShowcasePage
from submissions.enums import OrganisationType

from .factories import make_showcase_page, past_edition, year_page_for

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings(
        "ignore:Exception ignored in.*SpooledTemporaryFile:pytest.PytestUnraisableExceptionWarning"
    ),
]


def bulk_pages(*, index, edition, count, start=0):
    """Many live showcase pages, created the cheap way (no revisions) for the query guard."""
    year_page = year_page_for(index=index, edition=edition)
    now = timezone.now()
    for n in range(start, start + count):
        page = ShowcasePage(
            title=f"Voorbeeld {n:04d}",
            slug=f"voorbeeld-{n}",
            summary="Samenvatting",
            award_kind=[AwardKind.WINNER, AwardKind.NOMINEE, AwardKind.OTHER][n % 3],
            themes=["bestuur"],
            live=True,
            first_published_at=now,
            last_published_at=now,
        )
        page.organisations = [ShowcaseOrganisation(name=f"Org {n}", org_type=OrganisationType.MARKET)]
        year_page.add_child(instance=page)


def count_queries(client, url, params=None):
    client.get(url, params or {})  # warm-up: renditions, site root paths
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.slow
def test_index_costs_the_same_queries_with_10_and_1000_pages(client, showcase_index):
    edition = past_edition(year=2070)
    make_showcase_page(index=showcase_index, edition=edition, title="Met plaatje", image=True)
    bulk_pages(index=showcase_index, edition=edition, count=9)
    few = count_queries(client, showcase_index.url)
    few_filtered = count_queries(client, showcase_index.url, {"award": "winner", "theme": "bestuur", "sort": "award"})
    bulk_pages(index=showcase_index, edition=edition, count=990, start=9)
    assert ShowcasePage.objects.count() == 1000
    many = count_queries(client, showcase_index.url)
    many_filtered = count_queries(client, showcase_index.url, {"award": "winner", "theme": "bestuur", "sort": "award"})
    assert few == many
    assert few_filtered == many_filtered
    assert many <= 20
    assert many_filtered <= 20


@pytest.fixture
def examples(showcase_index):
    old = past_edition(year=2071)
    new = past_edition(year=2072)
    return {
        "winner": make_showcase_page(index=showcase_index, edition=old, title="Alfa Winnaar", award_kind="winner"),
        "nominee": make_showcase_page(
            index=showcase_index,
            edition=new,
            title="Bravo Genomineerd",
            award_kind="nominee",
            org_type=OrganisationType.GOVERNMENT,
            themes=("zorg-en-gezondheid",),
        ),
        "other": make_showcase_page(index=showcase_index, edition=new, title="Charlie Anders", award_kind="other"),
    }


def titles(response):
    return [page.title for page in response.context["results_page"].object_list]


def test_winners_first_by_default_with_count(client, showcase_index, examples):
    response = client.get(showcase_index.url)
    assert titles(response) == ["Alfa Winnaar", "Bravo Genomineerd", "Charlie Anders"]
    assert response.context["result_count"] == 3


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"award": "nominee"}, ["Bravo Genomineerd"]),
        ({"year": "2071"}, ["Alfa Winnaar"]),
        ({"theme": "zorg-en-gezondheid"}, ["Bravo Genomineerd"]),
        ({"organisation_type": "government"}, ["Bravo Genomineerd"]),
        ({"application_type": "website", "award": "other"}, ["Charlie Anders"]),
        ({"q": "Charlie"}, ["Charlie Anders"]),
        ({"sort": "title"}, ["Alfa Winnaar", "Bravo Genomineerd", "Charlie Anders"]),
        ({"sort": "newest"}, ["Bravo Genomineerd", "Charlie Anders", "Alfa Winnaar"]),
    ],
)
def test_filters_search_and_sort_live_in_the_url(client, showcase_index, examples, params, expected):
    assert titles(client.get(showcase_index.url, params)) == expected


def test_invalid_filter_is_reported_and_other_filters_still_apply(client, showcase_index, examples):
    response = client.get(showcase_index.url, {"year": "1900", "award": "winner"})
    assert titles(response) == ["Alfa Winnaar"]
    assert response.context["filter_form"].errors["year"]


def test_empty_state_is_explained(client, showcase_index, examples):
    body = client.get(showcase_index.url, {"q": "bestaatniet"}).content.decode()
    assert "utrecht-alert" in body
    assert 'role="status"' in body


def test_filter_form_uses_fieldsets_and_get(client, showcase_index, examples):
    body = client.get(showcase_index.url).content.decode()
    assert 'method="get"' in body
    assert body.count("<fieldset") >= 2 and "<legend" in body


def test_pagination_keeps_the_filters(client, showcase_index):
    bulk_pages(index=showcase_index, edition=past_edition(year=2073), count=30)
    response = client.get(showcase_index.url, {"award": "winner", "pagina": "1"})
    assert response.context["result_count"] == 10
    response = client.get(showcase_index.url, {"theme": "bestuur"})
    body = response.content.decode()
    assert "theme=bestuur&amp;pagina=2" in body
    assert len(titles(client.get(showcase_index.url, {"theme": "bestuur", "pagina": "3"}))) == 6
