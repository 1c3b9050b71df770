"""robots.txt, sitemap.xml, 404 and 500 pages, statements from the demo content."""

import io
import xml.etree.ElementTree as ET  # noqa: S405 - our own sitemap, parsed in a test

import pytest
from django.test import RequestFactory

from awardsite import demo
from awardsite.views import server_error

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_pages():
    return demo.ensure_pages()


def test_robots_txt_points_to_sitemap_and_keeps_crawlers_out_of_private_areas(client, settings):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    for private in ["/admin/", "/accounts/", "/en/accounts/", "/jury/", "/en/jury/"]:
        assert f"Disallow: {private}" in lines
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in lines


def test_sitemap_lists_the_live_pages(client, site_pages):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [loc.text for loc in root.findall("s:url/s:loc", ns)]
    assert any(loc.rstrip("/").endswith("localhost") or loc.endswith("/") for loc in locations)
    assert any(loc.endswith("/toegankelijkheid/") for loc in locations)
    assert any(loc.endswith("/privacy/") for loc in locations)


def test_sitemap_leaves_out_unpublished_pages(client, site_pages):
    from awardsite.pages import StandardPage

    draft = StandardPage(title="Concept", slug="concept-pagina", live=False)
    site_pages.add_child(instance=draft)
    draft.unpublish()
    assert b"concept-pagina" not in client.get("/sitemap.xml").content


@pytest.mark.parametrize(
    ("url", "lang", "heading"),
    [("/bestaat-niet/", "nl", "Pagina niet gevonden"), ("/en/does-not-exist/", "en", "Page not found")],
)
def test_unknown_url_gets_styled_404_in_its_language(client, site_pages, url, lang, heading):
    response = client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{lang}"' in html
    assert heading in html
    assert 'id="main"' in html
    assert "soda.css" in html


def test_500_page_renders_without_database_or_context_processors(django_assert_num_queries):
    request = RequestFactory().get("/kapot/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="nl"' in html
    assert "Er ging iets mis" in html
    assert 'lang="en"' in html  # the English text is marked as such
    assert "/static/css/soda.css" in html


def test_500_handler_is_wired():
    from awardsite import urls

    assert urls.handler500 == "awardsite.views.server_error"
    assert urls.handler404 == "awardsite.views.page_not_found"


def test_statement_pages_have_real_content(client, site_pages):
    privacy = client.get("/privacy/").content.decode()
    for words in ["persoonsgegevens", "grondslag", "bewaren", "maanden", "uw rechten", "Autoriteit Persoonsgegevens"]:
        assert words.lower() in privacy.lower(), words
    accessibility = client.get("/toegankelijkheid/").content.decode()
    for words in ["WCAG 2.1", "axe-core", "toetsenbord", "bekende problemen", "contact"]:
        assert words.lower() in accessibility.lower(), words


def test_privacy_statement_states_the_configured_retention(client, settings):
    settings.PURGE_AFTER_MONTHS = 18
    demo.ensure_pages()
    assert "18 maanden" in client.get("/privacy/").content.decode()


def test_load_demo_prints_logins():
    out = io.StringIO()

    class Out:
        def write(self, text):
            out.write(text + "\n")

    demo.print_logins(out=Out())
    assert "demo-wachtwoord-2026" in out.getvalue()


def test_403_page_in_site_style(client, site_pages):
    from django.core.exceptions import PermissionDenied
    from django.test import override_settings
    from django.urls import path

    def refuse(request):
        raise PermissionDenied

    from awardsite import urls as site_urls

    urlconf = type("Urls", (), {"urlpatterns": [path("weigeren/", refuse), *site_urls.urlpatterns]})
    with override_settings(ROOT_URLCONF=urlconf):
        response = client.get("/weigeren/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Geen toegang" in html or "No access" in html
    assert 'id="main"' in html


def test_csrf_failure_page_in_site_style(site_pages):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"login": "a@example.org", "password": "x"})
    assert response.status_code == 403
    html = response.content.decode()
    assert 'id="main"' in html
    assert "soda.css" in html
