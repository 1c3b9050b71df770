"""Guides: table of contents, topics filter, citations shown on showcase and dataset pages, feeds."""

import datetime

import pytest
from django.urls import reverse

from showcase.models import GuidePage

from .factories import make_showcase_page, past_edition

pytestmark = pytest.mark.django_db


def make_guide(index, *, title, topics=(), body=(), live=True):
    guide = GuidePage(
        title=title,
        intro=f"Inleiding bij {title}",
        last_reviewed=datetime.date(2026, 3, 1),
        body=list(body),
        live=live,
    )
    index.add_child(instance=guide)
    guide.topics.add(*topics)
    revision = guide.save_revision()
    if live:
        revision.publish()
    guide.refresh_from_db()
    return guide


def test_guide_has_table_of_contents_with_working_anchors(client, guide_index):
    guide = make_guide(
        guide_index,
        title="Data vinden",
        body=[
            ("heading", {"text": "Begin bij uw vraag", "level": "h2"}),
            ("paragraph", "<p>Tekst</p>"),
            ("heading", {"text": "Zoek in de catalogus", "level": "h2"}),
            ("steps", {"title": "Stappen", "steps": [{"title": "Eerste stap", "text": "<p>Doe dit</p>"}]}),
            ("checklist", {"title": "Controle", "items": ["Licentie klopt"]}),
        ],
    )
    body = client.get(guide.url).content.decode()
    assert 'href="#begin-bij-uw-vraag-0"' in body and 'id="begin-bij-uw-vraag-0"' in body
    assert 'href="#zoek-in-de-catalogus-2"' in body and 'id="zoek-in-de-catalogus-2"' in body
    assert "Eerste stap" in body and "Licentie klopt" in body
    assert "guide-print.css" in body and 'media="print"' in body


def test_topic_filter_on_the_guide_index(client, guide_index):
    make_guide(guide_index, title="Over impact", topics=["impact"])
    make_guide(guide_index, title="Over kwaliteit", topics=["kwaliteit"])
    make_guide(guide_index, title="Nog concept", topics=["impact"], live=False)
    body = client.get(guide_index.url, {"onderwerp": "impact"}).content.decode()
    assert "Over impact" in body
    assert "Over kwaliteit" not in body
    assert "Nog concept" not in body
    assert "Over kwaliteit" in client.get(guide_index.url).content.decode()


def test_showcase_and_dataset_pages_link_back_to_citing_guides(client, showcase_index, guide_index):
    page = make_showcase_page(index=showcase_index, edition=past_edition(year=2050), title="Buurtkompas")
    make_guide(guide_index, title="Gids met voorbeeld", body=[("examples", {"title": "", "pages": [page]})])
    make_guide(
        guide_index,
        title="Gids met dataset",
        body=[
            (
                "datasets",
                {
                    "title": "",
                    "datasets": [
                        {
                            "title": "Kerncijfers wijken en buurten",
                            "key": "kerncijfers-wijken-en-buurten",
                            "url": "",
                            "licence": "",
                            "note": "",
                        }
                    ],
                },
            )
        ],
    )
    make_guide(guide_index, title="Concept gids", body=[("examples", {"title": "", "pages": [page]})], live=False)
    body = client.get(page.url).content.decode()
    assert "Gids met voorbeeld" in body and "Gids met dataset" in body
    assert "Concept gids" not in body
    dataset_body = client.get(
        reverse("showcase:dataset_detail", args=["kerncijfers-wijken-en-buurten"])
    ).content.decode()
    assert "Gids met dataset" in dataset_body


def test_guide_feeds_list_only_published_guides(client, guide_index):
    make_guide(guide_index, title="Gepubliceerde gids")
    make_guide(guide_index, title="Concept gids", live=False)
    for name in ("showcase:guide_rss", "showcase:guide_atom"):
        body = client.get(reverse(name)).content.decode()
        assert "Gepubliceerde gids" in body
        assert "Concept gids" not in body


def test_site_search_finds_guides_and_showcase_pages(client, showcase_index, guide_index):
    make_showcase_page(index=showcase_index, edition=past_edition(year=2051), title="Fietsroutes Zoekwoord")
    make_guide(guide_index, title="Handreiking Zoekwoord")
    response = client.get(reverse("showcase:search"), {"q": "Zoekwoord"})
    body = response.content.decode()
    assert "Fietsroutes Zoekwoord" in body and "Handreiking Zoekwoord" in body
    assert response.context["result_count"] == 2


def test_api_serves_only_showcase_pages(client, showcase_index, guide_index):
    make_showcase_page(index=showcase_index, edition=past_edition(year=2052), title="In de API")
    guide = make_guide(guide_index, title="Niet in de API")
    listing = client.get("/api/v2/pages/").json()
    assert [item["title"] for item in listing["items"]] == ["In de API"]
    assert client.get(f"/api/v2/pages/{guide.pk}/").status_code == 404
    assert client.post("/api/v2/pages/", {}).status_code == 405


def test_showcase_page_has_json_ld_and_plain_share_links(client, showcase_index):
    page = make_showcase_page(index=showcase_index, edition=past_edition(year=2053), title="Deelbaar </script>")
    body = client.get(page.url).content.decode()
    assert '<script type="application/ld+json">' in body
    json_ld = body.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert "</script" not in json_ld and "\\u003C/script\\u003E" in json_ld
    assert "https://www.linkedin.com/sharing/share-offsite/?url=" in body
    assert '<script src="https://' not in body
