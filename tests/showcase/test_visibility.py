"""Embargo and consent on EVERY public path: page, index, search, feeds, API, exports, sitemap,
dataset page, results page and guides. Each hidden case is checked beside a visible control, so a
test cannot pass because nothing is shown at all."""

import datetime
import json

import pytest
from django.urls import reverse

from showcase.models import GuidePage
from submissions.enums import EntryState
from tests.factories import EntryFactory

from .factories import make_showcase_page, past_edition

pytestmark = pytest.mark.django_db

VISIBLE = "Zichtbaar Voorbeeld"
HIDDEN = "Verborgen Geheimpje"


def _hidden_page(case, showcase_index):
    """A page that must stay hidden, for the reason named by `case`, sharing a dataset with the
    visible control."""
    if case == "embargo":
        edition = past_edition(year=2091, published=False)
        return make_showcase_page(index=showcase_index, edition=edition, title=HIDDEN, slug="verborgen")
    if case == "scheduled":
        edition = past_edition(year=2092, published=False)
        edition.results_published_at = edition.ceremony_at.replace(year=2999)
        edition.save()
        return make_showcase_page(index=showcase_index, edition=edition, title=HIDDEN, slug="verborgen")
    edition = past_edition(year=2093)
    if case == "no_consent":
        entry = EntryFactory(edition=edition, consent_publish=False, state=EntryState.WINNER)
        return make_showcase_page(index=showcase_index, edition=edition, entry=entry, title=HIDDEN, slug="verborgen")
    if case == "withdrawn":
        entry = EntryFactory(edition=edition, consent_publish=True, state=EntryState.WITHDRAWN)
        return make_showcase_page(index=showcase_index, edition=edition, entry=entry, title=HIDDEN, slug="verborgen")
    if case == "draft":
        return make_showcase_page(index=showcase_index, edition=edition, title=HIDDEN, publish=False, slug="verborgen")
    raise AssertionError(case)


CASES = ["embargo", "scheduled", "no_consent", "withdrawn", "draft"]


@pytest.fixture
def visible(showcase_index):
    edition = past_edition(year=2080)
    entry = EntryFactory(edition=edition, consent_publish=True, state=EntryState.WINNER)
    return make_showcase_page(index=showcase_index, edition=edition, entry=entry, title=VISIBLE, slug="zichtbaar")


@pytest.fixture(params=CASES)
def hidden(request, showcase_index, visible):
    return _hidden_page(request.param, showcase_index)


def test_showcase_page_itself_is_404(client, visible, hidden):
    assert client.get(visible.url).status_code == 200
    if hidden.live:
        assert client.get(hidden.url).status_code == 404


def test_index_does_not_list_it(client, showcase_index, visible, hidden):
    body = client.get(showcase_index.url).content.decode()
    assert VISIBLE in body
    assert HIDDEN not in body
    body = client.get(showcase_index.url, {"q": "Geheimpje"}).content.decode()
    assert HIDDEN not in body


def test_site_search_does_not_find_it(client, visible, hidden):
    found = client.get(reverse("showcase:search"), {"q": "Zichtbaar"}).content.decode()
    assert VISIBLE in found
    body = client.get(reverse("showcase:search"), {"q": "Geheimpje"}).content.decode()
    assert HIDDEN not in body
    body = client.get(reverse("showcase:search"), {"q": "Voorbeeld"}).content.decode()
    assert HIDDEN not in body


@pytest.mark.parametrize("name", ["showcase:showcase_rss", "showcase:showcase_atom"])
def test_feeds_do_not_carry_it(client, visible, hidden, name):
    body = client.get(reverse(name)).content.decode()
    assert VISIBLE in body
    assert HIDDEN not in body


def test_api_does_not_list_or_serve_it(client, visible, hidden):
    listing = client.get("/api/v2/pages/").json()
    titles = [item["title"] for item in listing["items"]]
    assert titles == [VISIBLE]
    assert client.get(f"/api/v2/pages/{visible.pk}/").status_code == 200
    assert client.get(f"/api/v2/pages/{hidden.pk}/").status_code == 404
    assert client.get("/api/v2/pages/", {"type": "showcase.ShowcasePage"}).json()["meta"]["total_count"] == 1


@pytest.mark.parametrize(
    "name", ["showcase:open_data_csv", "showcase:open_data_json", "showcase:open_data_ckan", "showcase:open_data_dcat"]
)
def test_exports_do_not_contain_it(client, visible, hidden, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    body = response.content.decode()
    assert HIDDEN not in body
    if name != "showcase:open_data_dcat":  # the catalogue record describes the data, not the rows
        assert VISIBLE in body


def test_sitemap_does_not_list_it(client, visible, hidden):
    body = client.get("/sitemap.xml").content.decode()
    assert "/zichtbaar/" in body
    assert "/verborgen/" not in body


def test_dataset_page_lists_only_public_examples(client, visible, hidden):
    body = client.get(reverse("showcase:dataset_detail", args=["kerncijfers-wijken-en-buurten"])).content.decode()
    assert VISIBLE in body
    assert HIDDEN not in body


def test_dataset_only_used_by_hidden_pages_is_404(client, showcase_index, visible):
    edition = past_edition(year=2094, published=False)
    make_showcase_page(
        index=showcase_index, edition=edition, title=HIDDEN, datasets=[("geheime-set", "Geheime set")], slug="geheim"
    )
    assert client.get(reverse("showcase:dataset_detail", args=["geheime-set"])).status_code == 404
    assert "Geheime set" not in client.get(reverse("showcase:dataset_index")).content.decode()


def test_other_examples_on_a_page_leave_it_out(client, visible, hidden):
    body = client.get(visible.url).content.decode()
    assert HIDDEN not in body


def test_guide_linking_to_it_does_not_show_it(client, guide_index, visible, hidden):
    guide = GuidePage(
        title="Handreiking",
        intro="Inleiding",
        last_reviewed=datetime.date(2026, 1, 1),
        body=[("examples", {"title": "Voorbeelden", "pages": [visible, hidden]})],
    )
    guide_index.add_child(instance=guide)
    guide.save_revision().publish()
    body = client.get(guide.url).content.decode()
    assert VISIBLE in body
    assert HIDDEN not in body


def test_results_page_of_embargoed_edition_is_404_everywhere(client, showcase_index, visible):
    hidden = _hidden_page("embargo", showcase_index)
    year_page = hidden.get_parent()
    assert client.get(year_page.url).status_code == 404
    assert client.get(visible.get_parent().url).status_code == 200
    assert str(hidden.edition.year) not in client.get(reverse("showcase:results_archive")).content.decode()
    assert year_page.url not in client.get("/sitemap.xml").content.decode()
    assert year_page.title not in client.get(reverse("showcase:search"), {"q": "Uitslag"}).content.decode()


def test_results_page_names_only_consented_entries(client, showcase_index):
    edition = past_edition(year=2095)
    EntryFactory(edition=edition, title="Toegestaan Project", consent_publish=True, state=EntryState.WINNER)
    EntryFactory(edition=edition, title="Stil Project", consent_publish=False, state=EntryState.SHORTLIST)
    page = make_showcase_page(index=showcase_index, edition=edition, title="Iets")
    body = client.get(page.get_parent().url).content.decode()
    assert "Toegestaan Project" in body
    assert "Stil Project" not in body
    assert "1 gekozen inzending" in body or "1 selected entry is not named" in body


def test_withdrawing_consent_takes_the_page_offline(client, visible):
    assert client.get(visible.url).status_code == 200
    entry = visible.entry
    entry.consent_publish = False
    entry.save()
    assert client.get(visible.url).status_code == 404
    assert VISIBLE not in json.dumps(client.get("/api/v2/pages/").json())
